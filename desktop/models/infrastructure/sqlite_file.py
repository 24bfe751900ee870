"""The one SQLite file helper of the local stores (catalog cache, orders cache, cart; the seller outbox next).

    file = SqliteFile(path, FileSpec(label="orders cache", version=2, application_id=0x42446F63,
                                     schema=DDL, probes=("SELECT id FROM orders LIMIT 1",)))
    with file.read() as conn: ...      # this thread's connection, held while the block runs
    with file.write() as conn: ...     # BEGIN IMMEDIATE … COMMIT (ROLLBACK if the block raises)

Opening: a file that is absent, empty or a fresh empty database gets the schema. A *cache*
(`FileSpec.precious` false) whose file is not a database, fails a probe, belongs to another program
(`application_id`) or has another schema version is discarded and rebuilt empty (`was_rebuilt`,
`rebuild_reason`, `rebuild_detail`; a corrupt file is moved aside as ``<name>.corrupt`` when
`keep_corrupt_copy`). A *precious* file (the cart) is never discarded: a newer schema version is
refused with a RuntimeError, and a damaged file reaches the caller as the sqlite3 error.

Durability: WAL always; `synchronous` NORMAL for a cache (a power cut may lose the last writes, which the
next sync brings back), FULL for a file whose every commit must survive one (the cart).

Threads: every thread gets its own connection, created on first use and kept by thread id (not a
threading.local: a Qt pool thread gets a new Python thread state, hence a new threading.local, for every
task it runs). Connections are opened with `check_same_thread=False` only so that `close()` can close
every thread's connection: each connection has its own lock, held while it is used and while it is
closed, so `close()` never closes a connection under a statement another thread is running, and no
connection is ever used by a thread other than its owner. One writer at a time (a process-wide lock per
file, then SQLite's own); a `write()` inside a `write()` of the same thread joins the outer transaction.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)


class RebuildReason(StrEnum):
    CORRUPT = "corrupt"  # not a database, malformed, failed the integrity check: tell the user
    SCHEMA_CHANGED = "schema_changed"  # written by another version of the app: routine, a full sync follows


class StoreError(Exception):
    """The file cannot be used (closed, in use by another process, or cannot be created)."""


@dataclass(frozen=True, slots=True)
class FileSpec:
    """What a store's file is: its schema, how it is checked at opening, how it is written."""

    label: str  # for messages and logs: "catalog cache"
    version: int  # PRAGMA user_version of the current schema
    schema: str  # the DDL run (in one transaction) in a new file; it sets user_version (and application_id)
    application_id: int = 0  # PRAGMA application_id of our files; 0: not checked
    #: cheap reads run at opening (a row of every table, say): one that fails means a damaged file
    probes: tuple[str, ...] = ()
    precious: bool = False  # never discarded (the cart); else a cache, rebuilt when it cannot be used
    keep_corrupt_copy: bool = False  # move a corrupt file aside (for a bug report) instead of deleting it
    synchronous: Literal["NORMAL", "FULL"] = "NORMAL"
    #: further PRAGMAs of every connection, in order (name → value)
    pragmas: Mapping[str, int | str] = field(default_factory=dict)
    error: type[Exception] = StoreError  # what the store raises when the file cannot be used


class _Connection:
    __slots__ = ("conn", "lock", "thread")

    def __init__(self, conn: sqlite3.Connection, thread: threading.Thread) -> None:
        self.conn: sqlite3.Connection | None = conn
        self.lock = threading.RLock()
        self.thread = weakref.ref(thread)


class SqliteFile:
    """A store's SQLite file: opened (created, checked, rebuilt) at construction, then used per thread."""

    def __init__(self, path: str | os.PathLike[str], spec: FileSpec, *,
                 on_discard: Callable[[], None] | None = None) -> None:
        """`on_discard` runs when a cache file is discarded (e.g. to delete files that it indexed)."""
        self.path = Path(path)
        self.spec = spec
        self.was_rebuilt = False
        self.rebuild_reason: RebuildReason | None = None
        self.rebuild_detail: str | None = None
        #: where a corrupt file was moved to (kept for a bug report; replaced by the next one)
        self.corrupt_copy: Path | None = None
        self._on_discard = on_discard
        self._by_thread: dict[int, _Connection] = {}
        self._connections: list[_Connection] = []
        self._registry_lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._closed = False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._open_or_rebuild()

    # -- opening, checking, rebuilding -------------------------------------------------------------

    def new_connection(self) -> sqlite3.Connection:
        """A connection with the file's settings (autocommit: transactions are `write()`'s)."""
        conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(f"PRAGMA synchronous = {self.spec.synchronous}")
            for name, value in self.spec.pragmas.items():
                conn.execute(f"PRAGMA {name} = {value}")
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_or_rebuild(self) -> None:
        if self.spec.precious:
            self._open_precious()
            return
        problem = self._check_existing_file()
        if problem is not None:
            reason, detail = problem
            log.warning("%s %s rebuilt (%s): %s", self.spec.label, self.path, reason, detail)
            self.was_rebuilt, self.rebuild_reason, self.rebuild_detail = True, reason, detail
            self._discard_file(keep_copy=self.spec.keep_corrupt_copy and reason is RebuildReason.CORRUPT)
        try:
            conn = self.new_connection()
            try:
                if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                    conn.executescript("BEGIN IMMEDIATE;" + self.spec.schema + "COMMIT;")
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise self.spec.error(f"cannot create the {self.spec.label} at {self.path}: {exc}") from exc

    def _open_precious(self) -> None:
        conn = self.new_connection()
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > self.spec.version:
                raise RuntimeError(
                    f"{self.path} was written by a newer Bulkdesk ({self.spec.label} schema {version}); "
                    "update the app"
                )
            if version < self.spec.version:
                conn.executescript("BEGIN IMMEDIATE;" + self.spec.schema + "COMMIT;")
        finally:
            conn.close()

    def _check_existing_file(self) -> tuple[RebuildReason, str] | None:
        """None if the file is absent, empty or ours and healthy; else why it must be rebuilt."""
        if not self.path.exists() or (self.path.stat().st_size == 0 and not self._wal_path.exists()):
            return None
        spec = self.spec
        conn: sqlite3.Connection | None = None
        try:
            conn = self.new_connection()
            # The full check reads the whole file (~0.2 s for a 100,000-offer catalog): at opening only
            # when the last background check (`verify_integrity`) found a problem; otherwise the header,
            # the schema and the probes catch a file that is not ours or badly damaged.
            if self._suspect_path.exists():
                check = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
                if check != ["ok"]:
                    return RebuildReason.CORRUPT, "integrity check failed: " + "; ".join(map(str, check))
                self._suspect_path.unlink(missing_ok=True)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if version == 0 and app_id == 0:
                tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
                if tables == 0:
                    return None  # an empty database: create the schema in it
                return RebuildReason.CORRUPT, f"not a Bulkdesk {spec.label}"
            if spec.application_id and app_id != spec.application_id:
                return RebuildReason.CORRUPT, f"not a Bulkdesk {spec.label}"
            if version != spec.version:
                return RebuildReason.SCHEMA_CHANGED, f"schema version {version}, expected {spec.version}"
            for probe in spec.probes:
                conn.execute(probe).fetchall()
            return None
        except sqlite3.DatabaseError as exc:
            if is_transient(exc):
                raise spec.error(f"the {spec.label} {self.path} is in use: {exc}") from exc
            return RebuildReason.CORRUPT, f"{type(exc).__name__}: {exc}"
        finally:
            if conn is not None:
                conn.close()

    def verify_integrity(self) -> str | None:
        """The full integrity check (PRAGMA quick_check) that opening skips: call it off the GUI thread.

        Returns None when the file is sound; else what is wrong, and the next opening rebuilds the file
        (it is told as a corrupt file, like a damage found at opening)."""
        try:
            with self.read() as conn:
                check = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        except sqlite3.DatabaseError as exc:
            if is_transient(exc):
                return None
            check = [f"{type(exc).__name__}: {exc}"]
        if check == ["ok"]:
            return None
        problem = "integrity check failed: " + "; ".join(map(str, check))
        log.warning("%s %s: %s; it is rebuilt at the next start", self.spec.label, self.path, problem)
        with contextlib.suppress(OSError):
            self._suspect_path.touch()
        return problem

    def _discard_file(self, *, keep_copy: bool) -> None:
        self.corrupt_copy = None
        if keep_copy:
            aside = self.path.with_name(self.path.name + ".corrupt")
            try:
                os.replace(self.path, aside)
                self.corrupt_copy = aside
            except OSError as exc:
                log.warning("could not move %s aside: %s", self.path, exc)
        for victim in (self.path, self._wal_path, self._shm_path, self._suspect_path):
            with contextlib.suppress(FileNotFoundError):
                victim.unlink()
        if self._on_discard is not None:
            self._on_discard()

    @property
    def _wal_path(self) -> Path:
        return self.path.with_name(self.path.name + "-wal")

    @property
    def _shm_path(self) -> Path:
        return self.path.with_name(self.path.name + "-shm")

    @property
    def _suspect_path(self) -> Path:
        """A marker beside the file: the background integrity check failed, check fully at the next open."""
        return self.path.with_name(self.path.name + ".check")

    def size_bytes(self) -> int:
        """Disk used by the database with its WAL and shared-memory files."""
        total = 0
        for file in (self.path, self._wal_path, self._shm_path):
            with contextlib.suppress(FileNotFoundError):
                total += file.stat().st_size
        return total

    # -- connections --------------------------------------------------------------------------------

    def _connection(self) -> _Connection:
        ident = threading.get_ident()
        entry = self._by_thread.get(ident)
        if entry is not None and entry.conn is not None:
            return entry
        if self._closed:
            raise self.spec.error(f"the {self.spec.label} is closed")
        entry = _Connection(self.new_connection(), threading.current_thread())
        with self._registry_lock:
            self._prune_dead_threads()
            self._connections.append(entry)
            self._by_thread[ident] = entry
        return entry

    def _prune_dead_threads(self) -> None:
        alive = []
        for entry in self._connections:
            thread = entry.thread()
            if thread is None or not thread.is_alive() or entry.conn is None:
                with entry.lock:
                    if entry.conn is not None:
                        entry.conn.close()
                        entry.conn = None
            else:
                alive.append(entry)
        self._connections = alive
        self._by_thread = {i: e for i, e in self._by_thread.items() if e.conn is not None}

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, for the block (autocommit: each statement is its own transaction)."""
        entry = self._connection()
        with entry.lock:
            if entry.conn is None:
                raise self.spec.error(f"the {self.spec.label} is closed")
            yield entry.conn

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: everything in the block is committed together, or nothing is."""
        with self._write_lock, self.read() as conn:
            if conn.in_transaction:  # a write() inside a write(): part of the outer transaction
                yield conn
            else:
                with immediate_transaction(conn):
                    yield conn

    def checkpoint(self) -> None:
        """Fold the WAL into the database and truncate it."""
        with self.read() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Close every thread's connection (each once no statement runs on it). No use afterwards."""
        self._closed = True
        with self._registry_lock:
            for entry in self._connections:
                with entry.lock:
                    if entry.conn is not None:
                        entry.conn.close()
                        entry.conn = None
            self._connections.clear()
            self._by_thread = {}


@contextlib.contextmanager
def immediate_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK if the block raises: all of it is written, or none."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def is_transient(exc: sqlite3.DatabaseError) -> bool:
    """A busy or locked database (another process holds it), not a damaged one."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return "locked" in str(exc) or "busy" in str(exc)
    return (code & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
