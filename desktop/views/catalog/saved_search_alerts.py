"""Saved searches' and watches' alerts: after every catalog sync, the evaluation runs in a worker (never on
the GUI thread), then one desktop notification per search with new matches and per watch that fired.

    alerts = SavedSearchAlerts(cache, account=lambda: page.saved.account, status_bar=window.status)
    sync_controller.synced.connect(alerts.evaluate)
    alerts.search_clicked.connect(page.saved.open_search)     # the tray message, clicked
    alerts.evaluated.connect(lambda _alerts: page.saved.refresh())

As the order notifications do (``desktop/views/orders/notifications.py``): a tray message where the system
has a tray, always the ``notified`` signal and the message in the status bar. Evaluations run one at a
time, in the order of the syncs (each records what it found before the next reads it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar, QSystemTrayIcon

from desktop.models.saved_searches import Alert, evaluate_after_sync
from desktop.views.background.tasks import QueryOp
from desktop.views.window.icons import icon

if TYPE_CHECKING:
    from desktop.models.catalog_cache import CatalogCache
    from desktop.models.catalog_cache.sync import SyncResult
    from desktop.models.saved_searches import AccountSearches

__all__ = ["SavedSearchAlerts"]

log = logging.getLogger(__name__)

#: how long the status bar shows an alert (ms)
STATUS_MS = 15_000


class SavedSearchAlerts(QObject):
    #: (alert, title, message), once per notification
    notified = Signal(object, str, str)
    #: an evaluation ended (its alerts, maybe none): the saved searches' counts changed
    evaluated = Signal(list)
    #: the notification of a search was clicked: open it (its id)
    search_clicked = Signal(int)
    #: the notification of a watch was clicked: show the offer (its id)
    offer_clicked = Signal(int)

    def __init__(self, cache: CatalogCache, account: Callable[[], AccountSearches | None],
                 status_bar: QStatusBar | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache = cache
        self._account = account
        self.status_bar = status_bar
        self.tray: QSystemTrayIcon | None = None
        self.history: list[tuple[Alert, str, str]] = []
        self._queue: list[tuple[AccountSearches, frozenset[int], frozenset[int]]] = []
        self._op: QueryOp | None = None
        self._last: Alert | None = None  # the tray shows one message: the last one is what a click opens

    def _tray(self) -> QSystemTrayIcon | None:
        if self.tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon("catalog"), self)
            self.tray.setToolTip("Bulkdesk")
            self.tray.messageClicked.connect(self.message_clicked)
            self.tray.show()
        return self.tray

    @property
    def running(self) -> bool:
        return self._op is not None

    # -- after a sync --------------------------------------------------------------------------------
    def evaluate(self, result: SyncResult) -> None:
        """Check the account's saved searches and watches against the offers ``result`` changed."""
        account = self._account()
        if account is None:
            return
        self._queue.append((account, result.changed_ids, result.deleted_ids))
        self._next()

    def _next(self) -> None:
        if self._op is not None or not self._queue:
            return
        account, changed, deleted = self._queue.pop(0)
        cache = self.cache
        self._op = QueryOp(self, lambda: _evaluate(account, cache, changed, deleted),
                           success=self._evaluated, failure=self._failed)
        self._op.finished.connect(self._op_finished)
        self._op.run_in_background()

    def _op_finished(self) -> None:
        self._op = None
        self._next()

    def _failed(self, exc: BaseException) -> None:  # the next sync tries again; nothing to ask the user
        log.warning("saved searches could not be checked after the sync: %s", exc)

    def _evaluated(self, alerts: list[Alert]) -> None:
        for alert in alerts:
            self.notify(alert)
        self.evaluated.emit(alerts)

    # -- notifications -------------------------------------------------------------------------------
    def message_for(self, alert: Alert) -> tuple[str, str]:
        n = len(alert.offer_ids)
        if alert.kind == "search":
            title = self.tr("Saved search “%1”").replace("%1", alert.title)
            return title, self.tr("%Ln new matching offer(s)", "", n)
        if alert.kind == "back_in_stock":
            return alert.title, self.tr("Back in stock")
        return alert.title, self.tr("The price dropped below your limit")

    def notify(self, alert: Alert) -> None:
        title, text = self.message_for(alert)
        self.history.append((alert, title, text))
        self._last = alert
        tray = self._tray()
        if tray is not None and QSystemTrayIcon.supportsMessages():
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)
        if self.status_bar is not None:
            self.status_bar.showMessage(f"{title} — {text}", STATUS_MS)
        self.notified.emit(alert, title, text)

    def message_clicked(self) -> None:
        """The last notification was clicked: open its search (new matches marked), or show its offer."""
        alert = self._last
        if alert is None:
            return
        if alert.search_id is not None:
            self.search_clicked.emit(alert.search_id)
        elif alert.offer_ids:
            self.offer_clicked.emit(alert.offer_ids[0])


def _evaluate(account: AccountSearches, cache: CatalogCache, changed: frozenset[int],
              deleted: frozenset[int]) -> list[Alert]:
    """In the worker: nothing to do (no copy of a first sync's 100,000 offers) without a search or watch."""
    if not account.searches() and not account.watches():
        return []
    return evaluate_after_sync(account, cache, changed, deleted)
