"""The frame both report dialogs share (the error dialog, dialog.py, and the notice after a crash,
crash_notice.py): a warning icon beside a bold title and its sentences, the report's text below, then the
dialog's own buttons and a default Close. The dialogs keep their texts (translated in their own context),
their buttons' work and what they copy."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
)

__all__ = ["details_box", "lay_out_report", "report_title"]


def report_title(text: str) -> QLabel:
    """The report's title: bold, 15 % larger than the dialog's text."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


def details_box(text: str, min_height: int) -> QPlainTextEdit:
    """The report's text, read-only and unwrapped (tracebacks and logs keep their lines)."""
    details = QPlainTextEdit(text)
    details.setReadOnly(True)
    details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    details.setMinimumHeight(min_height)
    return details


def lay_out_report(
    dialog: QDialog, texts: Sequence[QLabel], details: QPlainTextEdit, actions: Sequence[QPushButton], close: str
) -> QPushButton:
    """Lay ``dialog`` out: the warning icon beside ``texts`` (the title first), ``details`` below taking the
    height, then ``actions`` and a default Close button (labelled ``close``, it rejects the dialog), which
    is returned."""
    icon = QLabel()
    icon.setPixmap(dialog.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
    icon.setAlignment(Qt.AlignmentFlag.AlignTop)
    column = QVBoxLayout()
    for label in texts:
        column.addWidget(label)
    top = QHBoxLayout()
    top.addWidget(icon)
    top.addLayout(column, 1)

    buttons = QDialogButtonBox()
    for button in actions:
        buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
    close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
    close_button.setText(close)
    close_button.setDefault(True)
    buttons.rejected.connect(dialog.reject)

    layout = QVBoxLayout(dialog)
    layout.addLayout(top)
    layout.addWidget(details, 1)
    layout.addWidget(buttons)
    return close_button
