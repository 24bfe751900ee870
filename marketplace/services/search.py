"""The offers query: filters, full-text search (SQLite FTS5 / PostgreSQL tsvector), sort, pages; and
the lean batch loader that turns offer ids into the contract's offer representation (plain dicts).

The hot read paths (GET /offers, /offers/changes) run plain SQL text, one statement per filter shape,
built once and cached: no SQL expression building or cache-key generation per request. Rows are
rendered straight from result tuples."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, bindparam, column, text
from sqlalchemy.engine import Result
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.selectable import TextualSelect

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
_COLLECTIONS = ("weekly", "surplus", "promotion")


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


# --- statements, built once per shape -------------------------------------------------------------

Statement = TextClause | TextualSelect
_STATEMENTS: dict[tuple, Statement] = {}
_PRICE = OFFERS.c.unit_price.type


def sql_text(stmt: Statement) -> str:
    """The SQL of a statement, with its :name parameters (what sqlite3 runs as is)."""
    return stmt.element.text if isinstance(stmt, TextualSelect) else stmt.text


def _statement(key: tuple, build) -> Statement:
    """The text() statement for `key`, built by `build()` the first time (a few hundred shapes at most)."""
    stmt = _STATEMENTS.get(key)
    if stmt is None:
        stmt = _STATEMENTS[key] = build()
    return stmt


_SUBTREE = (
    "WITH RECURSIVE subtree(id) AS (SELECT categories.id AS id FROM categories WHERE categories.id = :category "
    "UNION ALL SELECT categories.id AS id FROM categories, subtree WHERE categories.parent_id = subtree.id) "
)
_FTS_JOIN = (
    " JOIN (SELECT rowid AS id, bm25(offers_fts, 10.0, 1.0, 4.0, 2.0) AS rank FROM offers_fts "
    "WHERE offers_fts MATCH :match) AS fts ON offers.id = fts.id"
)
_PG_VECTOR = "to_tsvector('simple'::regconfig, offers.search_text)"
_PG_QUERY = "to_tsquery('simple'::regconfig, :tsq)"
_PG_RANK = (
    f"ts_rank({_PG_VECTOR}, {_PG_QUERY}) + "
    f"CAST(to_tsvector('simple'::regconfig, offers.title) @@ {_PG_QUERY} AS INTEGER)"
)


def _ids_sql(dialect: str, shape: tuple) -> Statement:
    """SELECT offers.id ... LIMIT :limit OFFSET :offset for one filter shape (which filters are set)."""
    searching, category, collection, seller, country, min_price, max_price, in_stock, sort = shape
    sqlite = dialect == "sqlite"
    sql = _SUBTREE if category else ""
    sql += "SELECT offers.id FROM offers"
    where = ["offers.deleted_at IS NULL"]
    rank = None
    if searching:
        if sqlite:
            sql += _FTS_JOIN
            rank = "fts.rank ASC"
        else:
            # the same expression as the GIN index ix_offers_search, so the planner uses it
            where.append(f"({_PG_VECTOR} @@ {_PG_QUERY})")
            # a match in the title counts most (SQLite's bm25 weights its columns the same way)
            rank = f"{_PG_RANK} DESC"
    if category:
        where.append("offers.category_id IN (SELECT subtree.id FROM subtree)")
    if collection:
        where.append(f"offers.{collection} IS {'1' if sqlite else 'true'}")
    if seller:
        where.append("offers.seller_id = :seller")
    if country:
        where.append(
            "offers.warehouse_id IN (SELECT warehouses.id FROM warehouses WHERE warehouses.country = :country)"
        )
    if min_price:
        where.append("offers.unit_price >= :min_price")
    if max_price:
        where.append("offers.unit_price <= :max_price")
    if in_stock is True:
        where.append("offers.stock_units > 0")
    elif in_stock is False:
        where.append("offers.stock_units <= 0")
    sql += " WHERE " + " AND ".join(where)
    if sort == "price":
        sql += " ORDER BY offers.unit_price ASC, offers.id ASC"
    elif sort == "-price":
        sql += " ORDER BY offers.unit_price DESC, offers.id DESC"
    elif sort == "relevance" and rank is not None:
        sql += f" ORDER BY {rank}, offers.id DESC"
    else:
        sql += " ORDER BY offers.created_at DESC, offers.id DESC"
    sql += " LIMIT :limit OFFSET :offset"
    binds = [bindparam("limit", type_=Integer), bindparam("offset", type_=Integer)]
    if min_price:
        binds.append(bindparam("min_price", type_=_PRICE))
    if max_price:
        binds.append(bindparam("max_price", type_=_PRICE))
    return text(sql).bindparams(*binds).columns(column("id", Integer))


def offer_ids_statement(f: OfferFilters, dialect: str, offset: int, limit: int) -> tuple[Statement, dict[str, Any]]:
    """The statement and parameters of one page of offer ids for the filters, in the requested order."""
    if f.collection is not None and f.collection not in _COLLECTIONS:
        raise ValueError(f"unknown collection {f.collection!r}")
    words = tokens(f.q)
    shape = (
        bool(words),
        f.category is not None,
        f.collection,
        f.seller is not None,
        f.country is not None,
        f.min_price_eur is not None,
        f.max_price_eur is not None,
        f.in_stock,
        f.sort,
    )
    stmt = _statement(("ids", dialect, shape), lambda: _ids_sql(dialect, shape))
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    if words:
        if dialect == "sqlite":
            params["match"] = " ".join(f'"{w}"*' for w in words)
        else:
            params["tsq"] = " & ".join(f"{w}:*" for w in words)
    if f.category is not None:
        params["category"] = f.category
    if f.seller is not None:
        params["seller"] = f.seller
    if f.country is not None:
        params["country"] = f.country
    if f.min_price_eur is not None:
        params["min_price"] = f.min_price_eur
    if f.max_price_eur is not None:
        params["max_price"] = f.max_price_eur
    return stmt, params


def search_page(session: Session, f: OfferFilters, offset: int, limit: int) -> tuple[list[int], bool]:
    """One page of offer ids, and whether there is another page."""
    stmt, params = offer_ids_statement(f, session.get_bind().dialect.name, offset, limit + 1)
    ids = [row[0] for row in session.execute(stmt, params)]
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


# --- loading rows ---------------------------------------------------------------------------------

#: (result label, SQL expression, type) of an offer row, in the order `OfferRenderer.render_rows` unpacks
_ROW_COLUMNS = (
    ("id", "offers.id", OFFERS.c.id.type),
    ("sku", "offers.sku", OFFERS.c.sku.type),
    ("title", "offers.title", OFFERS.c.title.type),
    ("description", "offers.description", OFFERS.c.description.type),
    ("category_id", "offers.category_id", OFFERS.c.category_id.type),
    ("seller_id", "offers.seller_id", OFFERS.c.seller_id.type),
    ("warehouse_id", "offers.warehouse_id", OFFERS.c.warehouse_id.type),
    ("list_price", "offers.list_price", OFFERS.c.list_price.type),
    ("unit_price", "offers.unit_price", OFFERS.c.unit_price.type),
    ("moq_units", "offers.moq_units", OFFERS.c.moq_units.type),
    ("stock_units", "offers.stock_units", OFFERS.c.stock_units.type),
    ("weekly", "offers.weekly", OFFERS.c.weekly.type),
    ("surplus", "offers.surplus", OFFERS.c.surplus.type),
    ("promotion", "offers.promotion", OFFERS.c.promotion.type),
    ("promo_discount_percent", "offers.promo_discount_percent", OFFERS.c.promo_discount_percent.type),
    ("promo_ends_at", "offers.promo_ends_at", OFFERS.c.promo_ends_at.type),
    ("image_count", "offers.image_count", OFFERS.c.image_count.type),
    ("updated_at", "offers.updated_at", OFFERS.c.updated_at.type),
    ("version", "offers.version", OFFERS.c.version.type),
    ("change_seq", "offers.change_seq", OFFERS.c.change_seq.type),
    ("deleted_at", "offers.deleted_at", OFFERS.c.deleted_at.type),
    ("seller_name", "sellers.name", SELLERS.c.name.type),
    ("seller_country", "sellers.country", SELLERS.c.country.type),
    ("seller_rating", "sellers.rating", SELLERS.c.rating.type),
    ("wh_country", "warehouses.country", WAREHOUSES.c.country.type),
    ("wh_city", "warehouses.city", WAREHOUSES.c.city.type),
    ("wh_min", "warehouses.min_order_value", WAREHOUSES.c.min_order_value.type),
)
_ROW_LIST = ", ".join(f"{expr} AS {label}" for label, expr, _ in _ROW_COLUMNS)
_ROW_SELECT = (  # constant column names; every value is a bound parameter
    f"SELECT {_ROW_LIST} FROM offers JOIN sellers ON sellers.id = offers.seller_id"  # noqa: S608
    " JOIN warehouses ON warehouses.id = offers.warehouse_id"
)
_ROW_TYPES = tuple(column(label, type_) for label, _, type_ in _ROW_COLUMNS)


def _ids_in(dialect: str, expr: str) -> str:
    """`expr IN (:ids)`: one JSON text parameter on SQLite (one statement for any page size); an
    expanding IN elsewhere."""
    if dialect == "sqlite":
        return f"{expr} IN (SELECT value FROM json_each(:ids))"  # noqa: S608 - `expr` is our column name
    return f"{expr} IN :ids"


def _ids_param(dialect: str) -> Any:
    return bindparam("ids") if dialect == "sqlite" else bindparam("ids", expanding=True)


def _ids_value(dialect: str, ids: Sequence[int]) -> Any:
    return json.dumps(list(ids)) if dialect == "sqlite" else list(ids)


def _rows_by_ids(dialect: str) -> Statement:
    sql = f"{_ROW_SELECT} WHERE {_ids_in(dialect, 'offers.id')}"
    return text(sql).bindparams(_ids_param(dialect)).columns(*_ROW_TYPES)


def _changes_sql(dialect: str, live_only: bool) -> Statement:
    # the page of the feed first (index on change_seq), then its sellers and warehouses; on SQLite the
    # unary + keeps the planner on ix_offers_change_seq (instead of sorting every live offer)
    live = ""
    if live_only:
        live = " AND +offers.deleted_at IS NULL" if dialect == "sqlite" else " AND offers.deleted_at IS NULL"
    page = f"SELECT offers.id FROM offers WHERE offers.change_seq > :after{live} ORDER BY offers.change_seq LIMIT :limit"  # noqa: S608, E501
    sql = f"{_ROW_SELECT} WHERE offers.id IN ({page}) ORDER BY offers.change_seq"
    return text(sql).bindparams(bindparam("after", type_=Integer), bindparam("limit", type_=Integer)).columns(
        *_ROW_TYPES
    )


def _packagings_sql(dialect: str) -> Statement:
    where = _ids_in(dialect, "packagings.offer_id")
    sql = (  # constant fragments; the ids are a bound parameter
        "SELECT packagings.offer_id, packagings.id, packagings.label, packagings.units FROM packagings "  # noqa: S608
        f"WHERE {where} ORDER BY packagings.units, packagings.id"
    )
    return text(sql).bindparams(_ids_param(dialect))


def offer_rows_statement(dialect: str) -> Statement:
    """Offer rows (with seller and warehouse columns) WHERE offers.id IN :ids."""
    return _statement(("rows", dialect), lambda: _rows_by_ids(dialect))


def packagings_statement(dialect: str) -> Statement:
    """(offer_id, id, label, units) of the packagings WHERE offer_id IN :ids, by units then id."""
    return _statement(("packagings", dialect), lambda: _packagings_sql(dialect))


def offer_rows(session: Session, ids: Iterable[int]) -> Result:
    """The offer rows (with seller and warehouse columns) of these ids, in no particular order."""
    dialect = session.get_bind().dialect.name
    return session.execute(offer_rows_statement(dialect), {"ids": _ids_value(dialect, list(ids))})


def changed_rows(session: Session, after: int, limit: int, *, live_only: bool) -> list[Any]:
    """Up to `limit` offer rows changed after `after` (change_seq), in change order; removed ones too
    unless `live_only`."""
    dialect = session.get_bind().dialect.name
    stmt = _statement(("changes", dialect, live_only), lambda: _changes_sql(dialect, live_only))
    return session.execute(stmt, {"after": after, "limit": limit}).all()


def packagings_by_offer(session: Session, ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    ids = list(ids)
    if not ids:
        return out
    dialect = session.get_bind().dialect.name
    params = {"ids": _ids_value(dialect, ids)}
    for offer_id, pid, label, units in session.execute(packagings_statement(dialect), params):
        pack = {"id": pid, "label": label, "units": units}
        if offer_id in out:
            out[offer_id].append(pack)
        else:
            out[offer_id] = [pack]
    return out


# --- representation -------------------------------------------------------------------------------


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat().replace("+00:00", "Z")


class OfferRenderer:
    """Builds offer dicts (the OfferOut shape) for one currency, in batches: three queries per page."""

    def __init__(self, public_url: str, currency: str, rate: Decimal):
        self.media = public_url.rstrip("/") + "/api/v1/media/offers/"
        self.currency = currency
        self.rate = rate
        self.at_par = rate == 1

    def load(self, session: Session, ids: Sequence[int]) -> list[dict[str, Any]]:
        """The offers with these ids, in this order (missing ones skipped)."""
        if not ids:
            return []
        rows = {row[0]: row for row in offer_rows(session, ids)}
        packs = packagings_by_offer(session, rows)
        return self.render_rows([rows[i] for i in ids if i in rows], packs)

    def amount(self, amount_eur: Decimal) -> str:
        """An EUR amount (a MONEY column: two places) shown in the currency."""
        if self.at_par:
            return f"{amount_eur:.2f}"  # already to the cent: converting at 1 changes nothing
        return f"{convert(Decimal(amount_eur), self.rate):.2f}"

    def render_rows(
        self, rows: Iterable[Sequence[Any]], packs: dict[int, list[dict[str, Any]]]
    ) -> list[dict[str, Any]]:
        """Offer rows (the `_ROW_COLUMNS` tuple) → offer dicts. An offer's seller and warehouse dicts are
        built once per page and shared by its offers."""
        cur, media, amount = self.currency, self.media, self.amount
        sellers: dict[int, dict[str, Any]] = {}
        warehouses: dict[int, dict[str, Any]] = {}
        out = []
        for (
            oid, sku, title, description, category_id, seller_id, warehouse_id, list_price, unit_price,
            moq_units, stock_units, weekly, surplus, promotion, discount, promo_ends_at, image_count,
            updated_at, version, _change_seq, _deleted_at, seller_name, seller_country, seller_rating,
            wh_country, wh_city, wh_min,
        ) in rows:  # fmt: skip
            seller = sellers.get(seller_id)
            if seller is None:
                seller = sellers[seller_id] = {
                    "id": seller_id,
                    "name": seller_name,
                    "country": seller_country,
                    "rating": None if seller_rating is None else f"{Decimal(seller_rating):.2f}",
                }
            warehouse = warehouses.get(warehouse_id)
            if warehouse is None:
                warehouse = warehouses[warehouse_id] = {
                    "id": warehouse_id,
                    "country": wh_country,
                    "city": wh_city,
                    "min_order_value": {"amount": amount(wh_min), "currency": cur},
                }
            collections = []
            if weekly:
                collections.append("weekly")
            if surplus:
                collections.append("surplus")
            if promotion:
                collections.append("promotion")
            out.append(
                {
                    "id": oid,
                    "sku": sku,
                    "title": title,
                    "description": description or "",
                    "category_id": category_id,
                    "seller": seller,
                    "warehouse": warehouse,
                    "unit_price": {"amount": amount(unit_price), "currency": cur},
                    "list_price": {"amount": amount(list_price), "currency": cur},
                    "packagings": packs.get(oid, []),
                    "moq_units": moq_units,
                    "stock_units": stock_units,
                    "collections": collections,
                    "promotion": (
                        {"discount_percent": discount, "ends_at": _time(promo_ends_at)}
                        if promotion and discount
                        else None
                    ),
                    "image_urls": [f"{media}{oid}/{n}.png" for n in range(image_count or 0)],
                    "updated_at": _time(updated_at),
                    "version": version,
                }
            )
        return out
