"""Engine and session factory: SQLite (WAL, foreign keys) by default, PostgreSQL by URL."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import anyio.to_thread
from anyio import CapacityLimiter
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")

#: worker threads the hot read paths (`Database.run_read`) may use at once. More only adds GIL and
#: pool contention on a small machine: a read is mostly Python work plus one SQLite or PostgreSQL call.
READ_THREADS = int(os.environ.get("BULKDESK_READ_THREADS", "4"))
#: "1" (the default): short reads (`Database.run_read(short=True)`) on SQLite run in the event loop, "0":
#: in a worker thread. Inline saves the thread hop and the GIL hand-offs: with the filters in the
#: full-text index a search page's SQL takes 1.4 ms on average at 100,000 offers, and 2 workers at 32
#: clients answered 760-780 requests/s inline against 445-683 in threads (2.4 vs 2.8-3.3 ms of CPU per
#: request; benchmarks server). Each worker process then runs one read at a time: scale with --workers.
INLINE_READS = os.environ.get("BULKDESK_INLINE_READS", "1") == "1"


#: seconds PostgreSQL connection attempts may take (libpq's connect_timeout)
PG_CONNECT_TIMEOUT_S = 10


def normalise_url(url: str) -> str:
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str, *, immediate: bool = False) -> Engine:
    """An engine; on SQLite, ``immediate`` makes every transaction take the write lock at BEGIN."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            # Let SQLAlchemy issue BEGIN itself so that BEGIN IMMEDIATE below works.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            # Reads of a large catalog: map the file and keep a 64 MiB page cache per connection.
            cur.execute("PRAGMA mmap_size=268435456")
            cur.execute("PRAGMA cache_size=-65536")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):  # pragma: no cover - trivial
            # Writers queue up at BEGIN instead of failing on lock upgrade: checkouts serialise cleanly.
            if immediate:
                begin_immediate(conn.connection.dbapi_connection)
            else:  # on the driver's connection: SQLAlchemy's statement path was 5% of a GET /offers
                conn.connection.dbapi_connection.execute("BEGIN")

        return engine
    # connect_timeout: a database host gone silent fails a connection attempt in 10 s, rather than after
    # the kernel's SYN retries (about 2 minutes) or never (a peer that accepts and does not answer), so
    # requests and readiness checks (readiness.py) do not pile up waiting
    return create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=True,
                         connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S})


#: how long a writer waits for SQLite's write lock before "database is locked" (as busy_timeout did)
WRITE_WAIT_S = 30.0
#: how often a waiting writer asks again (see begin_immediate)
WRITE_POLL_S = 0.005


def begin_immediate(dbapi_conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, asking again every few milliseconds while another writer holds the lock.

    SQLite's own busy handler backs off to one try every 100 ms after the first ~300 ms of waiting,
    so a sign-in or checkout waiting behind a long import kept missing the short gaps the import
    leaves between its batches (services/catalog_import.py) and waited for several batches. Polling
    briefly here (a failed BEGIN costs microseconds) hands the lock to a waiting writer within
    milliseconds of a commit."""
    deadline = time.monotonic() + WRITE_WAIT_S
    dbapi_conn.execute("PRAGMA busy_timeout=2")
    try:
        while True:
            try:
                dbapi_conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
            time.sleep(WRITE_POLL_S)
    finally:
        dbapi_conn.execute("PRAGMA busy_timeout=30000")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


class KeptRead:
    """What a short read's function gets on SQLite (`Database.run_read(short=True)`): a read transaction
    on the sqlite3 connection its thread keeps. It offers what `services.statements.fetch_all` uses of a
    Session: `get_bind()` (the engine, for its dialect) and the driver connection to run statements on."""

    __slots__ = ("bind", "driver")

    def __init__(self, bind: Engine, driver: sqlite3.Connection):
        self.bind = bind
        self.driver = driver

    def get_bind(self) -> Engine:
        return self.bind


class Database:
    """Owns the engine and hands out sessions; one per server process."""

    def __init__(self, url: str):
        self.url = normalise_url(url)
        self.engine = make_engine(self.url)
        # SQLite: writers get their own engine whose transactions BEGIN IMMEDIATE, so readers never
        # queue behind the write lock and writers never deadlock upgrading a read lock.
        self.write_engine = make_engine(self.url, immediate=True) if is_sqlite(self.engine) else self.engine
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(self.write_engine, expire_on_commit=False)
        self.inline_reads = is_sqlite(self.engine) and INLINE_READS
        self._inline = threading.local()  # each thread's kept connection for inline reads
        self._limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, CapacityLimiter] = (
            weakref.WeakKeyDictionary()
        )

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        maker = self._writer if write else self._reader
        with maker() as session:
            try:
                yield session
            except BaseException:
                session.rollback()
                raise

    async def run_read(self, fn: Callable[[Session], T], *, short: bool = False) -> T:
        """`fn(session)` with a read session in a worker thread, at most READ_THREADS at a time (the
        others wait in the event loop, not in threads): one thread hop per request instead of one per
        sync dependency, and no pile of threads contending for the GIL under load.

        `short`: a read of a few indexed statements over a small page (GET /offers, one offer), which `fn`
        runs through `services.statements.fetch_all` only. On SQLite it runs in the event loop itself
        (unless BULKDESK_INLINE_READS=0), where the hop to a thread and back cost more than the read, and
        `fn` gets a `KeptRead` rather than an ORM session. PostgreSQL reads always use threads."""

        def work() -> T:
            with self.session() as session:
                return fn(session)

        if short and self.inline_reads:
            return self._inline_read(fn)  # type: ignore[arg-type]  # KeptRead: what fetch_all uses of a Session
        return await anyio.to_thread.run_sync(work, limiter=self._read_limiter())

    def _inline_read(self, fn: Callable[[KeptRead], T]) -> T:
        """`fn(read)` in a read transaction on the connection this thread keeps checked out for its inline
        reads, rolled back after: no pool checkout and return, and no ORM session, whose creation, begin
        and close cost 45 µs, a third of the Python of a GET /offers page (benchmarks server)."""
        kept = getattr(self._inline, "kept", None)
        if kept is None or kept[0].closed or kept[0].invalidated:
            connection = self.engine.connect()
            kept = self._inline.kept = (connection, KeptRead(self.engine, connection.connection.dbapi_connection))
        read = kept[1]
        read.driver.execute("BEGIN")  # one snapshot for the read's statements (the page and its version)
        try:
            return fn(read)
        finally:
            read.driver.rollback()

    def _read_limiter(self) -> CapacityLimiter:
        loop = asyncio.get_running_loop()
        limiter = self._limiters.get(loop)
        if limiter is None:  # one per event loop: a limiter belongs to the loop it was made in
            limiter = self._limiters[loop] = CapacityLimiter(max(1, READ_THREADS))
        return limiter

    def dispose(self) -> None:
        kept = getattr(self._inline, "kept", None)  # this thread's; another thread's closes with it
        if kept is not None:
            kept[0].close()
            self._inline.kept = None
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()
