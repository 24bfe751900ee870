"""The line above Pending changes that says what this account has kept, unsent, for other marketplaces
(the address now answers as another one, or the seller works with several): those changes stay in their
marketplace's outbox and are sent when the app is connected to it again; the seller may discard them.

    bar = KeptElsewhereBar()
    bar.show_kept(result.elsewhere)          # tuple of KeptElsewhere; empty: hidden
    bar.discard_requested.connect(lambda kept: ...)   # the seller confirmed: discard that marketplace's
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from desktop.models.seller import KeptElsewhere

__all__ = ["KeptElsewhereBar"]


class KeptElsewhereBar(QFrame):
    # the seller confirmed discarding these changes (a KeptElsewhere)
    discard_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keptElsewhere")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.kept: tuple[KeptElsewhere, ...] = ()
        self.rows: list[tuple[QLabel, QPushButton]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self.hide()

    def show_kept(self, kept: Sequence[KeptElsewhere]) -> None:
        for label, button in self.rows:
            label.deleteLater()
            button.deleteLater()
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.layout() is not None:
                item.layout().deleteLater()
        self.rows = []
        self.kept = tuple(kept)
        for one in self.kept:
            label = QLabel(self.text(one))
            label.setWordWrap(True)
            button = QPushButton(self.tr("Discard them…"))
            button.clicked.connect(lambda _c=False, k=one: self.confirm_discard(k))
            row = QHBoxLayout()
            row.addWidget(label, 1)
            row.addWidget(button)
            self._layout.addLayout(row)
            self.rows.append((label, button))
        self.setVisible(bool(self.kept))

    def text(self, kept: KeptElsewhere) -> str:
        name = kept.marketplace.name or kept.marketplace.id
        return self.tr("%n change(s) for another marketplace (%1) kept: sent when Bulkdesk is connected to it "
                       "again.", "", kept.count).replace("%1", name)

    def confirm_discard(self, kept: KeptElsewhere) -> QMessageBox:
        """Asks first (not modal to the app: a message box on this bar); Discard sends discard_requested."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Discard changes"),
                          self.tr("Discard %n change(s) never sent to %1? This cannot be undone.", "",
                                  kept.count).replace("%1", kept.marketplace.name or kept.marketplace.id),
                          QMessageBox.StandardButton.Cancel, self)
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda b: self.discard_requested.emit(kept) if b is discard else None)
        box.open()
        return box
