"""Seller CSV import and export. Import checks every row first and writes only when no row has an
error; export writes the import format, so an exported file re-imports as all unchanged.

A text cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
return) is exported behind an apostrophe, as spreadsheets themselves write such text; import takes the
apostrophe off again. A title like "=HYPERLINK(...)" opened in Excel stays text."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..errors import ApiError
from ..orm import Category, Offer, Warehouse
from ..schemas.catalog import MAX_AMOUNT, MAX_UNITS, ImportRowError
from ..schemas.common import CURRENCY_CODES
from ..schemas.offer_text import MAX_SKU, MAX_TITLE, line_problem
from . import currency as fx
from . import price_tiers

CSV_MEDIA_TYPES = {"text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"}
COLUMNS = (
    "sku",
    "title",
    "category",
    "unit_price",
    "currency",
    "stock_units",
    "moq_units",
    "packagings",
    "collections",
    "warehouse",
    "price_tiers",
    "version",
)
#: a file without `price_tiers` leaves the offers' volume prices as they are; `version` (the offer's
#: version when exported) lets the import tell rows whose offer changed since (catalog_import)
OPTIONAL = {"currency", "collections", "price_tiers", "version"}
#: the columns that hold text (the others are numbers, codes or lists the import checks)
TEXT_COLUMNS = {"sku", "title", "category", "packagings", "warehouse"}
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 50_000
# The csv module refuses a cell over 131,072 characters with an error of its own: let any cell the
# body limit lets through be read, so that an over-long title is the row error every other is.
csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))


@dataclass
class RowSpec:
    line: int
    sku: str
    title: str
    category_id: int
    price_eur: Decimal
    stock_units: int
    moq_units: int
    packagings: tuple[tuple[str, int], ...]
    weekly: bool
    surplus: bool
    warehouse_id: int
    #: volume prices (min_units, list price EUR); None: the file has no such column (left as they are)
    price_tiers: tuple[price_tiers.Tier, ...] | None = None
    #: the offer's version when the file was exported; None: the file has no such column, or the cell is empty
    version: int | None = None


@dataclass
class Parsed:
    rows: list[RowSpec] = field(default_factory=list)
    errors: list[ImportRowError] = field(default_factory=list)

    def error(self, line: int, column: str, code: str, message: str) -> None:
        self.errors.append(ImportRowError(row=line, field=column, code=code, message=message))


def decode(body: bytes) -> str:
    """UTF-16 with a BOM (Excel's "Unicode text"), UTF-8 (with or without a BOM), else Windows-1252
    as older spreadsheet programs write it."""
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return body.decode("utf-16")
        except UnicodeDecodeError:
            raise ApiError(422, "invalid_encoding", "The CSV starts as UTF-16 but is not UTF-16 text.") from None
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return body.decode("cp1252")
        except UnicodeDecodeError:
            raise ApiError(
                422, "invalid_encoding", "The CSV is neither UTF-8 nor Windows-1252 text."
            ) from None


def dialect_of(text: str) -> type[csv.Dialect]:
    """Excel's CSV dialect with the delimiter (`,` `;` or tab) of the header line, which the format
    fixes. Only the delimiter is sniffed: the rest (quotes doubled inside quoted cells) is what
    spreadsheets and our export write, and a header without quotes tells nothing about it."""
    header = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        counts = {d: header.count(d) for d in ",;\t"}
        delimiter = max(counts, key=lambda d: counts[d])

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    return Dialect


class _Lookup:
    """The seller's categories and warehouses, by the names a CSV may use."""

    def __init__(self, session: Session, seller_id: int):
        cats = session.execute(select(Category.id, Category.name)).all()
        self.category_ids = {c.id for c in cats}
        self.by_name: dict[str, list[int]] = {}
        for c in cats:
            self.by_name.setdefault(c.name.strip().lower(), []).append(c.id)
        self.category_label = {
            c.id: (c.name if len(self.by_name[c.name.strip().lower()]) == 1 else str(c.id)) for c in cats
        }
        whs = session.execute(
            select(Warehouse.id, Warehouse.code).where(Warehouse.seller_id == seller_id)
        ).all()
        self.warehouses = {w.code: w.id for w in whs}
        self.warehouse_code = {w.id: w.code for w in whs}
        self.warehouses_folded: dict[str, list[int]] = {}
        for w in whs:
            self.warehouses_folded.setdefault(w.code.lower(), []).append(w.id)


def _int(value: str, low: int, high: int) -> int | None:
    value = value.strip()
    if not value.isdigit() and not (value.startswith("-") and value[1:].isdigit()):
        return None
    number = int(value)
    return number if low <= number <= high else None


@lru_cache(maxsize=4096)  # a big file repeats the same few hundred prices and packagings
def _price(value: str) -> Decimal | None:
    value = value.strip()
    if "," in value and "." not in value:
        value = value.replace(",", ".")  # a decimal comma, as ;-separated files often have
    try:
        price = Decimal(value)
    except InvalidOperation:
        return None
    if not price.is_finite() or price <= 0 or price > MAX_AMOUNT or price.as_tuple().exponent < -2:
        return None
    return price


@lru_cache(maxsize=4096)
def _packagings(value: str) -> tuple[tuple[str, int], ...] | None:
    out: list[tuple[str, int]] = []
    for part in value.split("|"):
        label, sep, units = part.partition(":")
        label = label.strip()
        number = _int(units, 1, 1_000_000) if sep else None
        if not label or len(label) > 60 or number is None or label.lower() in {lb.lower() for lb, _ in out}:
            return None
        out.append((label, number))
    return tuple(out) or None


@lru_cache(maxsize=4096)
def _tiers(value: str) -> tuple[tuple[int, Decimal], ...] | None:
    """`10:3.10|100:2.60` → ((10, 3.10), (100, 2.60)) in the file's currency; "" → (); None if unreadable."""
    if not value.strip():
        return ()
    out = []
    for part in value.split("|"):
        units, sep, amount = part.partition(":")
        number = _int(units, 2, MAX_UNITS) if sep else None
        price = _price(amount) if sep else None
        if number is None or price is None:
            return None
        out.append((number, price))
    return tuple(out)


def parse(text: str, lookup: _Lookup, rates: dict[str, Decimal]) -> Parsed:
    result = Parsed()
    reader = csv.reader(io.StringIO(text, newline=""), dialect_of(text))
    header = next(reader, None)
    if header is None:
        result.error(1, "sku", "empty_file", "The file is empty; it needs a header line.")
        return result
    names = [h.strip().lower() for h in header]
    for name in names:
        if name and name not in COLUMNS:
            result.error(
                1, name, "unknown_column", f"Unknown column {name!r}; expected {', '.join(COLUMNS)}."
            )
    for name in COLUMNS:
        if name not in names and name not in OPTIONAL:
            result.error(1, name, "missing_column", f"The column {name!r} is missing.")
    if result.errors:
        return result
    index = {name: i for i, name in enumerate(names) if name}
    seen: dict[str, int] = {}
    line = 1
    count = 0
    for record in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        count += 1
        if count > MAX_ROWS:
            raise ApiError(413, "too_many_rows", f"At most {MAX_ROWS} offers per file; split it.")
        cell = {name: (record[i].strip() if i < len(record) else "") for name, i in index.items()}
        for name in TEXT_COLUMNS & cell.keys():
            cell[name] = _unguarded(cell[name])
        before = len(result.errors)
        spec = _row(result, start, cell, lookup, rates)
        if spec is not None and spec.sku in seen:
            result.error(start, "sku", "duplicate_sku", f"SKU {spec.sku!r} is also on line {seen[spec.sku]}.")
            spec = None
        for error in result.errors[before:]:
            error.sku = cell["sku"] or None
        if spec is None:
            continue
        seen[spec.sku] = start
        result.rows.append(spec)
    return result


def _row(
    out: Parsed, line: int, cell: dict[str, str], lookup: _Lookup, rates: dict[str, Decimal]
) -> RowSpec | None:
    before = len(out.errors)
    sku, title = cell["sku"], cell["title"]
    for column, value, what, longest in (("sku", sku, "SKU", MAX_SKU), ("title", title, "title", MAX_TITLE)):
        problem = line_problem(value, what, longest)
        if problem:
            code = "invalid_character" if problem[0] == "invalid_character" else f"invalid_{column}"
            out.error(line, column, code, problem[1])
    category_id = None
    raw = cell["category"]
    if raw.isdigit() and int(raw) in lookup.category_ids:
        category_id = int(raw)
    else:
        ids = lookup.by_name.get(raw.lower(), [])
        if len(ids) == 1:
            category_id = ids[0]
        elif ids:
            out.error(
                line, "category", "ambiguous_category", f"Several categories are named {raw!r}; use the id."
            )
        else:
            out.error(line, "category", "unknown_category", f"No category {raw!r}.")
    code = (cell.get("currency") or "EUR").upper()
    if code not in CURRENCY_CODES:
        out.error(line, "currency", "invalid_currency", f"Use one of {', '.join(CURRENCY_CODES)}.")
    price = _price(cell["unit_price"])
    if price is None:
        out.error(line, "unit_price", "invalid_price", "A price above 0 with at most 2 decimals, e.g. 12.50.")
    stock = _int(cell["stock_units"], 0, MAX_UNITS)
    if stock is None:
        out.error(line, "stock_units", "invalid_number", "A whole number of units, 0 or more.")
    moq = _int(cell["moq_units"], 1, MAX_UNITS)
    if moq is None:
        out.error(line, "moq_units", "invalid_number", "A whole number of units, 1 or more.")
    packagings = _packagings(cell["packagings"])
    if packagings is None:
        out.error(
            line, "packagings", "invalid_packagings", 'Like "unit:1|carton:12|pallet:480" (distinct labels).'
        )
    collections = {c.strip().lower() for c in (cell.get("collections") or "").split("|") if c.strip()}
    if collections - {"weekly", "surplus", "promotion"}:
        out.error(line, "collections", "invalid_collection", 'Use "weekly", "surplus" or "weekly|surplus".')
    wh = cell["warehouse"]
    warehouse_id = lookup.warehouses.get(wh)
    if warehouse_id is None and len(lookup.warehouses_folded.get(wh.lower(), [])) == 1:
        warehouse_id = lookup.warehouses_folded[wh.lower()][0]
    if warehouse_id is None:
        out.error(line, "warehouse", "unknown_warehouse", f"You have no warehouse with the code {wh!r}.")
    tiers = None
    if "price_tiers" in cell:
        tiers = _tiers(cell["price_tiers"])
        if tiers is None:
            out.error(line, "price_tiers", price_tiers.CODE,
                      'Like "10:3.10|100:2.60" (from 10 units 3.10 each, from 100 units 2.60).')
    version = None
    if cell.get("version"):
        version = _int(cell["version"], 1, 2**31 - 1)
        if version is None:
            out.error(line, "version", "invalid_version",
                      "The offer's version as the export writes it (a whole number), or empty.")
    if len(out.errors) > before:
        return None
    price_eur = fx.to_eur(price, rates[code])
    if price_eur <= 0:
        out.error(line, "unit_price", "invalid_price", "The price is below one euro cent.")
        return None
    if tiers is not None:
        tiers = tuple((units, fx.to_eur(amount, rates[code])) for units, amount in tiers)
        problem = price_tiers.problem(tiers, moq, price_eur)
        if problem:
            out.error(line, "price_tiers", price_tiers.CODE, problem)
            return None
    return RowSpec(
        line,
        sku,
        title,
        category_id,
        price_eur,
        stock,
        moq,
        packagings,
        "weekly" in collections,
        "surplus" in collections,
        warehouse_id,
        tiers,
        version,
    )


def export_csv(session: Session, seller_id: int) -> str:
    lookup = _Lookup(session, seller_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    offers = session.scalars(
        select(Offer)
        .where(Offer.seller_id == seller_id, Offer.deleted_at.is_(None))
        .order_by(Offer.id)
        .options(selectinload(Offer.packagings))
    )
    for o in offers:
        writer.writerow(
            [
                _guarded(o.sku),
                _guarded(o.title),
                _guarded(lookup.category_label.get(o.category_id, str(o.category_id))),
                f"{o.list_price:.2f}",
                "EUR",
                o.stock_units,
                o.moq_units,
                _guarded(packagings_text((p.label, p.units) for p in o.packagings)),
                collections_text(o.weekly, o.surplus),
                _guarded(lookup.warehouse_code.get(o.warehouse_id, "")),
                tiers_text(price_tiers.load(o.price_tiers)),
                o.version,
            ]
        )
    return out.getvalue()


def packagings_text(packagings: Iterable[tuple[str, int]]) -> str:
    return "|".join(f"{label}:{units}" for label, units in packagings)


def collections_text(weekly: bool, surplus: bool) -> str:
    return "|".join(name for name, member in (("weekly", weekly), ("surplus", surplus)) if member)


def tiers_text(tiers: Iterable[tuple[int, Decimal]]) -> str:
    return "|".join(f"{units}:{price:.2f}" for units, price in tiers)


def _guarded(text: str) -> str:
    """Text a spreadsheet would run as a formula, behind an apostrophe (see the module's doc)."""
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def _unguarded(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_PREFIXES) else text
