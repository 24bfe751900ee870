"""Tracking upload by CSV: pick a file of (order ref, carrier, tracking number), read the report (every
row checked against the seller's orders), then mark the orders shipped.

    dialog = TrackingUploadDialog(client.seller, parent=fulfilment_page, send=outbox_sender)
    dialog.show()

``send`` (one :class:`~desktop.models.seller.tracking_csv.TrackingUpdate` at a time) defaults to
sending at once; the fulfilment screen may pass its outbox instead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.seller.import_check import ReportRow
from desktop.models.seller.tracking_csv import (
    TrackingReport,
    TrackingResult,
    TrackingUpdate,
    apply_tracking,
    check_tracking,
    shipping_sender,
)
from desktop.views.background.tasks import MutationOp, QueryOp
from desktop.views.locale.formatting import format_int
from desktop.views.window.file_dialogs import remember_folder, start_folder

from .import_report_model import ImportReportModel, file_filter, report_table

if TYPE_CHECKING:
    from desktop.api_client.resources.seller import Seller

__all__ = ["TrackingUploadDialog"]


class TrackingUploadDialog(QDialog):
    checked = Signal(object)  # TrackingReport
    applied = Signal(object)  # TrackingResult

    def __init__(self, seller: Seller, *, send: Callable[[TrackingUpdate], Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seller = seller
        self.send = send or shipping_sender(seller)
        self.report: TrackingReport | None = None
        self.path: Path | None = None
        self.setWindowTitle(self.tr("Upload tracking numbers"))
        intro = QLabel(self.tr("A CSV with the columns order_ref, carrier and tracking_number (comma, "
                               "semicolon or tab). Every row is checked against your orders first."))
        intro.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ImportReportModel(self, key_label=self.tr("Order"))
        table = report_table(self.model)
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(self.tr("Mark shipped"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.start_apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary)
        layout.addWidget(table, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 420)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Upload tracking numbers"), start_folder("csv"),
                                              file_filter())
        if name:
            remember_folder("csv", name)
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        self.path, self.report, seller = path, None, self.seller
        self.apply_button.setEnabled(False)
        self.model.set_rows([])
        self.summary.setText(self.tr("Checking %1…").replace("%1", path.name))
        QueryOp(self, lambda: check_tracking(seller, path.read_bytes(), path.name), self._on_checked,
                self._on_failed).run_in_background()

    def _on_checked(self, report: TrackingReport) -> None:
        self.report = report
        shown = sorted(report.problems + report.warnings, key=lambda p: p.row)
        self.model.set_rows([ReportRow(p.row, p.sku, p.column, p.code, problem=p) for p in shown])
        if report.unreadable:
            text = self.tr("%1 cannot be read; nothing was sent.").replace("%1", report.name)
        elif report.problems:
            text = self.tr("%n row(s) with errors: nothing will be sent until they are fixed.", None,
                           len({p.row for p in report.problems}))
        else:
            text = self.tr("%n order(s) to mark shipped", None, len(report.updates)) + "; " + self.tr(
                "%n already shipped with that number.", None, report.unchanged)
        self.summary.setText(text)
        self.apply_button.setEnabled(report.clean and bool(report.updates))
        self.checked.emit(report)

    def _on_failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("The file could not be checked; try again."))
        if not isinstance(exc, OSError):
            from desktop.views.errors.channel import report_exception

            report_exception(exc, self)

    def start_apply(self) -> None:
        report, send = self.report, self.send
        if report is None or not report.clean:
            return
        self.summary.setText(self.tr("Sending…"))
        MutationOp(self, lambda: apply_tracking(report.updates, send), self._on_applied,
                   block=self.apply_button, label="seller-tracking").run_in_background()

    def _on_applied(self, result: TrackingResult) -> None:
        self.apply_button.setEnabled(False)
        self.model.set_rows([ReportRow(u.row, u.order_ref, "order_ref", "refused", message)
                             for u, message in result.refused])
        text = self.tr("%n order(s) marked shipped.", None, len(result.shipped))
        if result.refused:
            text += " " + self.tr("%1 refused (see below).").replace("%1", format_int(len(result.refused)))
        if result.not_sent:
            text += " " + self.tr("%1 not sent: the connection was lost; upload the file again.").replace(
                "%1", format_int(len(result.not_sent)))
        self.summary.setText(text)
        self.applied.emit(result)
