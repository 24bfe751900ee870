"""The Qt side of the catalog sync: runs :class:`~desktop.models.catalog_cache.sync.SyncEngine` in a worker, drives
the status bar's progress and Cancel, syncs every N minutes and on F5, and handles going offline.

    controller = SyncController(engine, client, cache, status=window.status, banner=window.banner,
                                shortcut_parent=window, interval_minutes=15)
    controller.synced.connect(catalog_page.catalog_synced)
    controller.start()                       # the first (full) or a delta sync, then the timer

Offline: an OfflineError from a sync tells the app's :class:`~desktop.views.shell.connectivity.Connectivity`
(given as ``connectivity``, else the controller makes its own), which shows "Offline — catalog as of
<time>" and probes the marketplace; when it answers, a delta sync runs by itself.

"Last sync" in the status bar is written by ``last_sync`` (the app's :class:`~desktop.views.window.status.LastSync`,
else the controller's own), at start and after each sync; nothing here writes it otherwise.

A corrupt cache file (``cache.was_rebuilt`` for a corruption) is told once, in a non-blocking message,
before the full sync that refills it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.api_client import OfflineError
from desktop.models.catalog_cache import RebuildReason
from desktop.models.catalog_cache.sync import SyncResult
from desktop.views.background.tasks import QueryOp
from desktop.views.errors import channel as errors
from desktop.views.shell.connectivity import PROBE_INTERVAL_MS, Connectivity
from desktop.views.window.status import LastSync

if TYPE_CHECKING:
    from datetime import datetime

    from desktop.api_client import MarketplaceClient
    from desktop.models.catalog_cache import CatalogCache
    from desktop.views.window.banner import OfflineBanner
    from desktop.views.window.status import StatusBar

__all__ = ["SyncController"]

log = logging.getLogger(__name__)



class SyncEngineLike(Protocol):  # desktop.models.catalog_cache.sync.SyncEngine
    needs_full_sync: bool

    def sync(self, *, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> SyncResult: ...


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
        engine: SyncEngineLike,
        client: MarketplaceClient,
        cache: CatalogCache,
        *,
        status: StatusBar | None = None,
        banner: OfflineBanner | None = None,
        shortcut_parent: QWidget | None = None,
        interval_minutes: int = 15,
        probe_interval_ms: int = PROBE_INTERVAL_MS,
        connectivity: Connectivity | None = None,
        last_sync: LastSync | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.client = client
        self.cache = cache
        self.status = status
        self.banner = banner
        self._widget = shortcut_parent
        self.op: QueryOp | None = None
        self.last_result: SyncResult | None = None
        self.rebuilt_notice: QMessageBox | None = None
        self._told_rebuilt = False
        self._progress_text = ""
        self._cancel = threading.Event()
        # the one writer of the status bar's "Last sync" (the app's; a controller made alone makes its own)
        self.last_sync = last_sync if last_sync is not None else LastSync(status, self._last_synced_at)
        # the app's one owner of online/offline (a controller made alone, in a test, makes its own)
        self._owns_connectivity = connectivity is None
        if connectivity is None:
            connectivity = Connectivity(client.catalog.health, status=status, banner=banner,
                                        last_sync=self._last_synced_at, probe_interval_ms=probe_interval_ms,
                                        parent=self)
        self.connectivity = connectivity
        connectivity.changed.connect(self._online_changed)
        connectivity.reachable.connect(self._reachable)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        self.set_interval(interval_minutes)
        self.sync_action = QAction(self.tr("Sync catalog now"), self)
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.sync_action.triggered.connect(self.sync_now)
        if shortcut_parent is not None:
            shortcut_parent.addAction(self.sync_action)

    # -- public ------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.op is not None

    @property
    def online(self) -> bool:
        return self.connectivity.online

    @property
    def probe_op(self) -> QueryOp | None:
        return self.connectivity.probe_op

    @property
    def probe_timer(self) -> QTimer:
        return self.connectivity.timer

    def set_interval(self, minutes: int) -> None:
        self.timer.setInterval(max(1, int(minutes)) * 60_000)

    def start(self) -> QueryOp | None:
        """At start-up: tell about a rebuilt cache, show the last sync time, sync, start the timer."""
        self._tell_if_rebuilt()
        self.last_sync.refresh()
        self.timer.start()
        return self.sync_now()

    def stop(self) -> None:
        self.timer.stop()
        if self._owns_connectivity:
            self.connectivity.stop()
        self.cancel()

    def sync_now(self) -> QueryOp | None:
        """A sync in the background (full when the cache has no token); None if one runs or offline
        (offline, the probe syncs as soon as the marketplace answers)."""
        if self.op is not None:
            return None
        if not self.online:
            self.connectivity.retry()  # the sync follows when the marketplace answers
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
        self.connectivity.reached()
        self.last_sync.refresh()
        if self.status is not None and result.cancelled:
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
        if self.status is not None and shiboken6.isValid(self.status):  # gone when the app quit under a sync
            self.status.end_progress()

    # -- online / offline (owned by self.connectivity) -------------------------------------------
    def went_offline(self, exc: BaseException | None = None) -> None:
        """Offline: the banner (with the cache's age) and a probe until the marketplace answers."""
        self.connectivity.went_offline(exc)

    def probe(self) -> QueryOp | None:
        """``GET /health`` now (see :meth:`Connectivity.retry`)."""
        return self.connectivity.retry()

    def _online_changed(self, online: bool) -> None:
        self.online_changed.emit(online)
        if online:
            self.sync_now()  # back online: a delta sync by itself

    def _reachable(self) -> None:
        if self.last_result is None and self.op is None:
            self.sync_now()  # a probe answered before any sync did (it was asked while offline)

    # -- a rebuilt cache ---------------------------------------------------------------------------
    def _tell_if_rebuilt(self) -> None:
        if self._told_rebuilt or not self.cache.was_rebuilt:
            return
        self._told_rebuilt = True
        if self.cache.rebuild_reason != RebuildReason.CORRUPT:
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

    def _last_synced_at(self) -> datetime | None:
        try:
            return self.cache.last_synced_at()
        except Exception:
            return None
