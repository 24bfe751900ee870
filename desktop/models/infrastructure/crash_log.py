"""Crash reports: ``faulthandler`` writes the Python traceback of every thread to ``crash.log`` in the
user data folder when the app dies of a fatal signal (SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL).

    crash = CrashLog(paths.data)
    previous = crash.start()   # what the last run left, archived; None after a clean exit or a first run
    ...                        # the app runs; a native crash fills crash.log
    crash.stop()               # a clean exit: the log (its header only) is removed

``start`` runs first thing in ``main``: it opens one file and writes one line (no import beyond the
standard library's C modules), so the start-up does not notice it. A log left by the last run is
renamed ``crash-<timestamp>.log`` (the newest few are kept), so that it is told once.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

__all__ = ["ARCHIVES_KEPT", "LOG_NAME", "CrashLog", "CrashReport"]

LOG_NAME = "crash.log"
ARCHIVES_KEPT = 5
HEADER_PREFIX = "Bulkdesk started "
MAX_REPORT_CHARS = 100_000  # a report goes to the clipboard: a runaway log is cut, its start kept


@dataclass(frozen=True)
class CrashReport:
    """A crash the last run left: its log's text and where the log is now kept."""

    text: str
    path: Path

    @property
    def folder(self) -> Path:
        return self.path.parent


class CrashLog:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOG_NAME
        self._file: TextIO | None = None
        self._was_enabled = False

    def start(self) -> CrashReport | None:
        """Archive the log of a run that crashed, then turn ``faulthandler`` on, writing to a fresh log.
        Returns the last run's crash (None when it exited cleanly, was killed before writing anything
        but the header, or there was no last run)."""
        previous = self._archive_previous()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "w", encoding="utf-8")  # noqa: SIM115 - open until stop()
            self._file.write(f"{HEADER_PREFIX}{time.strftime('%Y-%m-%d %H:%M:%S %z')} (pid {os.getpid()}, "
                             f"Python {sys.version.split()[0]}, {sys.platform})\n")
            self._file.flush()
        except OSError:  # a read-only data folder: no crash log, the app still starts
            self._file = None
            return previous
        self._was_enabled = faulthandler.is_enabled()
        faulthandler.enable(self._file, all_threads=True)
        return previous

    def stop(self) -> None:
        """A clean exit: ``faulthandler`` off (back on stderr if it was on before), the log removed."""
        if self._file is None:
            return
        faulthandler.disable()
        if self._was_enabled and sys.__stderr__ is not None:
            faulthandler.enable(sys.__stderr__, all_threads=True)
        self._file.close()
        self._file = None
        with contextlib.suppress(OSError):
            self.path.unlink()

    def archives(self) -> list[Path]:
        """The kept reports, newest first."""
        return sorted(self.folder.glob("crash-*.log"), key=lambda p: p.name, reverse=True)

    def _archive_previous(self) -> CrashReport | None:
        try:
            with open(self.path, encoding="utf-8", errors="replace") as f:
                text = f.read(MAX_REPORT_CHARS)
        except OSError:  # no log: a first run or a clean exit
            return None
        lines = [line for line in text.splitlines() if line.strip()]
        crashed = any(not line.startswith(HEADER_PREFIX) for line in lines)
        target = self._archive_name()
        try:
            if crashed:
                os.replace(self.path, target)
            else:  # only the header: killed (SIGKILL, power cut), nothing to report
                self.path.unlink()
        except OSError:
            return None
        for old in self.archives()[ARCHIVES_KEPT:]:
            with contextlib.suppress(OSError):
                old.unlink()
        return CrashReport(text.strip() + "\n", target) if crashed else None

    def _archive_name(self) -> Path:
        """crash-<date>-<time>-<microseconds>.log: the names sort as the crashes happened."""
        while True:
            now = time.time()
            stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
            target = self.folder / f"crash-{stamp}-{int(now * 1_000_000) % 1_000_000:06d}.log"
            if not target.exists():
                return target
