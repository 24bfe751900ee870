"""The error dialog of the error channel (errors.py): a title, a sentence, "Copy details", "Show details".
Imported when the first error is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from .error_report import ErrorReport

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

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title_label = QLabel(report.title)
        self.title_label.setObjectName("errorTitle")
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.message_label = QLabel(report.message)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more_label = QLabel()
        self.more_label.setObjectName("errorMore")
        self.more_label.hide()

        text = QVBoxLayout()
        text.addWidget(self.title_label)
        text.addWidget(self.message_label)
        text.addWidget(self.more_label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)

        self.details = QPlainTextEdit(report.details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumHeight(180)
        self.details.hide()

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.details_button = QPushButton(self.tr("Show details"))
        self.details_button.setCheckable(True)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)
        self.details_button.toggled.connect(self._toggle_details)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

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
