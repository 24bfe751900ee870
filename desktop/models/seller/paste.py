"""A block pasted from a spreadsheet: its rows, and which offer field each of its columns is.

    block = read_block(clipboard_text, skus, headers={"prix": "unit_price", ...})
    block.certain       # True: mapped by a header row, or by content beyond doubt; else ask the seller
    block.columns       # ["sku", None, "unit_price"]: None where the column is not known

A first row naming the columns (the field names, the table's headers in the user's language:
``headers``, where None marks a column of the table that is not pasted) maps them. Without one, a
column is known by its content only when nothing else could read it: a column of the seller's own
SKUs, volume prices (``10:3.10|100:2.60``), packagings (``carton:12``), a promotion with its ``%``.
Numbers and words could be a stock, a price, an MOQ or a title: such a column is never guessed (a
sheet of ``sku, stock, price`` once wrote 4300 into titles).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from . import rules

__all__ = ["ALIASES", "PasteBlock", "read_block"]

#: header names a pasted block may use for each field (besides the table's own headers)
ALIASES = {
    "sku": "sku", "title": "title", "stock": "stock_units", "stock_units": "stock_units",
    "price": "unit_price", "unit_price": "unit_price", "moq": "moq_units", "moq_units": "moq_units",
    "packagings": "packagings", "collections": "collections", "promotion": "promotion",
    "price_tiers": "price_tiers", "tiers": "price_tiers", "volume_prices": "price_tiers",
}
#: fields whose text no other field reads: a column all of one of them is that field
_DISTINCT = ("price_tiers", "packagings", "promotion")


@dataclass(frozen=True)
class PasteBlock:
    rows: list[list[str]]  # the data rows (a header row left out)
    columns: list[str | None]  # the field of each column, None when not known
    by_header: bool = False
    #: a header row only partly known ("sku, stock, notes"): its names, shown when the seller is asked
    titles: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    @property
    def certain(self) -> bool:
        """Every column with something in it is known, and one of them is the SKU."""
        filled = [i for i in range(self.width) if any(i < len(r) and r[i].strip() for r in self.rows)]
        known = [self.columns[i] if i < len(self.columns) else None for i in filled]
        return "sku" in known and all(known)


def _key(text: str) -> str:
    return re.sub(r"\s+", "_", text.strip().lower())


def _rows(text: str) -> list[list[str]]:
    delimiter = "\t" if "\t" in text else ","
    return [r for r in csv.reader(io.StringIO(text.strip("\r\n")), delimiter=delimiter) if any(c.strip() for c in r)]


#: a header cell that names no column the app knows
_UNKNOWN = "?"


def header_fields(row: Sequence[str], headers: Mapping[str, str | None] | None = None) -> list[str | None]:
    """Each header cell's field: None for an empty cell or a column known but not pasted (``headers``
    mapping it to None: the table's own Warehouse, Updated…), ``"?"`` for a name the app does not know."""
    names: dict[str, str | None] = {**ALIASES, **{_key(k): v for k, v in (headers or {}).items()}}
    return [names.get(_key(c), _UNKNOWN) if c.strip() else None for c in row]


def _reads_as(name: str, values: list[str]) -> bool:
    try:
        for value in values:
            rules.parse_cell(name, value)
    except rules.RuleError:
        return False
    return name != "promotion" or all("%" in v for v in values)


def _by_content(rows: list[list[str]], skus: Collection[str]) -> list[str | None]:
    width = max((len(r) for r in rows), default=0)
    columns: list[str | None] = []
    for i in range(width):
        values = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
        found = None
        if values and all(v in skus for v in values):
            found = "sku"
        elif values and any(re.search(r"\D", v) for v in values):
            readers = [n for n in _DISTINCT if _reads_as(n, values)]
            found = readers[0] if len(readers) == 1 else None
        columns.append(found if found not in columns else None)
    return columns


def read_block(text: str, skus: Collection[str], headers: Mapping[str, str | None] | None = None) -> PasteBlock:
    """The block's rows and columns (see the module's docstring); ``skus``: the seller's own."""
    rows = _rows(text)
    if not rows:
        return PasteBlock([], [])
    first = header_fields(rows[0], headers)
    if "sku" in first and _UNKNOWN not in first:  # every header cell known
        return PasteBlock(rows[1:], first, by_header=True)
    partly = any(f not in (None, _UNKNOWN) for f in first) and not any(c.strip() in skus for c in rows[0])
    if partly:  # a header row, partly known (a row holding one of the seller's SKUs is data): known ones kept
        return PasteBlock(rows[1:], [None if f == _UNKNOWN else f for f in first], titles=list(rows[0]))
    return PasteBlock(rows, _by_content(rows, skus))
