"""Online or offline: one owner for the whole app.

    connectivity = Connectivity(status=window.status, banner=window.banner, last_sync=cache.last_synced_at)
    connectivity.set_probe(client.catalog.health)       # once the client exists (stage 2)
    connectivity.changed.connect(page.set_online)       # everything else subscribes
    channel.offline.connect(connectivity.went_offline)  # an OfflineError from anywhere

Offline (:meth:`went_offline`), the status bar says so, the banner shows the catalog's age with a Retry,
and a probe (``GET /health`` off the GUI thread) runs every few seconds until the marketplace answers;
then :attr:`changed` (True) tells every subscriber, which resume by themselves (the catalog sync runs a
delta). The banner's Retry runs one probe now: one click, one request. Nothing else probes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.views.background.tasks import QueryOp

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

__all__ = ["PROBE_INTERVAL_MS", "Connectivity"]

log = logging.getLogger(__name__)

PROBE_INTERVAL_MS = 3000


#: the call that tells whether the marketplace answers (``client.catalog.health``; its answer is not used)
Probe = Callable[[], object]


class _Status(Protocol):  # the status bar's part (views/window/status.py)
    def set_online(self, online: bool) -> None: ...


class _Banner(Protocol):  # the offline banner's part (views/window/banner.py)
    retry_requested: SignalInstance

    def show_offline(self, as_of: datetime | None) -> None: ...
    def hide(self) -> None: ...
    def set_retrying(self, retrying: bool) -> None: ...


class Connectivity(QObject):
    #: online (True) or offline (False), when it changes
    changed = Signal(bool)
    #: a probe answered: the marketplace is reachable (also when it already was)
    reachable = Signal()

    def __init__(
        self,
        probe: Probe | None = None,
        *,
        status: _Status | None = None,
        banner: _Banner | None = None,
        last_sync: Callable[[], datetime | None] = lambda: None,
        probe_interval_ms: int = PROBE_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._probe = probe
        self._status = status
        self._banner = banner
        self._last_sync = last_sync
        self._online = True
        self._retry_when_probe_set = False
        self._stopped = False
        self.probe_op: QueryOp | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(probe_interval_ms)
        self.timer.timeout.connect(self.retry)
        if banner is not None:
            banner.retry_requested.connect(self.retry)

    @property
    def online(self) -> bool:
        return self._online

    def set_probe(self, probe: Probe) -> None:
        """The call that tells whether the marketplace answers (``client.catalog.health``)."""
        self._probe = probe
        if self._retry_when_probe_set:
            self._retry_when_probe_set = False
            self.retry()

    def went_offline(self, exc: BaseException | None = None) -> None:
        """The marketplace did not answer (an OfflineError anywhere): offline, probing until it answers."""
        if exc is not None:
            log.info("offline: %s", exc)
        self._set(False)
        if not self.timer.isActive() and not self._stopped:
            self.timer.start()

    def reached(self) -> None:
        """The marketplace answered (a sync, a probe): online."""
        self._set(True)

    def retry(self) -> QueryOp | None:
        """One probe now, unless one runs (None then, or before the client exists: it runs then)."""
        if self.probe_op is not None or self._stopped:
            return None
        if self._probe is None:
            self._retry_when_probe_set = True
            return None
        if self._banner is not None:
            self._banner.set_retrying(True)
        self.probe_op = QueryOp(self, self._probe, self._probe_ok, self._probe_failed)
        self.probe_op.finished.connect(self._probe_finished)
        return self.probe_op.run_in_background()

    def stop(self) -> None:
        """No more probes (shutdown): a probe still running is dropped, none starts again."""
        self._stopped = True
        self.timer.stop()
        if self.probe_op is not None:
            self.probe_op.cancel()

    # -- internals ---------------------------------------------------------------------------------
    def _probe_ok(self, _health: object) -> None:
        self.reached()
        self.reachable.emit()

    def _probe_failed(self, exc: BaseException) -> None:
        log.debug("marketplace still unreachable: %s", exc)
        if self._banner is not None:
            self._banner.set_retrying(False)
        self.went_offline(exc if self._online else None)

    def _probe_finished(self) -> None:
        self.probe_op = None

    def _set(self, online: bool) -> None:
        changed = online != self._online
        self._online = online
        if online:
            self.timer.stop()
        if self._status is not None:
            self._status.set_online(online)
        if self._banner is not None:
            if online:
                self._banner.hide()
            else:
                self._banner.show_offline(self._last_sync_or_none())
        if changed:
            self.changed.emit(online)

    def _last_sync_or_none(self) -> datetime | None:
        try:
            return self._last_sync()
        except Exception:  # a closed or rebuilt cache: the banner says "offline" without a date
            return None
