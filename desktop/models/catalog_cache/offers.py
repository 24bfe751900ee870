"""The offers of the catalog cache: the delta feed's pages applied (with the text index), and read back."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from desktop.models import money

from .records import OfferRow
from .rows import _dump, _offer_row, _offer_row_from_sql, _rates, _set_meta
from .schema import _BIG_PAGE, _FTS_DELETE, _FTS_INSERT, _SELECT_ROWS, _UPSERT_OFFER, _UPSERT_SELLER_FROM_OFFER
from .store import CacheStore


class OffersPart(CacheStore):
    """`CatalogCache`'s offers: writes belong in a worker thread, the readers are quick."""

    def apply_changes(
        self,
        items: Sequence[Mapping[str, Any]],
        deleted: Iterable[int],
        next_since: str,
        *,
        synced_at: datetime | None = None,
    ) -> None:
        """Apply one page of `GET /offers/changes` in one transaction: upserts, deletions and the token.

        If anything fails (a malformed offer included), nothing of the page is written and the token
        stays where it was, so the next sync asks for the same page again.
        """
        synced_at = synced_at or datetime.now(UTC)
        deleted_ids = {int(i) for i in deleted}
        # One row per id (the last wins); an id both changed and deleted in a page is deleted.
        latest = {int(item["id"]): item for item in items}
        for offer_id in deleted_ids:
            latest.pop(offer_id, None)
        with self._write() as conn:
            rates = _rates(conn)
            offer_rows = [_offer_row(item, rates) for item in latest.values()]
            json_rows = [
                (offer_id, str(item.get("description") or ""), _dump(item))
                for offer_id, item in latest.items()
            ]
            old_text = {
                row[0]: row[1:]
                for row in conn.execute(
                    "SELECT o.id, o.title, j.description, o.sku, o.seller_name FROM offers o "
                    "JOIN offer_json j ON j.id = o.id WHERE o.id IN (SELECT value FROM json_each(?))",
                    (json.dumps([*latest, *deleted_ids]),),
                )
            }
            fts_delete = [("delete", i, *old_text[i]) for i in deleted_ids if i in old_text]
            fts_insert = []
            for row, (_, description, _) in zip(offer_rows, json_rows, strict=True):
                text = (row[2], description, row[1], row[5])  # title, description, sku, seller_name
                previous = old_text.get(row[0])
                if previous != text:
                    if previous is not None:
                        fts_delete.append(("delete", row[0], *previous))
                    fts_insert.append((row[0], *text))
            conn.executemany(_FTS_DELETE, fts_delete)
            conn.executemany(_UPSERT_OFFER, offer_rows)
            conn.executemany(
                "INSERT INTO offer_json (id, description, raw) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET description = excluded.description, raw = excluded.raw",
                json_rows,
            )
            conn.executemany("DELETE FROM offers WHERE id = ?", [(i,) for i in deleted_ids])
            conn.executemany("DELETE FROM offer_json WHERE id = ?", [(i,) for i in deleted_ids])
            conn.executemany(_FTS_INSERT, fts_insert)
            sellers = {}
            for item in latest.values():
                seller = item.get("seller") or {}
                if seller.get("id") is not None:
                    rating = seller.get("rating")
                    sellers[seller["id"]] = (
                        int(seller["id"]), str(seller.get("name") or ""), seller.get("country"),
                        None if rating is None else str(money.to_decimal(rating)),
                    )  # fmt: skip
            conn.executemany(_UPSERT_SELLER_FROM_OFFER, list(sellers.values()))
            _set_meta(conn, next_since=next_since, last_synced_at=synced_at.astimezone(UTC).isoformat())
        if len(offer_rows) + len(deleted_ids) >= _BIG_PAGE:
            self.checkpoint()

    def optimize_text_index(self) -> None:
        """Merge the text index into one segment (a worker's job: ~0.5 s at 100,000 offers).

        A sync leaves a segment per page, merged only partly as it goes; searches over one segment are
        faster (the broad prefixes typed first, such as "pa", about 40 %)."""
        with self._write() as conn:
            conn.execute("INSERT INTO offers_fts (offers_fts) VALUES ('optimize')")
        self.checkpoint()

    def offer_count(self) -> int:
        with self._read() as conn:
            return conn.execute("SELECT count(*) FROM offers").fetchone()[0]

    def rows(self, ids: Iterable[int]) -> dict[int, OfferRow]:
        """Table rows for `ids` (one query); ids no longer cached are simply absent."""
        id_list = [int(i) for i in ids]
        if not id_list:
            return {}
        with self._read() as conn:
            cursor = conn.execute(_SELECT_ROWS, (json.dumps(id_list),))
            return {row[0]: _offer_row_from_sql(row) for row in cursor}

    def offer(self, offer_id: int) -> dict[str, Any] | None:
        """The full offer JSON as last received, or None."""
        with self._read() as conn:
            row = conn.execute("SELECT raw FROM offer_json WHERE id = ?", (int(offer_id),)).fetchone()
        return None if row is None else json.loads(row[0])

    def offers(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """Full offer JSONs for `ids` (e.g. the cart's offers for `cart.local_check`)."""
        id_list = [int(i) for i in ids]
        if not id_list:
            return {}
        with self._read() as conn:
            cursor = conn.execute(
                "SELECT id, raw FROM offer_json WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(id_list),),
            )
            return {row[0]: json.loads(row[1]) for row in cursor}

    def offer_ids_by_sku(self, skus: Iterable[str]) -> dict[str, list[int]]:
        """SKU (as given) → ids of the offers with that SKU, case-insensitively.

        SKUs are unique per seller only, so a SKU can name several offers."""
        wanted = {sku.strip(): sku.strip().casefold() for sku in skus if sku.strip()}
        if not wanted:
            return {}
        with self._read() as conn:
            cursor = conn.execute(
                "SELECT id, sku FROM offers WHERE sku IN (SELECT value FROM json_each(?)) ORDER BY id",
                (json.dumps(list(wanted)),),
            )
            found: dict[str, list[int]] = {}
            for offer_id, sku in cursor:
                found.setdefault(sku.casefold(), []).append(offer_id)
        return {given: found.get(folded, []) for given, folded in wanted.items()}
