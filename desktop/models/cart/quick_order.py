"""CSV quick order: pasted or imported `sku,quantity[,packaging]` rows, and the cart written back as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.models.spreadsheet import formula_guard, strip_formula_guard

from .lines import CartLine, validate_quantity
from .quote import _packaging

_HEADER_NAMES = {
    "sku": "sku", "article": "sku", "reference": "sku", "ref": "sku", "item": "sku", "product": "sku",
    "quantity": "quantity", "qty": "quantity", "quantité": "quantity", "quantite": "quantity",
    "amount": "quantity", "packaging": "packaging", "pack": "packaging", "package": "packaging",
    "conditionnement": "packaging", "packaging_id": "packaging",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class QuickOrderRow:
    line_number: int  # 1-based line in the text, for messages
    sku: str
    quantity: int  # packagings
    packaging: str | None  # a packaging id or label as typed; None = the offer's default packaging


@dataclass(frozen=True, slots=True)
class RejectedRow:
    line_number: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class QuickOrderParse:
    accepted: list[QuickOrderRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)


def _dialect(text: str) -> type[csv.Dialect]:
    """Excel's dialect with the sniffed delimiter. Only the delimiter: from rows without quotes,
    csv.Sniffer guesses that quotes are not doubled, and then misreads a later quoted cell that has
    doubled quotes in it (a packaging label with a quote, as the cart's CSV export writes it)."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        # One column, or too little to tell: take the separator that occurs most.
        counts = {d: sample.count(d) for d in ";,\t"}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","

    class _Dialect(csv.excel):
        pass

    _Dialect.delimiter = delimiter
    return _Dialect


def parse_quick_order(text: str) -> QuickOrderParse:
    """Parse pasted or imported `sku,quantity[,packaging]` rows.

    The delimiter (`,` `;` or tab) is sniffed by `csv.Sniffer`; quoting is Excel's. A first row naming the
    columns (sku / quantity / packaging, in any order, English or French) is used as a header; blank
    lines are skipped. Every other row is accepted or rejected with a reason; nothing is resolved
    against the catalog here (see `resolve_quick_order`).
    """
    text = text.lstrip("\ufeff")
    result = QuickOrderParse()
    if not text.strip():
        return result
    source_lines = text.splitlines()
    reader = csv.reader(io.StringIO(text), _dialect(text))
    columns = {"sku": 0, "quantity": 1, "packaging": 2}
    first = True
    for cells in reader:
        line_number = reader.line_num
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        raw = source_lines[line_number - 1] if 0 < line_number <= len(source_lines) else ",".join(cells)
        if first:
            first = False
            header = {_HEADER_NAMES.get(cell.casefold()) for cell in cells}
            if "sku" in header and "quantity" in header:
                columns = {}
                for index, cell in enumerate(cells):
                    name = _HEADER_NAMES.get(cell.casefold())
                    if name is not None and name not in columns:
                        columns[name] = index
                continue

        sku = strip_formula_guard(_cell(cells, columns, "sku"))
        quantity_text = _cell(cells, columns, "quantity").replace("\u00a0", "").replace(" ", "")
        packaging = strip_formula_guard(_cell(cells, columns, "packaging")) or None
        if not sku:
            result.rejected.append(RejectedRow(line_number, raw, "The SKU is missing."))
            continue
        if not quantity_text:
            result.rejected.append(RejectedRow(line_number, raw, "The quantity is missing."))
            continue
        if not quantity_text.isdecimal():
            result.rejected.append(
                RejectedRow(line_number, raw, f"The quantity {quantity_text!r} is not a whole number.")
            )
            continue
        try:
            quantity = validate_quantity(int(quantity_text))
        except ValueError as exc:
            result.rejected.append(RejectedRow(line_number, raw, str(exc)))
            continue
        result.accepted.append(QuickOrderRow(line_number, sku, quantity, packaging))
    return result


def _cell(cells: list[str], columns: Mapping[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index] if index is not None and index < len(cells) else ""


def resolve_quick_order(
    rows: Iterable[QuickOrderRow], offers_by_sku: Mapping[str, Sequence[Mapping[str, Any]]]
) -> tuple[list[CartLine], list[RejectedRow]]:
    """Turn parsed rows into cart lines, given the offers with each SKU (e.g. from the catalog cache).

    The packaging may be a packaging id or label (case-insensitive); when absent, the offer's
    smallest packaging. A SKU sold by several sellers is ambiguous and rejected.
    """
    lines: list[CartLine] = []
    rejected: list[RejectedRow] = []
    for row in rows:
        text = ",".join(filter(None, (row.sku, str(row.quantity), row.packaging)))
        candidates = offers_by_sku.get(row.sku) or ()
        if not candidates:
            rejected.append(RejectedRow(row.line_number, text, f"No offer has the SKU {row.sku!r}."))
            continue
        if len(candidates) > 1:
            rejected.append(
                RejectedRow(
                    row.line_number,
                    text,
                    f"Several sellers offer the SKU {row.sku!r}; add it from the catalog.",
                )
            )
            continue
        offer = candidates[0]
        packagings = list(offer.get("packagings") or ())
        if not packagings:
            rejected.append(RejectedRow(row.line_number, text, f"The offer {row.sku!r} has no packaging."))
            continue
        if row.packaging is None:
            chosen = min(packagings, key=lambda p: int(p["units"]))
        else:
            wanted = row.packaging.casefold()
            chosen = next(
                (
                    p
                    for p in packagings
                    if str(p["id"]) == row.packaging or str(p.get("label", "")).casefold() == wanted
                ),
                None,
            )
            if chosen is None:
                labels = ", ".join(str(p.get("label")) for p in packagings)
                rejected.append(
                    RejectedRow(
                        row.line_number,
                        text,
                        f"Unknown packaging {row.packaging!r}; choose one of: {labels}.",
                    )
                )
                continue
        lines.append(CartLine(int(offer["id"]), int(chosen["id"]), row.quantity))
    return lines, rejected


def cart_to_csv(lines: Iterable[CartLine], offers_by_id: Mapping[int, Mapping[str, Any]]) -> str:
    """The cart as `sku,quantity,packaging` CSV (packaging by label), readable by `parse_quick_order`.

    Lines whose offer is unknown are left out (they have no SKU to write). Cells that a spreadsheet
    would run as a formula are prefixed with an apostrophe.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["sku", "quantity", "packaging"])
    for line in lines:
        offer = offers_by_id.get(line.offer_id)
        if offer is None:
            continue
        packaging = _packaging(offer, line.packaging_id)
        label = str(packaging.get("label") or packaging["id"]) if packaging else str(line.packaging_id)
        writer.writerow([formula_guard(str(offer["sku"])), line.quantity, formula_guard(label)])
    return out.getvalue()

