"""The seller's durable outbox: every write is kept here before anything else happens.

    outbox = Outbox.for_account(paths.data, server_url, account)
    entry = outbox.enqueue("offer_edit", target="42", payload={"fields": {"stock_units": 40}},
                           base={"version": 7, "fields": {"stock_units": 12}})
    # committed (WAL, synchronous=FULL) before enqueue returns: a kill -9 right after loses nothing

An **entry** is ``(id, kind, target, payload, base, idempotency_key, status, message, errors,
prepared, created_at, updated_at, group_id, label)``:

* ``kind`` names the handler that sends it (see :mod:`.sender`): ``offer_edit``, ``offer_create``,
  ``offer_delete`` here; other areas add theirs (``shipping``, ``cancel_order``, ``answer``) by
  ``sender.register(kind, handler)`` without changing this module.
* ``target`` is what it writes to (an offer id, an order ref, a question id) as text; entries are sent
  in ``id`` order, and an entry whose target has an earlier entry in ``conflict`` or ``refused`` waits
  behind it (edits of one offer never overtake each other).
* ``payload`` and ``base`` are JSON: what the edit wants and the values (and version) it started from.
* ``idempotency_key`` is made at enqueue time and stored: every attempt of the entry sends it.
* ``prepared`` is the exact request last sent (a handler stores it with :meth:`prepare` *before*
  sending): after a crash or a lost answer the same request goes again with the same key, so the
  server replays its answer instead of doing (or refusing) the write twice.
* ``status``: ``waiting`` → ``sending`` → ``sent``; or ``conflict`` (412: the server's offer in
  ``detail``) or ``refused`` (422/409/404: the server's ``message`` and per-field ``errors``). Conflict
  and refused entries stay until the seller resolves, fixes (:meth:`revise`), retries or discards them.
* ``group_id`` ties the entries of one bulk operation (undo takes the group's inverse).

Sent entries are kept for a while so the "Pending changes" list can show them (:meth:`prune_sent`).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.models.infrastructure.sqlite_file import FileSpec, SqliteFile

from .listings import account_file

__all__ = ["OPEN", "Entry", "NewEntry", "Outbox", "Status"]

SCHEMA_VERSION = 1


class Status:
    WAITING = "waiting"
    SENDING = "sending"
    SENT = "sent"
    CONFLICT = "conflict"
    REFUSED = "refused"


#: statuses of entries still to be sent or settled
OPEN = (Status.WAITING, Status.SENDING, Status.CONFLICT, Status.REFUSED)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,   -- the order entries are sent in
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    payload TEXT NOT NULL,
    base TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'waiting'
        CHECK (status IN ('waiting', 'sending', 'sent', 'conflict', 'refused')),
    message TEXT,
    errors TEXT,                            -- JSON [{{field, code, message}}] of a refusal
    detail TEXT,                            -- JSON: the server's current object of a conflict
    prepared TEXT,                          -- JSON: the exact request last sent with the key
    result TEXT,                            -- JSON: the server's answer once sent
    attempts INTEGER NOT NULL DEFAULT 0,
    group_id TEXT,
    label TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX IF NOT EXISTS entries_open ON entries (status, id);
CREATE INDEX IF NOT EXISTS entries_target ON entries (kind, target);
PRAGMA application_id = 1111838574;
PRAGMA user_version = {SCHEMA_VERSION};
"""

_SPEC = FileSpec(label="seller outbox", version=SCHEMA_VERSION, schema=_SCHEMA, application_id=1111838574,
                 precious=True, synchronous="FULL")

_COLUMNS = ("id, kind, target, payload, base, idempotency_key, status, message, errors, detail, prepared, "
            "result, attempts, group_id, label, created_at, updated_at, sent_at")


@dataclass(frozen=True)
class NewEntry:
    kind: str
    target: str
    payload: dict[str, Any]
    base: dict[str, Any] = field(default_factory=dict)
    label: str = ""


@dataclass(frozen=True)
class Entry:
    id: int
    kind: str
    target: str
    payload: dict[str, Any]
    base: dict[str, Any]
    idempotency_key: str
    status: str
    message: str | None
    errors: list[dict[str, Any]]
    detail: dict[str, Any] | None
    prepared: dict[str, Any] | None
    result: Any
    attempts: int
    group_id: str | None
    label: str
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None

    def with_prepared(self, prepared: dict[str, Any] | None) -> Entry:
        return replace(self, prepared=prepared)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _load(value: str | None) -> Any:
    return json.loads(value) if value else None


def _dump(value: object) -> str | None:
    return None if value is None else json.dumps(value, separators=(",", ":"), default=str)


def _entry(row: Sequence[Any]) -> Entry:
    return Entry(
        id=row[0], kind=row[1], target=row[2], payload=json.loads(row[3]), base=json.loads(row[4]),
        idempotency_key=row[5], status=row[6], message=row[7], errors=_load(row[8]) or [],
        detail=_load(row[9]), prepared=_load(row[10]), result=_load(row[11]), attempts=row[12],
        group_id=row[13], label=row[14], created_at=datetime.fromisoformat(row[15]),
        updated_at=datetime.fromisoformat(row[16]), sent_at=datetime.fromisoformat(row[17]) if row[17] else None,
    )


class Outbox:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._file = SqliteFile(self.path, _SPEC)

    @classmethod
    def for_account(cls, data_dir: str | os.PathLike[str], server_url: str, account: str | None) -> Outbox:
        """One file per (server, account) under ``<data>/seller/``."""
        return cls(account_file(data_dir, server_url, account, "outbox"))

    def close(self) -> None:
        self._file.close()

    # -- queueing -----------------------------------------------------------------------------------
    def enqueue(self, kind: str, target: str | int, payload: Mapping[str, Any],
                base: Mapping[str, Any] | None = None, *, label: str = "", group_id: str | None = None) -> Entry:
        """Keep one write (committed when this returns) with a fresh Idempotency-Key."""
        return self.enqueue_many([NewEntry(kind, str(target), dict(payload), dict(base or {}), label)],
                                 group_id=group_id)[0]

    def enqueue_many(self, entries: Iterable[NewEntry], *, group_id: str | None = None) -> list[Entry]:
        """Several writes in one transaction (a bulk edit: all kept, or none), in this order."""
        now = _now()
        ids = []
        with self._file.write() as conn:
            for new in entries:
                cursor = conn.execute(
                    "INSERT INTO entries (kind, target, payload, base, idempotency_key, status, group_id, label, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?)",
                    (new.kind, str(new.target), _dump(new.payload), _dump(new.base), str(uuid.uuid4()),
                     group_id, new.label, now, now))
                ids.append(cursor.lastrowid)
        return self.get_many(ids)

    # -- reading ------------------------------------------------------------------------------------
    def get(self, entry_id: int) -> Entry | None:
        found = self.get_many([entry_id])
        return found[0] if found else None

    def get_many(self, ids: Sequence[int]) -> list[Entry]:
        out: list[Entry] = []
        with self._file.read() as conn:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start:start + 500])
                marks = ",".join("?" * len(chunk))
                out.extend(_entry(r) for r in conn.execute(
                    f"SELECT {_COLUMNS} FROM entries WHERE id IN ({marks}) ORDER BY id", chunk))  # noqa: S608
        return out

    def entries(self, statuses: Iterable[str] | None = None, *, kind: str | None = None) -> list[Entry]:
        """Entries in order (all, or those with one of ``statuses``)."""
        where, params = [], []
        if statuses is not None:
            wanted = list(statuses)
            where.append(f"status IN ({','.join('?' * len(wanted))})")
            params.extend(wanted)
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        sql = f"SELECT {_COLUMNS} FROM entries {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY id"  # noqa: S608
        with self._file.read() as conn:
            return [_entry(r) for r in conn.execute(sql, params)]

    def open_count(self) -> int:
        with self._file.read() as conn:
            return conn.execute("SELECT count(*) FROM entries WHERE status != 'sent'").fetchone()[0]

    def next_to_send(self, after: int = 0) -> Entry | None:
        """The first waiting (or interrupted ``sending``) entry after ``after`` whose target has no
        earlier entry in conflict or refused."""
        with self._file.read() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM entries e WHERE e.status IN ('waiting', 'sending') AND e.id > ? "  # noqa: S608
                "AND NOT EXISTS (SELECT 1 FROM entries b WHERE b.kind = e.kind AND b.target = e.target "
                "AND b.id < e.id AND b.status IN ('conflict', 'refused')) ORDER BY e.id LIMIT 1", (after,)
            ).fetchone()
        return _entry(row) if row else None

    def open_by_target(self, kinds: Iterable[str]) -> dict[str, list[Entry]]:
        """Entries not yet sent, per target (in order), for the rows' pending marks."""
        wanted = list(kinds)
        result: dict[str, list[Entry]] = {}
        with self._file.read() as conn:
            for row in conn.execute(
                f"SELECT {_COLUMNS} FROM entries WHERE status != 'sent' AND kind IN "  # noqa: S608
                f"({','.join('?' * len(wanted))}) ORDER BY id", wanted):
                entry = _entry(row)
                result.setdefault(entry.target, []).append(entry)
        return result

    def last_group(self) -> str | None:
        """The group id of the last bulk operation queued (what Undo undoes)."""
        with self._file.read() as conn:
            row = conn.execute("SELECT group_id FROM entries WHERE group_id IS NOT NULL AND group_id NOT LIKE "
                               "'undo:%' AND group_id NOT LIKE 'undone:%' ORDER BY id DESC LIMIT 1").fetchone()
        return row[0] if row else None

    def forget_group(self, group_id: str) -> None:
        """The group was undone: it is no longer what Undo undoes (its entries stay as they are)."""
        with self._file.write() as conn:
            conn.execute("UPDATE entries SET group_id = 'undone:' || group_id WHERE group_id = ?", (group_id,))

    def group(self, group_id: str) -> list[Entry]:
        with self._file.read() as conn:
            return [_entry(r) for r in conn.execute(
                f"SELECT {_COLUMNS} FROM entries WHERE group_id = ? ORDER BY id", (group_id,))]  # noqa: S608

    # -- the sender's marks -------------------------------------------------------------------------
    def _update(self, entry_id: int, **values: object) -> None:
        values["updated_at"] = _now()
        names = ", ".join(f"{k} = ?" for k in values)
        with self._file.write() as conn:
            conn.execute(f"UPDATE entries SET {names} WHERE id = ?", (*values.values(), entry_id))  # noqa: S608

    def prepare(self, entry_id: int, prepared: Mapping[str, Any], *, sent: tuple[int, Any] | None = None) -> None:
        """The exact request about to be sent (committed before it is sent): status ``sending``.

        ``sent``: (entry id, result) of the entry sent just before, marked in the same transaction (one
        durable commit per entry instead of two; see Sender.drain)."""
        with self._file.write() as conn:
            if sent is not None:
                self.mark_sent(*sent)
            conn.execute("UPDATE entries SET status = 'sending', prepared = ?, attempts = attempts + 1, "
                         "updated_at = ? WHERE id = ?", (_dump(dict(prepared)), _now(), entry_id))

    def mark_sent(self, entry_id: int, result: object = None) -> None:
        now = _now()
        self._update(entry_id, status=Status.SENT, result=_dump(result), message=None, errors=None,
                     detail=None, sent_at=now)

    def mark_conflict(self, entry_id: int, current: Mapping[str, Any] | None, message: str,
                      fields: Iterable[str] = ()) -> None:
        detail = {"current": dict(current) if current is not None else None, "fields": list(fields)}
        self._update(entry_id, status=Status.CONFLICT, detail=_dump(detail), message=message)

    def mark_refused(self, entry_id: int, message: str, errors: Iterable[Mapping[str, Any]] = (), *,
                     status: int | None = None, code: str | None = None) -> None:
        """The server (or the client's own rules) refused it: its words, per-field errors, and the answer's
        HTTP status and problem code (``detail``: {"status", "code"}) when the server said so."""
        detail = _dump({"status": status, "code": code}) if status is not None or code is not None else None
        self._update(entry_id, status=Status.REFUSED, message=message, errors=_dump([dict(e) for e in errors]),
                     detail=detail)

    # -- the seller's word --------------------------------------------------------------------------
    def retry(self, entry_id: int) -> None:
        """Send it again as it is (a refused or conflicting entry: the same request, new attempt)."""
        self._update(entry_id, status=Status.WAITING, prepared=None)

    def revise(self, entry_id: int, payload: Mapping[str, Any], base: Mapping[str, Any] | None = None, *,
               group_id: str | None = None, label: str | None = None) -> None:
        """The seller fixed it (a refusal) or resolved it (a conflict): send this payload next (and
        ``group_id``: it now belongs to that bulk operation; ``label``: what the list calls it)."""
        values: dict[str, Any] = {"payload": _dump(dict(payload)), "status": Status.WAITING, "prepared": None,
                                  "message": None, "errors": None, "detail": None}
        if base is not None:
            values["base"] = _dump(dict(base))
        if group_id is not None:
            values["group_id"] = group_id
        if label is not None:
            values["label"] = label
        self._update(entry_id, **values)

    def discard(self, entry_id: int) -> None:
        """The seller gave it up (or took the server's values): it leaves the outbox."""
        with self._file.write() as conn:
            conn.execute("DELETE FROM entries WHERE id = ? AND status != 'sending'", (entry_id,))

    def adopt(self, other: Outbox) -> int:
        """Carry ``other``'s entries not yet sent over to this outbox (the same account on the same
        marketplace, kept under an older key), after this one's, in their order, each with its stored
        Idempotency-Key, status, prepared request and group; then they leave ``other``. A second adoption
        of the same entries (a crash between the two commits) finds their keys here and skips them."""
        moved = other.entries(OPEN)
        if not moved:
            return 0
        with self._file.write() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO entries (kind, target, payload, base, idempotency_key, status, message, "
                "errors, detail, prepared, result, attempts, group_id, label, created_at, updated_at, sent_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(e.kind, e.target, _dump(e.payload), _dump(e.base), e.idempotency_key, e.status, e.message,
                  _dump(e.errors or None), _dump(e.detail), _dump(e.prepared), _dump(e.result), e.attempts,
                  e.group_id, e.label, e.created_at.isoformat(), e.updated_at.isoformat(), None) for e in moved])
        with other._file.write() as conn:
            conn.executemany("DELETE FROM entries WHERE id = ?", [(e.id,) for e in moved])
        return len(moved)

    def discard_open(self) -> int:
        """The seller gave up every entry not yet sent (another marketplace's, never to be sent there)."""
        with self._file.write() as conn:
            return conn.execute("DELETE FROM entries WHERE status != 'sent'").rowcount

    def prune_sent(self, older_than: timedelta = timedelta(days=1), keep: int = 200) -> int:
        """Forget sent entries older than ``older_than`` beyond the last ``keep``."""
        cutoff = (datetime.now(UTC) - older_than).isoformat()
        with self._file.write() as conn:
            cursor = conn.execute(
                "DELETE FROM entries WHERE status = 'sent' AND sent_at < ? AND id NOT IN "
                "(SELECT id FROM entries WHERE status = 'sent' ORDER BY id DESC LIMIT ?)", (cutoff, keep))
            return cursor.rowcount
