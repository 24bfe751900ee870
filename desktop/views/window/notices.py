"""A notice the user should see even with the window behind others: a desktop notification through the
system tray where there is one, and the message in the status bar (offscreen, or no tray).

    notices = Notices(status_bar=window.status, parent=window)
    notices.show("Order O-1", "Shipping: Preparing → Shipped")
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar, QSystemTrayIcon

from desktop.views.window.icons import icon

__all__ = ["STATUS_MS", "Notices"]

#: how long the status bar shows a notice (ms)
STATUS_MS = 15_000


class Notices(QObject):
    shown = Signal(str, str)  # title, message

    def __init__(self, status_bar: QStatusBar | None = None, *, icon_name: str = "orders",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status_bar = status_bar
        self.tray: QSystemTrayIcon | None = None
        self._icon = icon_name

    def _tray(self) -> QSystemTrayIcon | None:
        if self.tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon(self._icon), self)
            self.tray.setToolTip("Bulkdesk")
            self.tray.show()
        return self.tray

    def show(self, title: str, text: str) -> None:
        tray = self._tray()
        if tray is not None and QSystemTrayIcon.supportsMessages():
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)
        if self.status_bar is not None:
            self.status_bar.showMessage(f"{title} — {text}", STATUS_MS)
        self.shown.emit(title, text)
