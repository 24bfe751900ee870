"""The offers query: filters, full-text search (SQLite FTS5 / PostgreSQL tsvector), sort, pages; and
the lean batch loader that turns offer ids into the contract's offer representation (plain dicts)."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Float, Integer, Select, bindparam, cast, func, literal_column, select, text
from sqlalchemy.orm import Session

from ..errors import ApiError
from ..orm import Category, Offer, Packaging, Seller, Warehouse
from .currency import convert

OFFERS = Offer.__table__
SELLERS = Seller.__table__
WAREHOUSES = Warehouse.__table__
PACKAGINGS = Packaging.__table__
CATEGORIES = Category.__table__

MAX_TOKENS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class OfferFilters:
    """What GET /offers may ask for. Prices are EUR bounds on `unit_price` (already converted)."""

    q: str | None = None
    category: int | None = None
    collection: str | None = None
    seller: int | None = None
    country: str | None = None
    min_price_eur: Decimal | None = None
    max_price_eur: Decimal | None = None
    in_stock: bool | None = None
    sort: str = "relevance"


def tokens(q: str | None) -> list[str]:
    """The words of a search: letters and digits only, lower-cased, at most MAX_TOKENS."""
    return _WORD.findall((q or "").lower())[:MAX_TOKENS]


def _category_subtree(category_id: int):
    """A recursive CTE: the category and every category below it."""
    root = select(CATEGORIES.c.id).where(CATEGORIES.c.id == category_id).cte("subtree", recursive=True)
    return root.union_all(select(CATEGORIES.c.id).where(CATEGORIES.c.parent_id == root.c.id))


def offer_ids_query(f: OfferFilters, dialect: str) -> Select:
    """SELECT offers.id ... for the filters, in the requested order (no LIMIT yet)."""
    o = OFFERS.c
    stmt = select(o.id).where(o.deleted_at.is_(None))
    rank = None
    words = tokens(f.q)
    if words:
        if dialect == "sqlite":
            match = " ".join(f'"{w}"*' for w in words)
            # title weighs most, then sku, seller, description
            fts = (
                text(
                    "SELECT rowid AS id, bm25(offers_fts, 10.0, 1.0, 4.0, 2.0) AS rank "
                    "FROM offers_fts WHERE offers_fts MATCH :match"
                )
                .bindparams(match=match)
                .columns(id=Integer, rank=Float)
                .subquery("fts")
            )
            stmt = stmt.join(fts, fts.c.id == o.id)
            rank = fts.c.rank.asc()
        else:
            query = bindparam("tsq", " & ".join(f"{w}:*" for w in words))
            config = literal_column("'simple'::regconfig")
            # the same expression as the GIN index ix_offers_search, so the planner uses it
            vector = func.to_tsvector(config, o.search_text)
            tsq = func.to_tsquery(config, query)
            stmt = stmt.where(vector.op("@@")(tsq))
            # a match in the title counts most (SQLite's bm25 weights its columns the same way)
            in_title = cast(func.to_tsvector(config, o.title).op("@@")(tsq), Integer)
            rank = (func.ts_rank(vector, tsq) + in_title).desc()
    if f.category is not None:
        stmt = stmt.where(o.category_id.in_(select(_category_subtree(f.category).c.id)))
    if f.collection is not None:
        stmt = stmt.where(o[f.collection].is_(True))
    if f.seller is not None:
        stmt = stmt.where(o.seller_id == f.seller)
    if f.country is not None:
        in_country = select(WAREHOUSES.c.id).where(WAREHOUSES.c.country == f.country)
        stmt = stmt.where(o.warehouse_id.in_(in_country))
    if f.min_price_eur is not None:
        stmt = stmt.where(o.unit_price >= f.min_price_eur)
    if f.max_price_eur is not None:
        stmt = stmt.where(o.unit_price <= f.max_price_eur)
    if f.in_stock is True:
        stmt = stmt.where(o.stock_units > 0)
    elif f.in_stock is False:
        stmt = stmt.where(o.stock_units <= 0)
    if f.sort == "price":
        return stmt.order_by(o.unit_price.asc(), o.id.asc())
    if f.sort == "-price":
        return stmt.order_by(o.unit_price.desc(), o.id.desc())
    if f.sort == "relevance" and rank is not None:
        return stmt.order_by(rank, o.id.desc())
    return stmt.order_by(o.created_at.desc(), o.id.desc())


def search_page(session: Session, f: OfferFilters, offset: int, limit: int) -> tuple[list[int], bool]:
    """One page of offer ids, and whether there is another page."""
    dialect = session.get_bind().dialect.name
    stmt = offer_ids_query(f, dialect)
    ids = list(session.scalars(stmt.offset(offset).limit(limit + 1)).all())
    return ids[:limit], len(ids) > limit


# --- cursors --------------------------------------------------------------------------------------


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset an opaque cursor stands for; a cursor we did not make → 422 invalid_cursor."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, value = raw.split(":", 1)
        offset = int(value)
        if kind != "o" or not 0 <= offset <= 10_000_000:
            raise ValueError
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(
            422,
            "invalid_cursor",
            "This cursor is not one the server gave out.",
            errors=[{"field": "cursor", "code": "invalid_cursor", "message": "Unknown cursor."}],
        ) from None
    return offset


# --- representation -------------------------------------------------------------------------------


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat().replace("+00:00", "Z")


def _money(amount_eur: Decimal, currency: str, rate: Decimal) -> dict[str, str]:
    return {"amount": f"{convert(Decimal(amount_eur), rate):.2f}", "currency": currency}


_ROW_COLUMNS = (
    OFFERS.c.id,
    OFFERS.c.sku,
    OFFERS.c.title,
    OFFERS.c.description,
    OFFERS.c.category_id,
    OFFERS.c.seller_id,
    OFFERS.c.warehouse_id,
    OFFERS.c.list_price,
    OFFERS.c.unit_price,
    OFFERS.c.moq_units,
    OFFERS.c.stock_units,
    OFFERS.c.weekly,
    OFFERS.c.surplus,
    OFFERS.c.promotion,
    OFFERS.c.promo_discount_percent,
    OFFERS.c.promo_ends_at,
    OFFERS.c.image_count,
    OFFERS.c.updated_at,
    OFFERS.c.version,
    OFFERS.c.change_seq,
    OFFERS.c.deleted_at,
    SELLERS.c.name.label("seller_name"),
    SELLERS.c.country.label("seller_country"),
    SELLERS.c.rating.label("seller_rating"),
    WAREHOUSES.c.country.label("wh_country"),
    WAREHOUSES.c.city.label("wh_city"),
    WAREHOUSES.c.min_order_value.label("wh_min"),
)


def offer_rows_query() -> Select:
    return select(*_ROW_COLUMNS).select_from(
        OFFERS.join(SELLERS, SELLERS.c.id == OFFERS.c.seller_id).join(
            WAREHOUSES, WAREHOUSES.c.id == OFFERS.c.warehouse_id
        )
    )


def packagings_by_offer(session: Session, ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    ids = list(ids)
    if not ids:
        return out
    rows = session.execute(
        select(PACKAGINGS.c.offer_id, PACKAGINGS.c.id, PACKAGINGS.c.label, PACKAGINGS.c.units)
        .where(PACKAGINGS.c.offer_id.in_(ids))
        .order_by(PACKAGINGS.c.units, PACKAGINGS.c.id)
    )
    for offer_id, pid, label, units in rows:
        out.setdefault(offer_id, []).append({"id": pid, "label": label, "units": units})
    return out


class OfferRenderer:
    """Builds offer dicts (the OfferOut shape) for one currency, in batches: three queries per page."""

    def __init__(self, public_url: str, currency: str, rate: Decimal):
        self.media = public_url.rstrip("/") + "/api/v1/media/offers/"
        self.currency = currency
        self.rate = rate

    def load(self, session: Session, ids: Sequence[int]) -> list[dict[str, Any]]:
        """The offers with these ids, in this order (missing ones skipped)."""
        if not ids:
            return []
        rows = {row.id: row for row in session.execute(offer_rows_query().where(OFFERS.c.id.in_(ids)))}
        packs = packagings_by_offer(session, rows)
        return [self.render(rows[i], packs.get(i, [])) for i in ids if i in rows]

    def render(self, r: Any, packagings: list[dict[str, Any]]) -> dict[str, Any]:
        cur, rate = self.currency, self.rate
        flags = (("weekly", r.weekly), ("surplus", r.surplus), ("promotion", r.promotion))
        collections = [name for name, on in flags if on]
        promotion = None
        if r.promotion and r.promo_discount_percent:
            promotion = {"discount_percent": r.promo_discount_percent, "ends_at": _time(r.promo_ends_at)}
        return {
            "id": r.id,
            "sku": r.sku,
            "title": r.title,
            "description": r.description or "",
            "category_id": r.category_id,
            "seller": {
                "id": r.seller_id,
                "name": r.seller_name,
                "country": r.seller_country,
                "rating": None if r.seller_rating is None else f"{Decimal(r.seller_rating):.2f}",
            },
            "warehouse": {
                "id": r.warehouse_id,
                "country": r.wh_country,
                "city": r.wh_city,
                "min_order_value": _money(r.wh_min, cur, rate),
            },
            "unit_price": _money(r.unit_price, cur, rate),
            "list_price": _money(r.list_price, cur, rate),
            "packagings": packagings,
            "moq_units": r.moq_units,
            "stock_units": r.stock_units,
            "collections": collections,
            "promotion": promotion,
            "image_urls": [f"{self.media}{r.id}/{n}.png" for n in range(r.image_count or 0)],
            "updated_at": _time(r.updated_at),
            "version": r.version,
        }
