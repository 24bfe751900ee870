"""Help → Keyboard shortcuts: the table of keyboard.SHORTCUTS (keys, where, what), translated, and the
window's own extra rows (the Go menu's pages)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.views.window.keyboard import SHORTCUTS, description, keyboard_view

__all__ = ["ShortcutsDialog"]


class ShortcutsDialog(QDialog):
    """Every shortcut of the app; ``extra``: more rows (keys as shown, where, what)."""

    def __init__(self, extra: Sequence[tuple[str, str, str]] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = [description(s) for s in SHORTCUTS] + list(extra)
        intro = QLabel(self.tr("Tab and Shift+Tab move between controls, the arrow keys inside a list or a table, "
                               "Alt with an underlined letter presses that button or goes to that field."))
        intro.setWordWrap(True)
        self.table = keyboard_view(QTableWidget(len(rows), 3))
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Where"), self.tr("What it does")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def keys_listed(self) -> list[str]:
        """The keys column, as shown (tests compare it with the installed shortcuts)."""
        return [self.table.item(row, 0).text() for row in range(self.table.rowCount())]
