"""The error dialog of the error channel (errors.py): a title, a sentence, "Copy details", "Show details".
Imported when the first error is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QWidget

from desktop.views.errors.layout import details_box, lay_out_report, report_title

if TYPE_CHECKING:
    from desktop.views.errors.report import ErrorReport

__all__ = ["ErrorDialog"]


class ErrorDialog(QDialog):
    """Title, message, [Copy details] [Details ▸] [Close]. Later errors are appended to the details."""

    def __init__(self, report: ErrorReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(self.tr("Bulkdesk — Error"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(440)
        self._reports: list[ErrorReport] = [report]

        self.title_label = report_title(report.title)
        self.title_label.setObjectName("errorTitle")
        self.title_label.setWordWrap(True)
        self.message_label = QLabel(report.message)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more_label = QLabel()
        self.more_label.setObjectName("errorMore")
        self.more_label.hide()

        self.details = details_box(report.details, 180)
        self.details.hide()

        self.copy_button = QPushButton(self.tr("Copy details"))
        self.details_button = QPushButton(self.tr("Show details"))
        self.details_button.setCheckable(True)
        self.copy_button.clicked.connect(self.copy_details)
        self.details_button.toggled.connect(self._toggle_details)
        self.close_button = lay_out_report(self, (self.title_label, self.message_label, self.more_label),
                                           self.details, (self.copy_button, self.details_button), self.tr("Close"))

    @property
    def reports(self) -> list[ErrorReport]:
        return list(self._reports)

    def add_report(self, report: ErrorReport) -> None:
        self._reports.append(report)
        extra = len(self._reports) - 1
        self.more_label.setText(self.tr("%n more error(s) occurred meanwhile.", "", extra))
        self.more_label.show()
        self.details.setPlainText(self.details_text())

    def details_text(self) -> str:
        sep = "\n\n" + "-" * 60 + "\n"
        return sep.join(f"{r.title}\n{r.message}\n{r.details}" for r in self._reports)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copy_button.setText(self.tr("Copied"))

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText(self.tr("Hide details") if shown else self.tr("Show details"))
        self.adjustSize()
