"""The import report as a table (row, SKU, column, code, message), and the wording of what the app could
not read (the models give codes and values; the words are here, translated)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.models.seller.csv_files import ReadProblem
from desktop.models.seller.import_check import ImportCheck, ReportRow
from desktop.views.locale.formatting import format_int
from desktop.views.window.keyboard import keyboard_view

__all__ = ["ImportReportModel", "carrier_formats", "check_summary", "file_filter", "problem_text", "report_table"]

_Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate




def carrier_formats() -> dict[str, str]:
    """The tracking number format of each carrier :mod:`~desktop.models.seller.tracking_numbers` checks,
    in a few words of the user's language."""
    return {
        "UPS": translate("SellerImport", "1Z followed by 16 letters or digits"),
        "DHL": translate("SellerImport", "10, 12 or 20 digits, or JJD, JVGL or JD followed by digits"),
        "DPD": translate("SellerImport", "14 digits"),
        "GLS": translate("SellerImport", "11 or 12 digits"),
        "Colissimo": translate("SellerImport", "13 characters like AA123456789FR or 6A12345678901, or 11 to 15 "
                               "digits"),
    }


def problem_text(p: ReadProblem, *, located: bool = True) -> str:
    """"Row 14, column unit_price: 12,5,0 is not a price." and the like (without "Row 14, column
    unit_price: " when not ``located``: the report's columns say it)."""
    if not located:
        where = ""
    elif p.column:
        where = translate("SellerImport", "Row %1, column %2: ").replace("%1", format_int(p.row))
        where = where.replace("%2", p.column)
    else:
        where = translate("SellerImport", "Row %1: ").replace("%1", format_int(p.row))
    words = {
        "not_a_price": translate(
            "SellerImport", "%1 is not a price (like 12.50, or 12,50 in a file with decimal commas)."),
        "mixed_decimal": translate(
            "SellerImport", "%1 does not use the decimal separator of the column's other prices; write it like them."),
        "unreadable_text": translate(
            "SellerImport", "a character cannot be read (byte %1): the file is neither UTF-8 nor Windows-1252 "
            "text. Save it again as \"CSV UTF-8\"."),
        "not_text": translate("SellerImport", "this file is not text (a workbook or a picture?). Save it as CSV."),
        "empty_file": translate("SellerImport", "the file is empty."),
        "no_header": translate("SellerImport", "the first row must name the columns (%1); no column %2 was found."),
        "unknown_order": translate("SellerImport", "you have no order %1."),
        "order_not_shippable": translate("SellerImport", "order %1 is %2 and cannot be marked shipped."),
        "missing_tracking_number": translate("SellerImport", "the tracking number is missing."),
        "missing_order": translate("SellerImport", "the order reference is missing."),
        "unknown_carrier": translate(
            "SellerImport", "carrier %1 has no tracking page the buyer can follow (it is still sent)."),
        "duplicate_order": translate("SellerImport", "order %1 is also on row %2."),
        "too_long": translate("SellerImport", "%1 is longer than the carrier field allows (60 characters)."),
        "scientific_notation": translate(
            "SellerImport", "%1 is a number in scientific notation: the spreadsheet took the tracking number for "
            "a number and lost its digits (and leading zeros). Format the column as Text (or import the CSV "
            "with that column as Text), type or paste the numbers again, then save the CSV."),
        "carrier_format": translate("SellerImport", "%1 is not a %2 tracking number: %3."),
    }
    text = words.get(p.code, p.code)
    quoted = text.startswith("%1")  # begins with the seller's own text: "abc is not a price", as typed
    if p.code == "no_header":
        text = text.replace("%1", p.value).replace("%2", p.column or "")
    elif p.code in ("scientific_notation", "carrier_format"):
        number, _, carrier = p.value.partition("|")
        hint = carrier_formats().get(carrier, "")
        text = text.replace("%1", number).replace("%2", carrier).replace("%3", hint)
    elif p.code in ("order_not_shippable", "duplicate_order"):
        first, _, second = p.value.partition("|")
        text = text.replace("%1", first).replace("%2", second)
    else:
        text = text.replace("%1", p.value)
    if not where or p.code in ("not_text", "empty_file"):
        return text if quoted else text[:1].upper() + text[1:]
    return where + text


def server_text(r: ReportRow) -> str:
    """The server's row error in the app's language, for the codes the import format defines (the
    server's own English message otherwise)."""
    words = {
        ("invalid_price", "unit_price"): translate(
            "SellerImport", "A price above 0 with at most 2 decimals, e.g. 12.50."),
        ("invalid_number", "stock_units"): translate("SellerImport", "A whole number of units, 0 or more."),
        ("invalid_number", "moq_units"): translate("SellerImport", "A whole number of units, 1 or more."),
        ("invalid_packagings", "packagings"): translate(
            "SellerImport", "Packagings like \"unit:1|carton:12|pallet:480\" (distinct labels)."),
        ("invalid_price_tiers", "price_tiers"): translate(
            "SellerImport", "Volume prices like \"10:3.10|100:2.60\" (at most 5; each above the MOQ, with more "
            "units and a lower price than the one before; the first below the price)."),
        ("invalid_collection", "collections"): translate(
            "SellerImport", "Collections: \"weekly\", \"surplus\" or \"weekly|surplus\"."),
        ("unknown_warehouse", "warehouse"): translate("SellerImport", "You have no warehouse with the code %1."),
        ("unknown_category", "category"): translate("SellerImport", "There is no category %1."),
        ("unknown_sku", "sku"): translate(
            "SellerImport", "You have no offer with the SKU %1; this import only updates offers."),
        ("invalid_title", "title"): translate("SellerImport", "The title needs 1 to %2 characters."),
        ("invalid_sku", "sku"): translate("SellerImport", "The SKU needs 1 to %2 characters."),
        ("invalid_character", "title"): translate(
            "SellerImport", "The title cannot contain control characters (NUL, tab, line breaks)."),
        ("invalid_character", "sku"): translate(
            "SellerImport", "The SKU cannot contain control characters (NUL, tab, line breaks)."),
        ("invalid_currency", "currency"): translate("SellerImport", "There is no currency %1 on the marketplace."),
        ("ambiguous_category", "category"): translate(
            "SellerImport", "Several categories are named %1; use the category's number."),
        ("invalid_version", "version"): translate(
            "SellerImport", "The offer's version as the export writes it (a whole number), or empty."),
    }
    text = words.get((r.code, r.field or ""))
    if text is None:
        return r.message
    longest = re.search(r"1 to (\d+)", r.message)  # the server's limit, as its message gives it
    return text.replace("%1", f"“{r.value}”").replace("%2", format_int(int(longest[1])) if longest else "…")


def file_filter() -> str:
    return translate("SellerImport", "CSV and text files (*.csv *.txt *.tsv);;All files (*)")


def _how(check: ImportCheck) -> str:
    """"Windows-1252, semicolon, decimal comma": how the file was read."""
    canonical = check.canonical
    if canonical is None:
        return ""
    delimiter = {
        ",": translate("SellerImport", "comma"),
        ";": translate("SellerImport", "semicolon"),
        "\t": translate("SellerImport", "tab"),
    }[canonical.table.delimiter]
    comma = translate("SellerImport", "decimal comma") if canonical.decimal_comma else ""
    return ", ".join(filter(None, (canonical.table.encoding, delimiter, comma)))


def check_summary(check: ImportCheck) -> str:
    """"offers.csv (UTF-8, semicolon, decimal comma): 3 to create, 1 to update, 10 unchanged. 2 rows
    with errors: nothing will be written until they are fixed." (or what was imported)."""
    if check.unreadable:
        return translate("SellerImport", "%1 cannot be read; nothing was sent.").replace("%1", check.name)
    if check.applied:
        counts = translate("SellerImport", "%1 created, %2 updated, %3 unchanged.")
    else:
        counts = translate("SellerImport", "%1 to create, %2 to update, %3 unchanged.")
    counts = (counts.replace("%1", format_int(check.created)).replace("%2", format_int(check.updated))
              .replace("%3", format_int(check.unchanged)))
    if check.applied:
        tail = translate("SellerImport", "Imported.")
        if check.skipped:
            tail += " " + translate("SellerImport", "Offers edited on the server since the export, left as they "
                                    "are: %1.").replace("%1", format_int(check.skipped))
    elif check.rows:
        tail = translate("SellerImport", "Rows with errors: %1. Nothing will be written until they are fixed.")
        tail = tail.replace("%1", format_int(check.error_rows))
    elif not check.created and not check.updated:
        tail = translate("SellerImport", "Nothing to import.")
    elif check.stale:
        tail = translate("SellerImport", "No errors, but %1 row(s) change offers edited on the server after the "
                         "file was exported (marked below): choose whether to skip or overwrite them.")
        tail = tail.replace("%1", format_int(check.stale))
    else:
        tail = translate("SellerImport", "No errors: ready to import.")
    template = translate("SellerImport", "%1 (%2): %3 %4")
    return template.replace("%1", check.name).replace("%2", _how(check)).replace("%3", counts).replace("%4", tail)


class ImportReportModel(QAbstractTableModel):
    """A few thousand rows at most (one per error): held as a list, read as it is."""

    COLUMNS = ("row", "sku", "field", "code", "message")

    def __init__(self, parent: QObject | None = None, *, key_label: str | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReportRow] = []
        self._views: list[QTableView] = []
        #: the second column's title: "SKU" for offers, "Order" for tracking uploads
        self.key_label = key_label

    def set_rows(self, rows: Sequence[ReportRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        for view in self._views:
            view.resizeColumnsToContents()

    def attach(self, view: QTableView) -> None:
        self._views.append(view)

    def report_row(self, row: int) -> ReportRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        titles = (translate("SellerImport", "Row"), self.key_label or translate("SellerImport", "SKU"),
                  translate("SellerImport", "Column"), translate("SellerImport", "Code"),
                  translate("SellerImport", "Message"))
        return titles[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "row":
                return format_int(r.row)
            if column == "message":
                return problem_text(r.problem, located=False) if r.problem is not None else server_text(r)
            return getattr(r, column) or ""
        if role == Qt.ItemDataRole.ToolTipRole and column == "message":
            return problem_text(r.problem) if r.problem is not None else server_text(r)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "row":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def report_table(model: ImportReportModel) -> QTableView:
    """The report's table. Columns fit the rows in view when the report comes (fitting all of 10,000
    rows took most of a second), then the seller may widen them."""
    table = keyboard_view(QTableView())
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setResizeContentsPrecision(0)  # the visible rows only
    header.setStretchLastSection(True)
    model.attach(table)
    table.resizeColumnsToContents()
    return table
