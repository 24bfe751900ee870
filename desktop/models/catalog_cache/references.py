"""The catalog cache's reference lists: categories, currencies (with the offers' EUR prices), sellers,
and the warehouse countries of the cached offers."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from desktop.models import money

from .records import Category, Currency, Seller
from .rows import _offer_row, _rates
from .schema import _LIST_CENTS, _PROMO_CENTS
from .store import CacheStore


class ReferencesPart(CacheStore):
    """`CatalogCache`'s categories, currencies and sellers."""

    def replace_categories(self, categories: Iterable[Mapping[str, Any]]) -> None:
        """Replace the category tree with `GET /categories` (`{id, name, parent_id, offer_count}`)."""
        rows = [
            (int(c["id"]), str(c["name"]), None if c.get("parent_id") is None else int(c["parent_id"]),
             int(c.get("offer_count") or 0))
            for c in categories
        ]  # fmt: skip
        with self._write() as conn:
            conn.execute("DELETE FROM categories")
            conn.executemany(
                "INSERT INTO categories (id, name, parent_id, offer_count) VALUES (?,?,?,?)", rows
            )

    def replace_currencies(self, currencies: Iterable[Mapping[str, Any]]) -> None:
        """Replace the currencies with `GET /currencies`; re-prices offers not priced in EUR."""
        rows = []
        for c in currencies:
            rate = money.to_decimal(c["rate_per_eur"])
            if rate <= 0:
                raise ValueError(f"rate_per_eur of {c['code']} must be positive, got {rate}")
            rows.append(
                (str(c["code"]).upper(), str(c.get("name") or c["code"]), str(rate), c.get("updated_at"))
            )
        with self._write() as conn:
            conn.execute("DELETE FROM currencies")
            conn.executemany(
                "INSERT INTO currencies (code, name, rate_per_eur, updated_at) VALUES (?,?,?,?)", rows
            )
            rates = _rates(conn)
            foreign = conn.execute(
                "SELECT o.id, j.raw FROM offers o JOIN offer_json j ON j.id = o.id "
                "WHERE o.price_currency != 'EUR'"
            ).fetchall()
            conn.executemany(
                "UPDATE offers SET list_cents = ?, promo_cents = ? WHERE id = ?",
                [
                    (row[_LIST_CENTS], row[_PROMO_CENTS], row[0])
                    for row in (_offer_row(json.loads(raw), rates) for _, raw in foreign)
                ],
            )

    def upsert_sellers(self, sellers: Iterable[Mapping[str, Any]]) -> None:
        """Insert or update seller profiles (`GET /sellers/{id}`: id, name, country, rating, review_count)."""
        rows = []
        for s in sellers:
            rating = s.get("rating")
            review_count = s.get("review_count")
            rows.append((
                int(s["id"]), str(s.get("name") or ""), s.get("country"),
                None if rating is None else str(money.to_decimal(rating)),
                None if review_count is None else int(review_count),
                json.dumps(dict(s), separators=(",", ":"), default=str),
            ))  # fmt: skip
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO sellers (id, name, country, rating, review_count, raw) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET name = excluded.name, country = excluded.country, "
                "rating = excluded.rating, "
                "review_count = COALESCE(excluded.review_count, sellers.review_count), "
                "raw = excluded.raw",
                rows,
            )

    def categories(self) -> list[Category]:
        with self._read() as conn:
            cursor = conn.execute(
                "SELECT id, name, parent_id, offer_count FROM categories "
                "ORDER BY parent_id IS NOT NULL, name, id"
            )
            return [Category(*row) for row in cursor]

    def currencies(self) -> list[Currency]:
        with self._read() as conn:
            cursor = conn.execute("SELECT code, name, rate_per_eur, updated_at FROM currencies ORDER BY code")
            return [Currency(c, n, Decimal(r), money.parse_timestamp(u)) for c, n, r, u in cursor]

    def rates(self) -> dict[str, Decimal]:
        """Currency code → rate per EUR, for `money.convert`."""
        with self._read() as conn:
            return _rates(conn)

    def countries(self) -> list[str]:
        """The warehouse countries of the cached offers (the `country` filter's choices)."""
        # hop from one country to the next along the offers_country index: a seek per country, not a
        # scan of the 100,000 index entries that SELECT DISTINCT reads (5 ms, before the first paint)
        with self._read() as conn:
            cursor = conn.execute(
                "WITH RECURSIVE c(country) AS ("
                " SELECT min(warehouse_country) FROM offers"
                " UNION ALL"
                " SELECT (SELECT min(warehouse_country) FROM offers WHERE warehouse_country > c.country)"
                " FROM c WHERE c.country IS NOT NULL"
                ") SELECT country FROM c WHERE country IS NOT NULL"
            )
            return [row[0] for row in cursor]

    def sellers(self) -> list[Seller]:
        with self._read() as conn:
            cursor = conn.execute(
                "SELECT id, name, country, rating, review_count FROM sellers ORDER BY name, id"
            )
            return [Seller(i, n, c, None if r is None else Decimal(r), rc) for i, n, c, r, rc in cursor]
