"""The saved searches and offer watches of each account, on this computer (no Qt).

One SQLite file (`FileSpec.precious`, WAL, synchronous=FULL: a search saved is never lost to a crash):

- `searches`: a name, the catalog query (JSON, see `query_codec`), alerts on or off, when the user
  last opened it;
- `matches`: the offers each search is known to match, with when each started to match; the new
  matches of a search are those that started after the user last opened it;
- `watches`: one offer watched for "back in stock" or "price below", with the offer's last seen stock
  and price, so that a watch fires when the offer crosses over, once, not at every sync.

Accounts are keyed by (server URL, account e-mail); `""` is the signed-out user of that server.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Literal

from desktop.models.infrastructure.sqlite_file import FileSpec, SqliteFile

from ..catalog_cache import OfferQuery
from .query_codec import query_from_json, query_to_json

__all__ = ["SavedSearch", "SavedSearchStore", "Watch", "WatchKind"]

SCHEMA_VERSION = 1

_SCHEMA = f"""
CREATE TABLE searches (
    id INTEGER PRIMARY KEY,
    server_url TEXT NOT NULL,
    account TEXT NOT NULL,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    alerts INTEGER NOT NULL DEFAULT 1,
    created_at REAL NOT NULL,
    opened_at REAL NOT NULL,
    evaluated_at REAL NOT NULL,    -- the last sync it was checked after (or its saving)
    UNIQUE (server_url, account, name)
);
CREATE TABLE matches (
    search_id INTEGER NOT NULL REFERENCES searches(id) ON DELETE CASCADE,
    offer_id INTEGER NOT NULL,
    since REAL NOT NULL,
    PRIMARY KEY (search_id, offer_id)
) WITHOUT ROWID;
CREATE INDEX matches_offer ON matches(offer_id);
CREATE TABLE watches (
    id INTEGER PRIMARY KEY,
    server_url TEXT NOT NULL,
    account TEXT NOT NULL,
    offer_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('back_in_stock', 'price_below')),
    threshold TEXT,                -- price_below: the amount, in `currency`
    currency TEXT,
    last_stock INTEGER,
    last_price_eur TEXT,
    created_at REAL NOT NULL,
    UNIQUE (server_url, account, offer_id, kind)
);
PRAGMA user_version = {SCHEMA_VERSION};
"""

_FILE_SPEC = FileSpec(
    label="saved searches",
    version=SCHEMA_VERSION,
    schema=_SCHEMA,
    application_id=0x42445373,  # "BDSs"
    precious=True,
    synchronous="FULL",
    pragmas={"foreign_keys": "ON"},
)

WatchKind = Literal["back_in_stock", "price_below"]


@dataclass(frozen=True, slots=True)
class SavedSearch:
    id: int
    name: str
    query: OfferQuery
    alerts: bool
    new_count: int  # offers that started to match since the user last opened it
    opened_at: datetime
    evaluated_at: datetime  # the last sync it was checked after


@dataclass(frozen=True, slots=True)
class Watch:
    id: int
    offer_id: int
    kind: WatchKind
    threshold: Decimal | None
    currency: str | None
    last_stock: int | None
    last_price_eur: Decimal | None


def _ts(when: datetime | None) -> float:
    return (when or datetime.now(UTC)).timestamp()


class SavedSearchStore:
    """`store.account(server_url, email)` gives the saved searches and watches of one account."""

    def __init__(self, path: str | Path) -> None:
        self._file = SqliteFile(path, _FILE_SPEC)

    def account(self, server_url: str, account: str | None) -> AccountSearches:
        return AccountSearches(self._file, server_url.strip().rstrip("/"), (account or "").strip().lower())

    def close(self) -> None:
        self._file.close()


class AccountSearches:
    """The saved searches and watches of one account. Quick reads: the GUI thread may call them; the
    evaluation after a sync (`evaluate.evaluate_after_sync`) runs in the sync's worker."""

    def __init__(self, file: SqliteFile, server_url: str, account: str) -> None:
        self._file = file
        self._key = (server_url, account)

    # -- searches ------------------------------------------------------------------------------------
    def searches(self) -> list[SavedSearch]:
        with self._file.read() as conn:
            rows = conn.execute(
                "SELECT s.id, s.name, s.query, s.alerts, s.opened_at, "
                "(SELECT count(*) FROM matches m WHERE m.search_id = s.id AND m.since > s.opened_at), "
                "s.evaluated_at "
                "FROM searches s WHERE s.server_url = ? AND s.account = ? ORDER BY s.name COLLATE NOCASE",
                self._key,
            ).fetchall()
        return [
            SavedSearch(row[0], row[1], query_from_json(row[2]), bool(row[3]), row[5],
                        datetime.fromtimestamp(row[4], UTC), datetime.fromtimestamp(row[6], UTC))
            for row in rows
        ]  # fmt: skip

    def search(self, search_id: int) -> SavedSearch | None:
        return next((s for s in self.searches() if s.id == search_id), None)

    def save(self, name: str, query: OfferQuery, matches: Iterable[int], *, alerts: bool = True,
             now: datetime | None = None) -> SavedSearch:
        """Save ``query`` under ``name`` (replacing a search of that name) with the offers it matches now:
        they are known, not new."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("a saved search needs a name")
        if len(name) > 120:
            raise ValueError("the name is too long (120 characters at most)")
        at = _ts(now)
        with self._file.write() as conn:
            conn.execute("DELETE FROM searches WHERE server_url = ? AND account = ? AND name = ?",
                         (*self._key, name))
            search_id = conn.execute(
                "INSERT INTO searches (server_url, account, name, query, alerts, created_at, opened_at, "
                "evaluated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (*self._key, name, query_to_json(query), int(alerts), at, at, at),
            ).lastrowid
            conn.executemany("INSERT OR IGNORE INTO matches VALUES (?, ?, ?)",
                             ((search_id, int(i), at) for i in matches))
        found = self.search(int(search_id or 0))
        assert found is not None
        return found

    def rename(self, search_id: int, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise ValueError("a saved search needs a name")
        try:
            with self._file.write() as conn:
                conn.execute("UPDATE searches SET name = ? WHERE id = ? AND server_url = ? AND account = ?",
                             (name, search_id, *self._key))
        except sqlite3.IntegrityError:
            raise ValueError(f"a saved search is already called {name!r}") from None

    def delete(self, search_id: int) -> None:
        with self._file.write() as conn:
            conn.execute("DELETE FROM searches WHERE id = ? AND server_url = ? AND account = ?",
                         (search_id, *self._key))

    def set_alerts(self, search_id: int, on: bool) -> None:
        with self._file.write() as conn:
            conn.execute("UPDATE searches SET alerts = ? WHERE id = ? AND server_url = ? AND account = ?",
                         (int(on), search_id, *self._key))

    def new_matches(self, search_id: int) -> set[int]:
        """The offers that started to match since the user last opened the search (to mark them)."""
        with self._file.read() as conn:
            return {row[0] for row in conn.execute(
                "SELECT m.offer_id FROM matches m JOIN searches s ON s.id = m.search_id "
                "WHERE m.search_id = ? AND m.since > s.opened_at", (search_id,))}

    def mark_opened(self, search_id: int, now: datetime | None = None) -> set[int]:
        """The user opened the search: its new matches (returned, to mark them) are no longer new."""
        new = self.new_matches(search_id)
        with self._file.write() as conn:
            conn.execute("UPDATE searches SET opened_at = ? WHERE id = ?", (_ts(now), search_id))
        return new

    # -- what the evaluation reads and writes --------------------------------------------------------
    def known_among(self, ids: Iterable[int]) -> dict[int, set[int]]:
        """Which of ``ids`` each of the account's searches is known to match (one statement for all)."""
        found: dict[int, set[int]] = {}
        with self._file.read() as conn:
            for search_id, offer_id in conn.execute(
                "SELECT m.search_id, m.offer_id FROM matches m JOIN searches s ON s.id = m.search_id "
                "WHERE s.server_url = ? AND s.account = ? AND m.offer_id IN (SELECT value FROM json_each(?))",
                (*self._key, json.dumps(sorted({int(i) for i in ids}))),
            ):
                found.setdefault(search_id, set()).add(offer_id)
        return found

    def known(self, search_id: int) -> set[int]:
        with self._file.read() as conn:
            return {row[0] for row in conn.execute("SELECT offer_id FROM matches WHERE search_id = ?", (search_id,))}

    def record(self, changes: Iterable[tuple[int, set[int], set[int]]], now: datetime | None = None) -> None:
        """Apply ``(search_id, started_matching, stopped_matching)`` for several searches in one transaction;
        every search of the account was checked at ``now``."""
        at = _ts(now)
        with self._file.write() as conn:
            conn.execute("UPDATE searches SET evaluated_at = ? WHERE server_url = ? AND account = ?", (at, *self._key))
            for search_id, added, removed in changes:
                if removed:
                    conn.execute("DELETE FROM matches WHERE search_id = ? AND offer_id IN "
                                 "(SELECT value FROM json_each(?))", (search_id, json.dumps(sorted(removed))))
                conn.executemany("INSERT OR IGNORE INTO matches VALUES (?, ?, ?)",
                                 ((search_id, offer_id, at) for offer_id in added))

    # -- watches ---------------------------------------------------------------------------------------
    def watch(self, offer_id: int, kind: WatchKind, *, stock: int | None, price_eur: Decimal | None,
              threshold: Decimal | None = None, currency: str | None = None, now: datetime | None = None) -> Watch:
        """Watch an offer (again: the threshold is replaced), starting from its current stock and price."""
        if kind == "price_below" and (threshold is None or threshold <= 0 or not currency):
            raise ValueError("a price watch needs a price above zero and its currency")
        with self._file.write() as conn:
            conn.execute(
                "INSERT INTO watches (server_url, account, offer_id, kind, threshold, currency, last_stock, "
                "last_price_eur, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (server_url, account, offer_id, kind) DO UPDATE SET threshold = excluded.threshold, "
                "currency = excluded.currency, last_stock = excluded.last_stock, "
                "last_price_eur = excluded.last_price_eur",
                (*self._key, int(offer_id), kind, None if threshold is None else str(threshold), currency,
                 stock, None if price_eur is None else str(price_eur), _ts(now)),
            )
        return next(w for w in self.watches() if w.offer_id == offer_id and w.kind == kind)

    def unwatch(self, offer_id: int, kind: WatchKind | None = None) -> None:
        with self._file.write() as conn:
            conn.execute("DELETE FROM watches WHERE server_url = ? AND account = ? AND offer_id = ? "
                         "AND (? IS NULL OR kind = ?)", (*self._key, int(offer_id), kind, kind))

    def watches(self, offer_id: int | None = None) -> list[Watch]:
        with self._file.read() as conn:
            rows = conn.execute(
                "SELECT id, offer_id, kind, threshold, currency, last_stock, last_price_eur FROM watches "
                "WHERE server_url = ? AND account = ? AND (? IS NULL OR offer_id = ?) ORDER BY id",
                (*self._key, offer_id, offer_id),
            ).fetchall()
        return [
            Watch(row[0], row[1], row[2], None if row[3] is None else Decimal(row[3]), row[4], row[5],
                  None if row[6] is None else Decimal(row[6]))
            for row in rows
        ]  # fmt: skip

    def record_watch_state(self, states: Iterable[tuple[int, int | None, Decimal | None]]) -> None:
        """``(watch_id, stock, price_eur)``: what the offers were at this sync."""
        with self._file.write() as conn:
            conn.executemany("UPDATE watches SET last_stock = ?, last_price_eur = ? WHERE id = ?",
                             ((stock, None if price is None else str(price), watch_id)
                              for watch_id, stock, price in states))
