"""The notice after a crash: "Bulkdesk closed unexpectedly", the report, [Copy details] [Open folder]
[Close]. Not modal: the window behind it works. Imported only when the last run left a crash log
(models/infrastructure/crash_log.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QWidget

from desktop.models.infrastructure.crash_log import CrashReport
from desktop.views.errors.layout import details_box, lay_out_report, report_title

__all__ = ["CrashNotice", "show_crash_notice"]


class CrashNotice(QDialog):
    def __init__(self, report: CrashReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashNotice")
        self.setWindowTitle(self.tr("Bulkdesk closed unexpectedly"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self.report = report

        title = report_title(self.tr("Bulkdesk closed unexpectedly"))
        self.message_label = QLabel(self.tr(
            "The last time it ran, Bulkdesk stopped because of an internal error. Your cart and the offline "
            "catalog are kept. Sending the report below to your support contact helps fix it."
        ))
        self.message_label.setWordWrap(True)
        self.details = details_box(report.text, 200)

        self.copy_button = QPushButton(self.tr("Copy details"))
        self.folder_button = QPushButton(self.tr("Open folder"))
        self.folder_button.setToolTip(str(report.path))
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button = lay_out_report(self, (title, self.message_label), self.details,
                                           (self.copy_button, self.folder_button), self.tr("Close"))

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.report.text)
        self.copy_button.setText(self.tr("Copied"))
        QTimer.singleShot(2000, self, lambda: self.copy_button.setText(self.tr("Copy details")))

    def open_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report.folder)))


def show_crash_notice(report: CrashReport, parent: QWidget | None = None) -> CrashNotice:
    """Show the notice beside ``parent`` (not modal) and return it."""
    notice = CrashNotice(report, parent)
    notice.show()
    notice.raise_()
    return notice
