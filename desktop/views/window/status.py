"""The main window's status bar: Online/Offline, the last sync time, and a sync progress with Cancel.

    status.set_online(True)                     # by Connectivity only (views/shell/connectivity.py)
    last_sync = LastSync(status, cache.last_synced_at)
    last_sync.refresh()                         # "Last sync: <the cache's time>" (its one writer)
    status.begin_progress(self.tr("Syncing the catalog…"), total=1200, cancel_callback=op.cancel)
    status.update_progress(300)
    status.end_progress()
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from desktop.views.locale.formatting import format_datetime
from desktop.views.window.icons import icon

__all__ = ["LastSync", "StatusBar"]


class StatusBar(QStatusBar):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.setSizeGripEnabled(True)
        self._online: bool | None = None
        self._last_sync: datetime | None = None
        self._cancel_callback: Callable[[], object] | None = None
        self._total = 0

        # progress (left, permanent while a sync runs)
        self.progress_box = QWidget()
        box = QHBoxLayout(self.progress_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setFixedWidth(160)
        self.progress_bar.setMaximumHeight(14)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the sync"))
        self.cancel_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.cancel_button.clicked.connect(self._cancel)
        box.addWidget(self.progress_label)
        box.addWidget(self.progress_bar)
        box.addWidget(self.cancel_button)
        self.addWidget(self.progress_box)
        self.progress_box.hide()

        # last sync and connection state (right)
        self.sync_label = QLabel()
        self.sync_label.setObjectName("lastSync")
        self.online_icon = QLabel()
        self.online_label = QLabel()
        self.online_label.setObjectName("onlineState")
        self.addPermanentWidget(self.sync_label)
        self.addPermanentWidget(self.online_icon)
        self.addPermanentWidget(self.online_label)
        self.set_last_sync(None)
        self.set_online(True)

    # -- connection --------------------------------------------------------------------------------
    @property
    def online(self) -> bool:
        return bool(self._online)

    def set_online(self, online: bool) -> None:
        self._online = online
        self.online_label.setText(self.tr("Online") if online else self.tr("Offline"))
        self.online_icon.setPixmap(icon("online" if online else "offline").pixmap(QSize(14, 14)))
        self.online_label.setProperty("online", online)

    def set_last_sync(self, when: datetime | None) -> None:
        self._last_sync = when
        if when is None:
            self.sync_label.setText(self.tr("Not synced yet"))
        else:
            self.sync_label.setText(self.tr("Last sync: %1").replace("%1", format_datetime(when)))

    # -- progress ----------------------------------------------------------------------------------
    @property
    def in_progress(self) -> bool:
        return not self.progress_box.isHidden()

    def begin_progress(
        self, text: str, total: int | None = None, cancel_callback: Callable[[], object] | None = None
    ) -> None:
        """Show ``text`` and a bar (busy when ``total`` is None or 0); Cancel calls ``cancel_callback``."""
        self._cancel_callback = cancel_callback
        self._total = int(total or 0)
        self.progress_label.setText(text)
        self.progress_bar.setRange(0, self._total)  # 0..0 = busy indicator
        self.progress_bar.setValue(0)
        self.cancel_button.setVisible(cancel_callback is not None)
        self.cancel_button.setEnabled(True)
        self.progress_box.show()

    def update_progress(self, n: int, text: str | None = None) -> None:
        if self._total:
            self.progress_bar.setValue(max(0, min(int(n), self._total)))
        if text is not None:
            self.progress_label.setText(text)

    def end_progress(self) -> None:
        self._cancel_callback = None
        self.progress_box.hide()

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(self.tr("Cancelling…"))
        callback = self._cancel_callback
        self.cancel_requested.emit()
        if callback is not None:
            callback()


class LastSync:
    """The one owner of the status bar's "Last sync" text: the offline catalog's sync time, shown at start
    (stage 1, from the cache), when the sync controller starts and after each sync; the offline banner
    reads :attr:`when` for its "catalog as of"."""

    def __init__(self, status: StatusBar | None, synced_at: Callable[[], datetime | None]) -> None:
        self._status = status
        self._synced_at = synced_at  # the cache's (CatalogCache.last_synced_at)
        self.when: datetime | None = None

    def refresh(self) -> datetime | None:
        """Read the time from the cache again and show it (a closed or broken cache: as it was)."""
        try:
            when = self._synced_at()
        except Exception:
            return self.when
        self.set(when)
        return when

    def set(self, when: datetime | None) -> None:
        self.when = when
        if self._status is not None:
            self._status.set_last_sync(when)
