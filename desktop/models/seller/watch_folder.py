"""The watched import folder, without Qt: which files are new and complete, and where they go after.

    folder = WatchFolder(Path(settings_value))   # "seller/watch_folder"; empty = off
    for path in folder.scan():                   # new, complete files, each offered once
        ...dry run, ask the seller...
    folder.done(path)    # imported → processed/
    folder.failed(path)  # unreadable → failed/

A file counts as complete when its size and modification time have not changed for ``settle_s`` and it
can be opened (a spreadsheet or a copy still writing it is left for a later scan). A file the seller
declined, or whose report had errors, stays where it is and is offered again once it changes (saved
again after a fix). Lock and temporary files of spreadsheets (``~$x.csv``, ``.~lock.x.csv#``, ``*.tmp``)
are never offered."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FAILED", "PROCESSED", "WatchFolder"]

PROCESSED, FAILED = "processed", "failed"
SUFFIXES = {".csv", ".txt", ".tsv"}


@dataclass(frozen=True, slots=True)
class _Stamp:
    size: int
    mtime_ns: int


class WatchFolder:
    def __init__(self, folder: Path, *, settle_s: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.folder = Path(folder)
        self.settle_s = settle_s
        self._clock = clock
        self._seen: dict[str, tuple[_Stamp, float]] = {}  # name → (last stamp, when it was first seen so)
        self._offered: dict[str, _Stamp] = {}

    def scan(self) -> list[Path]:
        """The files that are complete and not offered yet in their present state, oldest first."""
        now = self._clock()
        ready: list[tuple[int, Path]] = []
        present = set()
        for path in self._candidates():
            try:
                stat = path.stat()
            except OSError:
                continue
            stamp = _Stamp(stat.st_size, stat.st_mtime_ns)
            present.add(path.name)
            previous = self._seen.get(path.name)
            if previous is None or previous[0] != stamp:
                self._seen[path.name] = (stamp, now)
                continue
            if now - previous[1] < self.settle_s or self._offered.get(path.name) == stamp:
                continue
            if not _readable(path):
                continue
            self._offered[path.name] = stamp
            ready.append((stamp.mtime_ns, path))
        for name in set(self._seen) - present:
            self._seen.pop(name, None)
            self._offered.pop(name, None)
        return [path for _, path in sorted(ready)]

    @property
    def settling(self) -> bool:
        """Some file is still being written or waits for its settle time (scan again soon)."""
        return any(self._offered.get(name) != stamp for name, (stamp, _) in self._seen.items())

    def done(self, path: Path) -> Path:
        """Move an imported file to processed/ (a new name if one is there already)."""
        return self._move(path, PROCESSED)

    def failed(self, path: Path) -> Path:
        """Move a file that cannot be read to failed/."""
        return self._move(path, FAILED)

    def _move(self, path: Path, sub: str) -> Path:
        target_dir = self.folder / sub
        target_dir.mkdir(exist_ok=True)
        target = target_dir / path.name
        n = 2
        while target.exists():
            target = target_dir / f"{path.stem} ({n}){path.suffix}"
            n += 1
        path.replace(target)
        self._seen.pop(path.name, None)
        self._offered.pop(path.name, None)
        return target

    def _candidates(self) -> list[Path]:
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return []
        return [p for p in entries if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$"))
                and p.is_file()]


def _readable(path: Path) -> bool:
    """False while another program holds it open for writing (Windows refuses to open it then)."""
    try:
        with path.open("rb"):
            return True
    except OSError:
        return False
