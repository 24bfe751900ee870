"""CSV files as spreadsheets write them, read into the canonical CSV of the server's contract.

Spreadsheets save "CSV" in many ways: UTF-8 with or without a BOM, UTF-16 with a BOM (Excel's "Unicode
text", tab-separated), Windows-1252 (older Excel "CSV" on Windows); comma, semicolon (locales whose
decimal separator is a comma) or tab between cells; prices with a decimal comma. :func:`read_table`
decodes the bytes and finds the delimiter (``csv.Sniffer``, then checked against the header: the
delimiter that splits the header into known column names wins); :func:`normalise_offers` writes the
offers' canonical CSV (UTF-8, comma, decimal point) the server reads, keeping the file's rows where
they were, so that every row the server names is the row the seller sees in the spreadsheet.

Why on the client: the problems of reading (an undecodable byte, a price that is no number) are named
by the file's own row and column before anything is sent, offline too; the decimal comma is decided
for the whole column (its header's note, or every price in it), which a per-cell rule on the server
cannot do ("1,250"); the watched folder and the tracking upload read files the same way.

Problems are data (a code and the values a message needs); the views word them, translated."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

__all__ = [
    "OFFER_COLUMNS",
    "CanonicalCsv",
    "ReadProblem",
    "Table",
    "UnreadableFile",
    "normalise_offers",
    "read_table",
]

#: the import format of ``POST /seller/offers/import`` (and of the export)
OFFER_COLUMNS = ("sku", "title", "category", "unit_price", "currency", "stock_units", "moq_units",
                 "packagings", "collections", "warehouse", "price_tiers", "version")
PRICE_COLUMNS = ("unit_price",)
DELIMITERS = ",;\t"
# A cell may be as long as the file (the server's own limit names an over-long title as a row error).
csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))

_COMMA_NOTE = re.compile(r"comma|virgule|komma|coma|virgola|^\W*,\W*$")
_POINT_NOTE = re.compile(r"point|punkt|punto|^\W*\.\W*$")
_SPACES = str.maketrans("", "", " \u00a0\u202f'")
_POINT_PRICE = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_COMMA_PRICE = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")
_COMMA_DECIMAL = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+),\d{1,2}")
_POINT_DECIMAL = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{1,2}")


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A cell (or the file) that cannot be read. ``row`` is the spreadsheet's row (header = 1)."""

    row: int
    column: str | None
    code: str  # unreadable_text | not_a_price | mixed_decimal | no_header | empty_file | not_text
    value: str = ""
    sku: str | None = None


class UnreadableFile(Exception):
    """The file is not text of a known encoding, or has no header of known columns (never sent)."""

    def __init__(self, problem: ReadProblem) -> None:
        super().__init__(problem.code)
        self.problem = problem


@dataclass(slots=True)
class Table:
    encoding: str  # "UTF-8", "UTF-8 BOM", "UTF-16", "Windows-1252"
    delimiter: str
    names: list[str]  # the header's column names, canonical (lower case, note taken off)
    notes: list[str]  # what followed a name in brackets, e.g. "decimal comma"
    records: list[list[str]]  # the data rows in file order; records[i] is spreadsheet row i + 2
    #: physical lines read: more than the rows when a quoted cell spans lines
    lines: int = 0

    def column(self, name: str) -> int | None:
        return self.names.index(name) if name in self.names else None


@dataclass(slots=True)
class CanonicalCsv:
    text: str
    table: Table
    decimal_comma: bool
    problems: list[ReadProblem] = field(default_factory=list)
    #: the server's line numbers → the file's rows, when a cell spans lines (else they are the same)
    line_to_row: dict[int, int] | None = None

    @property
    def rows(self) -> int:
        return sum(1 for record in self.table.records if any(cell.strip() for cell in record))

    def source_row(self, server_line: int) -> int:
        return server_line if self.line_to_row is None else self.line_to_row.get(server_line, server_line)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name). Raises UnreadableFile naming the row and column of the first bad byte."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise UnreadableFile(ReadProblem(1, None, "not_text", "UTF-16")) from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "UTF-8 BOM"
        except UnicodeDecodeError as exc:
            _undecodable(data, exc)
    if b"\x00" in data[:4096]:
        raise UnreadableFile(ReadProblem(1, None, "not_text"))
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        _undecodable(data, exc)
    raise AssertionError("unreachable")


def _undecodable(data: bytes, exc: UnicodeDecodeError) -> None:
    """Raise UnreadableFile at the bad byte's row and column (read from the text with the byte replaced)."""
    text = data.decode("cp1252", errors="replace").lstrip("\ufeff\u00ef\u00bb\u00bf")
    table = _split(text, _delimiter(text, OFFER_COLUMNS), "")
    for index, record in enumerate([table.names, *table.records]):
        for position, cell in enumerate(record):
            if "\ufffd" in cell:
                column = table.names[position] if index and position < len(table.names) else None
                raise UnreadableFile(ReadProblem(index + 1, column, "unreadable_text", f"0x{data[exc.start]:02X}"))
    raise UnreadableFile(ReadProblem(data[: exc.start].count(b"\n") + 1, None, "unreadable_text",
                                     f"0x{data[exc.start]:02X}"))


def column_name(header_cell: str) -> tuple[str, str]:
    """("unit_price", "decimal comma") from "Unit price (decimal comma)"."""
    cell = header_cell.strip().lstrip("\ufeff")
    name, note = cell, ""
    for opening in "([":
        if opening in cell:
            name, _, rest = cell.partition(opening)
            note = rest.rstrip(")] ").strip()
            break
    return "_".join(name.strip().lower().split()), note.lower()


def _delimiter(text: str, known: tuple[str, ...]) -> str:
    """The sniffed delimiter if it splits the header into known names, else the one that does best."""
    head = text[:8192]
    header = head.splitlines()[0] if head.strip() else ""

    def known_names(delimiter: str) -> int:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        return sum(column_name(cell)[0] in known for cell in cells)

    try:
        sniffed = csv.Sniffer().sniff(head, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = ","
    best = max(DELIMITERS, key=known_names)
    return sniffed if known_names(sniffed) >= known_names(best) else best


def _split(text: str, delimiter: str, encoding: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, doublequote=True, quotechar='"')
    header = next(reader, [])
    named = [column_name(cell) for cell in header]
    records = list(reader)
    return Table(encoding, delimiter, [n for n, _ in named], [note for _, note in named], records, reader.line_num)


def read_table(data: bytes, known: tuple[str, ...], required: tuple[str, ...] = ("sku",)) -> Table:
    """Decode ``data`` and split it into cells. Raises UnreadableFile when no header names the
    ``required`` columns (not a file of this kind, or a delimiter we cannot tell)."""
    if not data.strip():
        raise UnreadableFile(ReadProblem(1, None, "empty_file"))
    text, encoding = decode(data)
    table = _split(text, _delimiter(text, known), encoding)
    missing = [name for name in required if name not in table.names]
    if missing:
        raise UnreadableFile(ReadProblem(1, missing[0], "no_header", ", ".join(known)))
    return table


def _decimal_comma(table: Table, index: int) -> bool:
    """The header's note says so, or most prices with decimals in the column have a decimal comma
    (then the others are problems: a stray "7.25" among "12,50"s is named, not obeyed)."""
    note = table.notes[index]
    if _COMMA_NOTE.search(note):
        return True
    if _POINT_NOTE.search(note):
        return False
    cells = [r[index].translate(_SPACES) for r in table.records if index < len(r)]
    commas = sum(1 for c in cells if _COMMA_DECIMAL.fullmatch(c))
    return commas > 0 and commas > sum(1 for c in cells if _POINT_DECIMAL.fullmatch(c))


def _price(cell: str, comma: bool) -> str | None:
    """The price with a decimal point and no grouping, or None when it is no number."""
    value = cell.translate(_SPACES)
    if comma:
        return value.replace(".", "").replace(",", ".") if _COMMA_PRICE.fullmatch(value) else None
    return value.replace(",", "") if _POINT_PRICE.fullmatch(value) else None


def normalise_offers(data: bytes) -> CanonicalCsv:
    """The offers' canonical CSV for ``POST /seller/offers/import``, with the problems of reading.

    A cell that cannot be read is a problem and goes to the server as it is (the server's error on
    the same cell is then left out of the report, see ``import_check``). Raises UnreadableFile."""
    table = read_table(data, OFFER_COLUMNS)
    sku_at = table.column("sku")
    problems: list[ReadProblem] = []
    comma = False
    for name in PRICE_COLUMNS:
        index = table.column(name)
        if index is None:
            continue
        column_comma = _decimal_comma(table, index)
        comma = comma or column_comma
        for number, record in enumerate(table.records, start=2):
            if index >= len(record) or not record[index].strip():
                continue
            cell = record[index].strip()
            price = _price(cell, column_comma)
            if price is not None:
                record[index] = price
                continue
            sku = record[sku_at].strip() if sku_at is not None and sku_at < len(record) else None
            mixed = _price(cell, not column_comma) is not None
            problems.append(ReadProblem(number, name, "mixed_decimal" if mixed else "not_a_price", cell, sku or None))
    tiers_at = table.column("price_tiers")
    if tiers_at is not None:
        has_price = any(table.column(name) is not None for name in PRICE_COLUMNS)
        comma = _tier_cells(table, tiers_at, comma if has_price else None)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.names)
    writer.writerows(table.records)
    text = out.getvalue()
    multiline = table.lines > len(table.records) + 1
    return CanonicalCsv(text, table, comma, problems, _line_map(text) if multiline else None)


def _tier_cells(table: Table, index: int, comma: bool | None) -> bool:
    """Volume prices ``10:3,10|100:2,60`` with the decimal point of the canonical CSV, where the file
    uses decimal commas (its price column's, else the tier cells' own majority). A cell that cannot be
    read goes as it is: the server names it (field ``price_tiers``). Returns the decimal comma."""
    cells = [(r, r[index].strip()) for r in table.records if index < len(r) and r[index].strip()]
    if comma is None:
        prices = [p.rpartition(":")[2].translate(_SPACES) for _r, cell in cells for p in cell.split("|")]
        commas = sum(1 for p in prices if _COMMA_DECIMAL.fullmatch(p))
        comma = commas > 0 and commas > sum(1 for p in prices if _POINT_DECIMAL.fullmatch(p))
    for record, cell in cells:
        parts = []
        for part in cell.split("|"):
            units, sep, price = part.rpartition(":")
            read = _price(price.strip(), comma) if sep else None
            if read is None:
                break
            parts.append(f"{units.strip()}:{read}")
        else:
            record[index] = "|".join(parts)
    return comma


def _line_map(text: str) -> dict[int, int]:
    """Line where each record starts (as the server counts: csv's ``line_num``) → spreadsheet row."""
    reader = csv.reader(io.StringIO(text, newline=""))
    mapping, line = {}, 1
    for row, _record in enumerate(reader, start=1):
        mapping[line] = row
        line = reader.line_num + 1
    return mapping
