"""The SQLite file helper of the local stores, on real files: rebuilds, threads, transactions, durability."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from desktop.models.cart import CartStore
from desktop.models.infrastructure.sqlite_file import FileSpec, RebuildReason, SqliteFile
from desktop.models.orders_cache import OrdersCache

SCHEMA = """
CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE counter (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO counter (id, n) VALUES (1, 0);
PRAGMA user_version = {version};
PRAGMA application_id = 1234;
"""


class NotesError(Exception):
    pass


def spec(version: int = 1, **changes) -> FileSpec:
    values = {
        "label": "notes file",
        "version": version,
        "schema": SCHEMA.format(version=version),
        "application_id": 1234,
        "probes": ("SELECT id, text FROM notes LIMIT 1", "SELECT n FROM counter"),
        "error": NotesError,
    }
    return FileSpec(**{**values, **changes})


def add_note(file: SqliteFile, text: str) -> None:
    with file.write() as conn:
        conn.execute("INSERT INTO notes (text) VALUES (?)", (text,))


def notes(file: SqliteFile) -> list[str]:
    with file.read() as conn:
        return [row[0] for row in conn.execute("SELECT text FROM notes ORDER BY id")]


@pytest.fixture
def path(tmp_path):
    return tmp_path / "sub" / "notes.sqlite3"


def test_a_new_file_gets_the_schema_and_keeps_its_data_across_openings(path):
    first = SqliteFile(path, spec())
    assert first.was_rebuilt is False and first.rebuild_reason is None
    add_note(first, "kept")
    first.close()
    again = SqliteFile(path, spec())
    try:
        assert again.was_rebuilt is False
        assert notes(again) == ["kept"]
    finally:
        again.close()


# -- rebuilds ---------------------------------------------------------------------------------------


def test_a_corrupt_file_is_moved_aside_and_rebuilt_with_its_reason(path):
    path.parent.mkdir(parents=True)
    garbage = b"certainly not SQLite \x00\xff" * 400
    path.write_bytes(garbage)
    discarded = []
    file = SqliteFile(path, spec(keep_corrupt_copy=True), on_discard=lambda: discarded.append(True))
    try:
        assert file.was_rebuilt is True
        assert file.rebuild_reason is RebuildReason.CORRUPT
        assert "DatabaseError" in file.rebuild_detail
        assert file.corrupt_copy == path.with_name("notes.sqlite3.corrupt")
        assert file.corrupt_copy.read_bytes() == garbage  # kept for a bug report
        assert discarded == [True]
        add_note(file, "after")
        assert notes(file) == ["after"]
    finally:
        file.close()


def test_a_corrupt_file_without_a_kept_copy_is_deleted(path):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage" * 1000)
    file = SqliteFile(path, spec())
    try:
        assert file.rebuild_reason is RebuildReason.CORRUPT
        assert file.corrupt_copy is None
        assert not path.with_name("notes.sqlite3.corrupt").exists()
        assert notes(file) == []
    finally:
        file.close()


def test_a_schema_version_bump_rebuilds_the_file_empty(path):
    old = SqliteFile(path, spec(version=1))
    add_note(old, "from version 1")
    old.close()
    new = SqliteFile(path, spec(version=2))
    try:
        assert new.was_rebuilt is True
        assert new.rebuild_reason is RebuildReason.SCHEMA_CHANGED
        assert new.rebuild_detail == "schema version 1, expected 2"
        assert new.corrupt_copy is None  # routine: nothing kept
        assert notes(new) == []
        with new.read() as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    finally:
        new.close()


def test_another_programs_database_and_a_failing_probe_are_corrupt(path, tmp_path):
    path.parent.mkdir(parents=True)
    foreign = sqlite3.connect(path)
    foreign.execute("CREATE TABLE something_else (x)")
    foreign.commit()
    foreign.close()
    file = SqliteFile(path, spec())
    assert (file.rebuild_reason, file.rebuild_detail) == (RebuildReason.CORRUPT, "not a Bulkdesk notes file")
    file.close()

    damaged = tmp_path / "damaged.sqlite3"
    conn = sqlite3.connect(damaged)
    conn.executescript(SCHEMA.format(version=1) + "DROP TABLE counter;")  # ours by its header, not its tables
    conn.close()
    file = SqliteFile(damaged, spec())
    try:
        assert file.rebuild_reason is RebuildReason.CORRUPT
        assert "no such table: counter" in file.rebuild_detail
        with file.read() as conn:
            assert conn.execute("SELECT n FROM counter").fetchone() == (0,)
    finally:
        file.close()


def test_an_empty_file_is_initialised_not_rebuilt(path):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    file = SqliteFile(path, spec())
    try:
        assert file.was_rebuilt is False
        assert notes(file) == []
    finally:
        file.close()


def test_a_precious_file_is_never_discarded(path):
    file = SqliteFile(path, spec(precious=True))
    add_note(file, "precious")
    file.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(RuntimeError, match="newer Bulkdesk"):
        SqliteFile(path, spec(precious=True))
    assert path.read_bytes() == before

    path.write_bytes(b"damaged beyond use" * 300)
    with pytest.raises(sqlite3.DatabaseError):
        SqliteFile(path, spec(precious=True))
    assert path.read_bytes() == b"damaged beyond use" * 300


# -- transactions -----------------------------------------------------------------------------------


def test_a_write_that_raises_is_rolled_back_whole_and_the_connection_stays_usable(path):
    file = SqliteFile(path, spec())
    try:
        add_note(file, "before")
        with pytest.raises(ZeroDivisionError), file.write() as conn:
            conn.execute("INSERT INTO notes (text) VALUES ('half')")
            conn.execute("UPDATE counter SET n = 99")
            1 / 0
        assert notes(file) == ["before"]
        with file.read() as conn:
            assert conn.execute("SELECT n FROM counter").fetchone() == (0,)
            assert not conn.in_transaction
        add_note(file, "after")
        assert notes(file) == ["before", "after"]
        # what another connection sees: the committed rows only
        other = sqlite3.connect(path)
        assert [r[0] for r in other.execute("SELECT text FROM notes ORDER BY id")] == ["before", "after"]
        other.close()
    finally:
        file.close()


def test_a_write_inside_a_write_joins_the_outer_transaction(path):
    file = SqliteFile(path, spec())
    try:
        with pytest.raises(RuntimeError), file.write():
            add_note(file, "inner")  # its own write() block, inside the outer one
            raise RuntimeError("the outer block fails")
        assert notes(file) == []
    finally:
        file.close()


# -- threads ----------------------------------------------------------------------------------------


def test_every_thread_has_its_own_connection_and_no_write_is_lost(path):
    file = SqliteFile(path, spec())
    seen: dict[int, sqlite3.Connection] = {}  # held: no id reused by a later connection
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def work(name: int) -> None:
        try:
            start.wait()
            for _ in range(50):
                with file.write() as conn:  # read-modify-write: only safe if writes are serialised
                    n = conn.execute("SELECT n FROM counter").fetchone()[0]
                    conn.execute("UPDATE counter SET n = ?", (n + 1,))
                with file.read() as conn:
                    assert seen.setdefault(name, conn) is conn  # the same connection for every call of a thread
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert len({id(conn) for conn in seen.values()}) == 4  # four threads, four connections
        with file.read() as conn:
            assert conn.execute("SELECT n FROM counter").fetchone() == (200,)
            assert all(conn is not theirs for theirs in seen.values())
    finally:
        file.close()


def test_close_waits_for_a_running_read_then_closes_every_threads_connection(path):
    file = SqliteFile(path, spec())
    add_note(file, "x")
    inside, release = threading.Event(), threading.Event()
    result: list[object] = []

    def reader() -> None:
        with file.read() as conn:
            inside.set()
            release.wait(10)
            result.append(conn.execute("SELECT text FROM notes").fetchall())  # not closed under it

    worker = threading.Thread(target=reader)
    worker.start()
    assert inside.wait(10)
    closer = threading.Thread(target=file.close)
    closer.start()
    closer.join(timeout=0.3)
    assert closer.is_alive()  # waiting for the reader's block to end
    release.set()
    worker.join()
    closer.join()
    assert result == [[("x",)]]
    with pytest.raises(NotesError, match="the notes file is closed"):
        notes(file)


# -- durability ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("synchronous", "level"), [("NORMAL", 1), ("FULL", 2)])
def test_every_connection_gets_wal_the_synchronous_level_and_the_extra_pragmas(path, synchronous, level):
    file = SqliteFile(path, spec(synchronous=synchronous, pragmas={"foreign_keys": "ON", "cache_size": -4000}))
    got: list[tuple] = []

    def read_settings() -> None:
        with file.read() as conn:
            got.append((
                conn.execute("PRAGMA journal_mode").fetchone()[0],
                conn.execute("PRAGMA synchronous").fetchone()[0],
                conn.execute("PRAGMA foreign_keys").fetchone()[0],
                conn.execute("PRAGMA cache_size").fetchone()[0],
                conn.isolation_level,
            ))  # fmt: skip

    try:
        read_settings()
        worker = threading.Thread(target=read_settings)
        worker.start()
        worker.join()
        assert got == [("wal", level, 1, -4000, None)] * 2
    finally:
        file.close()


# -- the stores that use it ---------------------------------------------------------------------------


def test_the_stores_durability(tmp_path):
    with CartStore(tmp_path / "carts.sqlite3") as carts, carts._file.read() as conn:
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL: a line survives a power cut
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with OrdersCache(tmp_path / "orders.sqlite3") as orders, orders._file.read() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL: a cache


def test_the_orders_cache_rebuilds_a_corrupt_file_and_is_closed_for_every_thread(tmp_path):
    path = tmp_path / "orders.sqlite3"
    path.write_bytes(b"not an orders cache" * 500)
    cache = OrdersCache(path)
    assert cache.was_rebuilt is True
    assert cache.order_count() == 0
    worker = threading.Thread(target=cache.order_count)
    worker.start()
    worker.join()
    cache.close()
    with pytest.raises(Exception, match="closed"):
        cache.order_count()
