"""The catalog cache's file: opened through `SqliteFile`, the sync token and the shared read/write blocks."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Self

from desktop.models import money
from desktop.models.infrastructure.sqlite_file import RebuildReason, SqliteFile

from .schema import FILE_SPEC


class CacheStore:
    """The parts of `CatalogCache` every other part uses: the file, its connections, the meta table."""

    def __init__(self, path: str | os.PathLike[str], *, images_dir: str | os.PathLike[str] | None = None):
        self.path = Path(path)
        self.images_dir = Path(images_dir) if images_dir is not None else self.path.parent / "images"
        # the image index lives in the file: when a file is discarded, the files it listed are orphans
        self._file = SqliteFile(
            self.path, FILE_SPEC, on_discard=lambda: shutil.rmtree(self.images_dir, ignore_errors=True)
        )
        self.was_rebuilt: bool = self._file.was_rebuilt
        self.rebuild_reason: RebuildReason | None = self._file.rebuild_reason
        self.rebuild_detail: str | None = self._file.rebuild_detail
        #: where a corrupt file was moved to (kept for a bug report; replaced by the next one)
        self.corrupt_copy: Path | None = self._file.corrupt_copy

    def _read(self) -> AbstractContextManager[sqlite3.Connection]:
        return self._file.read()

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        """One transaction: everything in the block is committed together, or nothing is."""
        return self._file.write()

    def verify_integrity(self) -> str | None:
        """The full integrity check (PRAGMA quick_check) that opening skips: call it off the GUI thread.

        Returns None when the file is sound; else what is wrong, and the next opening rebuilds the file
        (it is told as a corrupt cache, like a damage found at opening)."""
        return self._file.verify_integrity()

    def checkpoint(self) -> None:
        """Fold the WAL into the database and truncate it (after a full sync it holds the whole catalog)."""
        self._file.checkpoint()

    def close(self) -> None:
        """Close every thread's connection. The store cannot be used afterwards."""
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- the sync token -----------------------------------------------------------------------------

    def sync_token(self) -> str | None:
        """The `next_since` of the last applied page; None = never synced (ask for everything)."""
        return self._meta("next_since")

    def last_synced_at(self) -> datetime | None:
        return money.parse_timestamp(self._meta("last_synced_at"))

    def _meta(self, key: str) -> str | None:
        with self._read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

