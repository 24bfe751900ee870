"""The offers query: filters, full-text search (SQLite FTS5 / PostgreSQL tsvector), sort, pages and
their cursors. Turning the page's ids into offers is offer_rows.py.

The hot read paths (GET /offers, /offers/changes) run plain SQL text, one statement per filter shape,
built once and cached: no SQL expression building or cache-key generation per request. Rows are
rendered straight from result tuples."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, bindparam, column, text
from sqlalchemy.orm import Session

from ..errors import ApiError
from . import search_facets
from .statements import OFFERS, Statement, fetch_all, statement

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


# --- the ids of a page, one statement per filter shape -----------------------------------------

_SUBTREE = (
    "WITH RECURSIVE subtree(id) AS (SELECT categories.id AS id FROM categories WHERE categories.id = :category "
    "UNION ALL SELECT categories.id AS id FROM categories, subtree WHERE categories.parent_id = subtree.id) "
)
#: relevance: the title counts most, then the SKU, the seller, the description; the filters nothing
_BM25 = "bm25(offers_fts, 10.0, 1.0, 4.0, 2.0, 0.0)"
#: the matches first, then their offers: CROSS JOIN keeps that order (SQLite's documented way to fix a
#: join's order). With a plain JOIN, SQLite could walk the live offers in price order and run the
#: full-text match once per offer: 460 ms instead of 0.1 ms on 3.40 for a price-sorted, price-bounded
#: search of a word no offer has, at 100,000 offers; minutes on 3.45+ (Debian 13, Ubuntu 24.04) for any
#: search with a stock or price condition (tests/server/test_search_plans.py).
_FTS_FIRST = (
    f"(SELECT rowid AS id, {_BM25} AS rank FROM offers_fts "  # noqa: S608 - constants only
    "WHERE offers_fts MATCH :match) AS fts CROSS JOIN offers ON offers.id = fts.id"
)
_PAGE = (bindparam("limit", type_=Integer), bindparam("offset", type_=Integer))
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
    if sqlite and searching:  # these filters are in the MATCH text (search_facets.py)
        category = collection = seller = country = False
    if sqlite and searching and sort == "relevance" and not (min_price or max_price or in_stock is not None):
        # nothing to check in the offers table (the index holds live offers only): rank the index alone,
        # a third faster for a word with thousands of matches
        sql = f"SELECT rowid AS id FROM offers_fts WHERE offers_fts MATCH :match ORDER BY {_BM25} ASC, "  # noqa: S608
        sql += "rowid DESC LIMIT :limit OFFSET :offset"
        return text(sql).bindparams(*_PAGE).columns(column("id", Integer))
    sql = _SUBTREE if category else ""
    sql += "SELECT offers.id FROM " + (_FTS_FIRST if sqlite and searching else "offers")  # noqa: S608 - constants
    where = ["offers.deleted_at IS NULL"]
    rank = None
    if searching:
        if sqlite:
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
    binds = list(_PAGE)
    if min_price:
        binds.append(bindparam("min_price", type_=OFFERS.c.unit_price.type))
    if max_price:
        binds.append(bindparam("max_price", type_=OFFERS.c.unit_price.type))
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
    stmt = statement(("ids", dialect, shape), lambda: _ids_sql(dialect, shape))
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    if words and dialect == "sqlite":
        params["match"] = search_facets.match(words, category=f.category, country=f.country,
                                              collection=f.collection, seller=f.seller)
    else:
        if words:
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
    ids = [row[0] for row in fetch_all(session, stmt, params)]
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
