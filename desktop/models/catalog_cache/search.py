"""Searching the catalog cache: the search box's words as an FTS5 expression, and the filters as SQL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from desktop.models import money

from .records import OfferQuery
from .rows import _cents
from .schema import _PRICE_NOW
from .store import CacheStore

#: the saved searches' check: small copies of the changed offers and of their text (same tokenizer),
#: in this connection's temp database, emptied before and after each use
_AMONG_TABLES = (
    "CREATE TEMP TABLE IF NOT EXISTS among_offers AS SELECT * FROM offers WHERE 0",
    "CREATE UNIQUE INDEX IF NOT EXISTS temp.among_offers_id ON among_offers(id)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.among_fts USING fts5("
    "title, description, sku, seller_name, tokenize='unicode61 remove_diacritics 2')",
    "DELETE FROM temp.among_offers",
    "DELETE FROM temp.among_fts",
)
#: bm25 weights of the FTS columns: title, description, sku, seller_name.
_BM25_WEIGHTS = "10.0, 1.0, 6.0, 3.0"
_MAX_QUERY_TOKENS = 16
#: a word shorter than this is not searched for (a lone letter would match most of the catalog)
MIN_WORD_CHARS = 2
#: a search of one word shorter than this is not ranked by bm25: see CatalogCache.search
RANKED_WORD_CHARS = 3


def fts_match_expression(text: str) -> str | None:
    """Search-as-you-type: every word must match, each as a prefix (so a half-typed word matches too).

    Each word becomes a quoted FTS5 string followed by `*` (a prefix query), so operators, quotes,
    parentheses, column filters or NEAR typed by the user are searched for as text, never interpreted.
    Words shorter than MIN_WORD_CHARS are left out (a lone letter would match most of the catalog and
    rank all of it: the first letter typed shows what the empty box shows, the second one narrows).
    Returns None when the text has no word to search for (no text filter).
    """
    return _match_of(search_words(text))


def _match_of(words: list[str]) -> str | None:
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def search_words(text: str) -> list[str]:
    """The words of a search box's text that are searched for (see :func:`fts_match_expression`)."""
    return [w for w in re.findall(r"\w+", text) if len(w) >= MIN_WORD_CHARS][:_MAX_QUERY_TOKENS]


class SearchPart(CacheStore):
    """`CatalogCache.search`: quick enough for the GUI thread (a first screen in a few ms)."""

    def search_among(self, query: OfferQuery, ids: Iterable[int], *, now: datetime | None = None) -> set[int]:
        """Which of ``ids`` match ``query`` now."""
        return self.search_among_many([query], ids, now=now)[0]

    def search_among_many(
        self, queries: Sequence[OfferQuery], ids: Iterable[int], *, now: datetime | None = None
    ) -> list[set[int]]:
        """For each query, which of ``ids`` match it now: the saved searches' check after a sync, on the
        offers it changed only. Their text goes into a small in-memory FTS5 table of the same tokenizer
        once, with a copy of their rows, and every query runs on those copies: the cost follows the number
        of changed offers, not the size of the catalog (a word common in 100,000 offers is not read 50
        times, an index over the whole catalog is not walked 50 times)."""
        among = json.dumps(sorted({int(i) for i in ids}))
        if among == "[]":
            return [set() for _ in queries]
        with self._read() as conn:
            for statement in _AMONG_TABLES:
                conn.execute(statement)
            conn.execute("INSERT INTO temp.among_offers SELECT * FROM offers "
                         "WHERE id IN (SELECT value FROM json_each(?))", (among,))
            conn.execute(
                "INSERT INTO temp.among_fts (rowid, title, description, sku, seller_name) "
                "SELECT o.id, o.title, j.description, o.sku, o.seller_name FROM temp.among_offers o "
                "JOIN offer_json j ON j.id = o.id"
            )
            found = []
            for query in queries:
                match = _match_of(search_words(query.text)) if query.text else None
                found.append(set(self._search_sql(query, match, "none", now, None, fts="among_fts",
                                                  table="temp.among_offers")))
            conn.execute("DELETE FROM temp.among_fts")
            conn.execute("DELETE FROM temp.among_offers")
            return found

    def promotions_ended(self, after: datetime, until: datetime) -> set[int]:
        """The offers whose promotion ended in (after, until]: they left the promotions with no change."""
        with self._read() as conn:
            return {row[0] for row in conn.execute(
                "SELECT id FROM offers WHERE promotion = 1 AND promo_until > ? AND promo_until <= ?",
                (after.timestamp(), until.timestamp()))}

    def search(self, query: OfferQuery, *, now: datetime | None = None, limit: int | None = None) -> list[int]:
        """The ids of the offers matching `query`, in the requested order (the first `limit` of them:
        a first screen, quick even when the whole result is big).

        By relevance, the text's matches are ranked by bm25 (column weights: title, description, SKU,
        seller). Except while the text is one word of two letters, the first ones typed: such a prefix
        matches a good part of the catalog (half of it for "de" at 100,000 offers) and ranking all of that
        took 40 ms a keystroke for an order that says little; then offers whose *title* has a word
        starting so come first, then the others, newest listed first in each (FTS5 reads its index
        backwards and stops after a screen: 0.2 ms)."""
        words = search_words(query.text) if query.text else []
        match = _match_of(words)
        if query.sort == "relevance" and len(words) == 1 and len(words[0]) < RANKED_WORD_CHARS:
            first = self._search_sql(query, "{title} : " + match, "listed", now, limit)
            rest_limit = None if limit is None else limit + len(first)
            seen = set(first)
            rest = [i for i in self._search_sql(query, match, "listed", now, rest_limit) if i not in seen]
            ids = first + rest
            return ids if limit is None else ids[: max(0, int(limit))]
        return self._search_sql(query, match, query.sort, now, limit)

    def _search_sql(
        self, query: OfferQuery, match: str | None, order_by: str, now: datetime | None, limit: int | None,
        *, among: str | None = None, fts: str = "offers_fts", table: str = "offers",
    ) -> list[int]:
        """`query`'s filters, `match` (an FTS5 expression) as its text, in the order `order_by` (a sort,
        "listed": newest listed first, by id, or "none"), among the ids of the JSON array `among` if given;
        `fts` and `table` name the text index and the offers table (the saved searches' small copies)."""
        now_ts = (now or datetime.now(UTC)).timestamp()
        params: dict[str, Any] = {"now": now_ts}
        where: list[str] = []
        ctes: list[str] = []
        source = f"{table} o"
        if match is not None:
            source = f"{fts} JOIN {table} o ON o.id = {fts}.rowid"
            where.append(f"{fts} MATCH :match")
            params["match"] = match
        if query.category_id is not None:
            ctes.append(
                "subtree(id) AS (SELECT :category UNION "
                "SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id)"
            )
            where.append("o.category_id IN (SELECT id FROM subtree)")
            params["category"] = int(query.category_id)
        if query.collection == "promotion":
            where.append("o.promotion = 1 AND o.promo_until > :now")
        elif query.collection is not None:
            where.append(f"o.{query.collection} = 1")  # one of COLLECTIONS, checked by OfferQuery
        if query.country:
            where.append("o.warehouse_country = :country")
            params["country"] = query.country.strip().upper()
        if query.seller_id is not None:
            where.append("o.seller_id = :seller")
            params["seller"] = int(query.seller_id)
        if query.min_price is not None:
            where.append(f"{_PRICE_NOW} >= :min_cents")
            params["min_cents"] = _cents(money.to_decimal(query.min_price))
        if query.max_price is not None:
            where.append(f"{_PRICE_NOW} <= :max_cents")
            params["max_cents"] = _cents(money.to_decimal(query.max_price))
        if query.in_stock:
            where.append("o.stock_units > 0")
        if among is not None:
            where.append("o.id IN (SELECT value FROM json_each(:among))")
            params["among"] = among

        if order_by == "listed" and match is not None:
            order = "offers_fts.rowid DESC"  # the index's own order, read backwards: no sort
        elif order_by == "relevance" and match is not None:
            order = f"bm25(offers_fts, {_BM25_WEIGHTS}), o.id"
        elif order_by == "price":
            order = f"{_PRICE_NOW} IS NULL, {_PRICE_NOW}, o.id"
        elif order_by == "-price":
            order = f"{_PRICE_NOW} IS NULL, {_PRICE_NOW} DESC, o.id"
        elif order_by == "none":
            order = ""
        else:  # newest, and relevance without text
            order = "o.updated_ts DESC, o.id DESC"
        # Only fixed SQL fragments are joined here; every value is a bound parameter.
        parts = []
        if ctes:
            parts += ["WITH RECURSIVE", ", ".join(ctes)]
        if match is not None and where == ["offers_fts MATCH :match"] and order_by in ("relevance", "listed"):
            # text alone, by relevance: the index answers by itself (every offer is in it, with its id
            # as rowid), without looking up each match in `offers`
            source, order = "offers_fts", order.replace("o.id", "offers_fts.rowid")
            parts += ["SELECT offers_fts.rowid FROM", source]
        else:
            parts += ["SELECT o.id FROM", source]
        if where:
            parts += ["WHERE", " AND ".join(where)]
        if order:
            parts += ["ORDER BY", order]
        if limit is not None:
            parts.append("LIMIT :limit")
            params["limit"] = max(0, int(limit))
        sql = " ".join(parts)
        with self._read() as conn:
            return [row[0] for row in conn.execute(sql, params)]

