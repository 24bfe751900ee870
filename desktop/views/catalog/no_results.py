"""What the catalog shows instead of the offer table when a search finds nothing: downloading the
catalog (with a busy bar), not synced yet, no results for the text, or no offers for these filters.
The texts keep the "CatalogPage" context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressBar, QWidget

from desktop.views.window.main_window import EmptyState

__all__ = ["NoResults"]


class NoResults(EmptyState):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("catalog", "", "", parent)
        self.loading_bar = QProgressBar()
        self.loading_bar.setRange(0, 0)
        self.loading_bar.setMaximumWidth(220)
        self.loading_bar.setTextVisible(False)
        layout = self.layout()
        layout.insertWidget(layout.count() - 1, self.loading_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        self.loading_bar.hide()

    def show_for(self, *, total: int, syncing: bool, text: str) -> None:
        """``total`` offers in the cache, a sync running or not, ``text`` in the search box."""
        self.loading_bar.setVisible(total == 0 and syncing)
        if total == 0 and syncing:
            title = QCoreApplication.translate("CatalogPage", "Downloading the catalog…")
            body = QCoreApplication.translate(
                "CatalogPage",
                "The offers appear here as soon as the first pages are in. You can keep working meanwhile.")
        elif total == 0:
            title = QCoreApplication.translate("CatalogPage", "Not synced yet")
            body = QCoreApplication.translate(
                "CatalogPage", "Connect to the marketplace to download the catalog. It then stays available offline.")
        elif text:
            title = QCoreApplication.translate("CatalogPage", "No results for “%1”").replace("%1", text)
            body = QCoreApplication.translate("CatalogPage",
                                              "Check the spelling, use fewer words, or clear the filters.")
        else:
            title = QCoreApplication.translate("CatalogPage", "No offers match these filters")
            body = QCoreApplication.translate("CatalogPage", "Choose another category or tab, or clear the filters.")
        self.title_label.setText(title)
        self.text_label.setText(body)
