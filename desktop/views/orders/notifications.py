"""Order notifications: a status that changed while the app runs (seen at a sync) is announced.

    notifier = OrderNotifier(status_bar=window.statusBar())
    notifier.notify_changes(sync_result.changes)

A desktop notification through ``QSystemTrayIcon.showMessage`` where the system has a tray; always the
``notified(ref, title, message)`` signal, and the message in the status bar (offscreen or no tray).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar

from desktop.models.orders_cache import StatusChange
from desktop.views.window.notices import Notices

from ..order_display.orders_model import payment_text, shipping_text

__all__ = ["OrderNotifier"]


class OrderNotifier(QObject):
    notified = Signal(str, str, str)  # ref, title, message

    def __init__(self, status_bar: QStatusBar | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notices = Notices(status_bar, parent=self)
        self.history: list[tuple[str, str, str]] = []

    @property
    def status_bar(self) -> QStatusBar | None:
        return self.notices.status_bar

    @status_bar.setter
    def status_bar(self, bar: QStatusBar | None) -> None:
        self.notices.status_bar = bar

    def message_for(self, change: StatusChange) -> tuple[str, str]:
        title = self.tr("Order %1").replace("%1", change.ref)
        if change.field == "shipping_status":
            text = self.tr("Shipping: %1 → %2").replace("%1", shipping_text(change.old)).replace(
                "%2", shipping_text(change.new))
        elif change.field == "payment_status":
            text = self.tr("Payment: %1 → %2").replace("%1", payment_text(change.old)).replace(
                "%2", payment_text(change.new))
        else:
            text = self.tr("Tracking number: %1").replace("%1", change.new or "—")
        return title, text

    def notify_changes(self, changes: Iterable[StatusChange]) -> int:
        count = 0
        for change in changes:
            title, text = self.message_for(change)
            self.history.append((change.ref, title, text))
            self.notices.show(title, text)
            self.notified.emit(change.ref, title, text)
            count += 1
        return count
