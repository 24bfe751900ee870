"""The Qt side of the catalog sync: runs :class:`~desktop.models.sync.SyncEngine` in a worker, drives
the status bar's progress and Cancel, syncs every N minutes and on F5, and handles going offline.

    controller = SyncController(engine, client, cache, status=window.status, banner=window.banner,
                                shortcut_parent=window, interval_minutes=15)
    controller.synced.connect(catalog_page.catalog_synced)
    controller.start()                       # the first (full) or a delta sync, then the timer

Offline: an OfflineError from a sync (or from anywhere: connect the error channel's ``offline`` signal
to :meth:`went_offline`) shows "Offline — catalog as of <time>" and starts a probe, ``GET /health`` off
the GUI thread every few seconds; when it answers, the banner goes and a delta sync runs by itself.

A corrupt cache file (``cache.was_rebuilt`` for a corruption) is told once, in a non-blocking message,
before the full sync that refills it.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.api_client import OfflineError
from desktop.models.catalog_cache import RebuildReason
from desktop.models.sync import SyncResult
from desktop.views import errors
from desktop.views.tasks import QueryOp

__all__ = ["SyncController"]

log = logging.getLogger(__name__)

PROBE_INTERVAL_MS = 3000


class SyncController(QObject):
    started = Signal(bool)  # full
    progress = Signal(int, int)  # done, total estimate
    synced = Signal(object)  # SyncResult (also after a cancel: the pages applied so far)
    failed = Signal(object)  # the exception
    online_changed = Signal(bool)
    #: a corrupt cache was rebuilt (told once)
    cache_rebuilt = Signal(str)

    def __init__(
        self,
        engine: Any,
        client: Any,
        cache: Any,
        *,
        status: Any = None,
        banner: Any = None,
        shortcut_parent: QWidget | None = None,
        interval_minutes: int = 15,
        probe_interval_ms: int = PROBE_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.client = client
        self.cache = cache
        self.status = status
        self.banner = banner
        self._widget = shortcut_parent
        self.online = True
        self.op: QueryOp | None = None
        self.probe_op: QueryOp | None = None
        self.last_result: SyncResult | None = None
        self.rebuilt_notice: QMessageBox | None = None
        self._told_rebuilt = False
        self._progress_text = ""
        self._cancel = threading.Event()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        self.set_interval(interval_minutes)
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(probe_interval_ms)
        self.probe_timer.timeout.connect(self.probe)
        self.sync_action = QAction(self.tr("Sync catalog now"), self)
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.sync_action.triggered.connect(self.sync_now)
        if shortcut_parent is not None:
            shortcut_parent.addAction(self.sync_action)
        if banner is not None:
            banner.retry_requested.connect(self.probe)

    # -- public ------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.op is not None

    def set_interval(self, minutes: int) -> None:
        self.timer.setInterval(max(1, int(minutes)) * 60_000)

    def start(self) -> QueryOp | None:
        """At start-up: tell about a rebuilt cache, show the last sync time, sync, start the timer."""
        self._tell_if_rebuilt()
        if self.status is not None:
            self.status.set_last_sync(self._last_synced_at())
        self.timer.start()
        return self.sync_now()

    def stop(self) -> None:
        self.timer.stop()
        self.probe_timer.stop()
        self.cancel()

    def sync_now(self) -> QueryOp | None:
        """A sync in the background (full when the cache has no token); None if one runs or offline
        (offline, the probe syncs as soon as the marketplace answers)."""
        if self.op is not None:
            return None
        if not self.online:
            self.probe()
            return None
        self._cancel = threading.Event()
        cancel, engine = self._cancel, self.engine
        full = bool(engine.needs_full_sync)
        report: list = []  # the op's progress reporter (it names the op by id: no Qt object here)

        def work() -> SyncResult:
            return engine.sync(progress=report[0], cancelled=cancel.is_set)

        if self.status is not None:
            text = self.tr("Downloading the catalog…") if full else self.tr("Syncing the catalog…")
            self._progress_text = text
            self.status.begin_progress(text, 0, self.cancel)
        self.op = QueryOp(self._widget, work, self._succeeded, self._failed, progress=self._on_progress)
        report.append(self.op.progress_reporter())
        self.op.finished.connect(self._finished)
        self.started.emit(full)
        return self.op.run_in_background()

    def cancel(self) -> None:
        """Stop after the page being applied (the cache keeps every page so far)."""
        self._cancel.set()

    # -- sync outcome ------------------------------------------------------------------------------
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)
        if self.status is None or self.op is None:
            return
        if total and self.status.progress_bar.maximum() != total and not self._cancel.is_set():
            # the total is known once the categories are in (or grows page by page in a delta)
            self.status.begin_progress(self._progress_text, total, self.cancel)
        self.status.update_progress(done)

    def _succeeded(self, result: SyncResult) -> None:
        self.last_result = result
        self._set_online(True)
        if self.status is not None:
            self.status.set_last_sync(self._last_synced_at())
            if result.cancelled:
                self.status.showMessage(self.tr("Sync cancelled; it resumes from here next time."), 6000)
        self.synced.emit(result)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, OfflineError):  # refused, dropped, or could not connect in time
            self.went_offline(exc)
        else:
            errors.report_exception(exc, self._widget)
        self.failed.emit(exc)

    def _finished(self) -> None:
        self.op = None
        if self.status is not None:
            self.status.end_progress()

    # -- online / offline --------------------------------------------------------------------------
    def went_offline(self, _exc: BaseException | None = None) -> None:
        """Show the banner (with the cache's age) and probe the marketplace until it answers."""
        self._set_online(False)
        if not self.probe_timer.isActive():
            self.probe_timer.start()

    def probe(self) -> QueryOp | None:
        """``GET /health`` off the GUI thread; back online (and a delta sync) when it answers."""
        if self.probe_op is not None:
            return None
        if self.banner is not None:
            self.banner.set_retrying(True)
        self.probe_op = QueryOp(self._widget, self.client.catalog.health, self._probe_ok, self._probe_failed)
        self.probe_op.finished.connect(self._probe_finished)
        return self.probe_op.run_in_background()

    def _probe_ok(self, _health: Any) -> None:
        self.probe_timer.stop()
        was_offline = not self.online
        self._set_online(True)
        if was_offline or self.last_result is None:
            self.sync_now()

    def _probe_failed(self, exc: BaseException) -> None:
        log.debug("marketplace still unreachable: %s", exc)
        if self.banner is not None:
            self.banner.set_retrying(False)
        if self.online:
            self.went_offline(exc)

    def _probe_finished(self) -> None:
        self.probe_op = None

    def _set_online(self, online: bool) -> None:
        changed = online != self.online
        self.online = online
        if self.status is not None:
            self.status.set_online(online)
        if self.banner is not None:
            if online:
                self.banner.hide()
            else:
                self.banner.show_offline(self._last_synced_at())
        if online:
            self.probe_timer.stop()
        if changed:
            self.online_changed.emit(online)

    # -- a rebuilt cache ---------------------------------------------------------------------------
    def _tell_if_rebuilt(self) -> None:
        if self._told_rebuilt or not getattr(self.cache, "was_rebuilt", False):
            return
        self._told_rebuilt = True
        if getattr(self.cache, "rebuild_reason", None) != RebuildReason.CORRUPT:
            return  # a new schema after an update: routine, the full sync says enough
        text = self.tr("The offline catalog on this computer was damaged and has been reset. "
                       "Bulkdesk is downloading it again; your cart is not affected.")
        self.cache_rebuilt.emit(text)
        if self.status is not None:
            self.status.showMessage(text, 15_000)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Offline catalog reset"), text,
                          QMessageBox.StandardButton.Ok, self._widget)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda *_: setattr(self, "rebuilt_notice", None))
        self.rebuilt_notice = box
        box.show()

    def _last_synced_at(self) -> Any:
        try:
            return self.cache.last_synced_at()
        except Exception:
            return None
