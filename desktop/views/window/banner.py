"""The offline banner at the top of the main window: "Offline — catalog as of <time>" [Retry].

Being offline is not an error: browsing the cached catalog goes on; the banner says how old it is.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from desktop.views.locale.formatting import format_datetime
from desktop.views.window.icons import icon

__all__ = ["OfflineBanner"]


class OfflineBanner(QFrame):
    """Hidden until :meth:`show_offline`. ``retry_requested`` when the user presses Retry."""

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._icon = QLabel()
        self._icon.setPixmap(icon("offline").pixmap(18, 18))
        self.label = QLabel()
        self.label.setObjectName("offlineBannerText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setObjectName("offlineRetry")
        self.retry_button.clicked.connect(self.retry_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 5, 8, 5)
        layout.setSpacing(8)
        layout.addWidget(self._icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        self._as_of: datetime | None = None
        super().hide()

    @property
    def as_of(self) -> datetime | None:
        return self._as_of

    def show_offline(self, as_of: datetime | None = None) -> None:
        """Show the banner; ``as_of`` is when the cached catalog was last synced (None: never)."""
        self._as_of = as_of
        if as_of is None:
            self.label.setText(self.tr("Offline — no catalog downloaded yet"))
        else:
            self.label.setText(self.tr("Offline — catalog as of %1").replace("%1", format_datetime(as_of)))
        self.retry_button.setEnabled(True)
        self.show()

    def set_retrying(self, retrying: bool) -> None:
        self.retry_button.setEnabled(not retrying)
        self.retry_button.setText(self.tr("Retrying…") if retrying else self.tr("Retry"))

    def hide(self) -> None:
        self.set_retrying(False)
        super().hide()
