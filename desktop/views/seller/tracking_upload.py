"""Tracking upload by CSV: pick a file of (order ref, carrier, tracking number), read the report (every
row checked against the seller's orders), then mark the orders shipped.

    dialog = TrackingUploadDialog(client.seller, parent=fulfilment_page, send=outbox_sender)
    dialog.show()

``send`` (one :class:`~desktop.models.seller.tracking_csv.TrackingUpdate` at a time) defaults to
sending at once; the fulfilment screen may pass its outbox instead, with ``answers`` (its signal of the
outbox's answers, a list of :class:`~desktop.models.seller.fulfilment.Outcome`): the rows are then queued,
and each is listed Sent or Refused when the marketplace has answered it.

The result lists every row sent as Sent or Refused (with the server's words), and its summary counts
only what the server accepted. A checked file is sent once: Mark shipped stays off until a file is
checked again (which finds the orders already shipped with those numbers)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.seller.fulfilment import Outcome
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

from .import_report_model import ImportReportModel, file_filter, problem_text, report_table

if TYPE_CHECKING:
    from desktop.api_client.resources.seller import Seller

__all__ = ["TrackingUploadDialog"]


class TrackingUploadDialog(QDialog):
    checked = Signal(object)  # TrackingReport
    applied = Signal(object)  # TrackingResult

    def __init__(self, seller: Seller, *, send: Callable[[TrackingUpdate], Any] | None = None,
                 answers: SignalInstance | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seller = seller
        self.send = send or shipping_sender(seller)
        self.report: TrackingReport | None = None
        self.path: Path | None = None
        self._not_sent: list[TrackingUpdate] = []
        self._sending = False
        # the rows sent, and what the marketplace said of each (ref → None while unanswered)
        self.sent: dict[str, TrackingUpdate] = {}
        self.answers: dict[str, Outcome | None] = {}
        self.queued = answers is not None
        if answers is not None:
            answers.connect(self._on_answers)
        self.setWindowTitle(self.tr("Upload tracking numbers"))
        # the column titles the app shows are headers the file may use, in either language (tracking_csv)
        titles = (self.tr("Order"), self.tr("Carrier"), self.tr("Tracking number"))
        intro = QLabel(self.tr("A CSV with the columns %1, %2 and %3 (or order_ref, carrier, tracking_number; "
                               "comma, semicolon or tab). Every row is checked against your orders first. Keep "
                               "the tracking numbers as text in your spreadsheet: a number it shows as 3,4E+17 "
                               "has lost its digits.").replace("%1", titles[0]).replace("%2", titles[1])
                       .replace("%3", titles[2]))
        intro.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("&Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ImportReportModel(self, key_label=self.tr("Order"))
        table = self.table = report_table(self.model)
        table.setAccessibleName(self.tr("Report"))
        # a tracking file is small: its messages wrap in full (a cut-off reason told the seller nothing)
        table.setWordWrap(True)
        table.horizontalHeader().setSectionResizeMode(len(self.model.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(self.tr("&Mark shipped"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.buttons.addButton(self.tr("C&lose"), QDialogButtonBox.ButtonRole.RejectRole)
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

    def _set_rows(self, rows: list[ReportRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeRowsToContents()

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Upload tracking numbers"), start_folder("csv"),
                                              file_filter())
        if name:
            remember_folder("csv", name)
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        self.path, self.report, seller = path, None, self.seller
        self.sent, self.answers, self._not_sent = {}, {}, []
        self.apply_button.setEnabled(False)
        self._set_rows([])
        self.summary.setText(self.tr("Checking %1…").replace("%1", path.name))
        QueryOp(self, lambda: check_tracking(seller, path.read_bytes(), path.name), self._on_checked,
                self._on_failed).run_in_background()

    def _on_checked(self, report: TrackingReport) -> None:
        self.report = report
        shown = sorted(report.problems + report.warnings, key=lambda p: p.row)
        self._set_rows([ReportRow(p.row, p.sku, p.column, p.code, problem=p) for p in shown])
        if report.unreadable:  # the reason in full here too: the table's cell cuts it off
            text = self.tr("%1 cannot be read; nothing was sent.").replace("%1", report.name)
            text += "\n" + "\n".join(problem_text(p) for p in report.problems)
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
        """Send (or queue) the checked file's updates, once: the button stays off until another check."""
        report, send = self.report, self.send
        if report is None or not report.clean or not report.updates:
            return
        self.report, self._sending = None, True
        self.apply_button.setEnabled(False)
        self.sent = {u.order_ref: u for u in report.updates}
        self.answers = dict.fromkeys(self.sent)
        self.summary.setText(self.tr("Sending…"))
        MutationOp(self, lambda: apply_tracking(report.updates, send), self._on_applied,
                   label="seller-tracking").run_in_background()

    def _on_applied(self, result: TrackingResult) -> None:
        """Sent at once: the server's answers are in ``result``. Queued: ``result.shipped`` is what went
        into the outbox, answered later in :meth:`_on_answers`."""
        self._sending, self._not_sent = False, list(result.not_sent)
        for update in result.not_sent:
            self.sent.pop(update.order_ref, None)
            self.answers.pop(update.order_ref, None)
        if not self.queued:
            self.answers |= {u.order_ref: Outcome(u.order_ref) for u in result.shipped}
        # queued: what the outbox refused at once is said here; the rest is answered in _on_answers (an
        # answer may even have come already)
        self.answers |= {u.order_ref: Outcome(u.order_ref, code="refused", message=m) for u, m in result.refused}
        self._show_result()
        self.applied.emit(result)

    def _on_answers(self, outcomes: list[Outcome]) -> None:
        """The outbox's answers (of any write of the page): those of this file's rows are shown."""
        mine = [o for o in outcomes if o.key in self.sent and self.answers.get(o.key) is None]
        for o in mine:
            self.answers[o.key] = o
        if mine and not self._sending:
            self._show_result()

    def _show_result(self) -> None:
        """Each row sent as Sent / Refused / Waiting, and counts of what the server accepted."""
        rows = []
        for ref, update in sorted(self.sent.items(), key=lambda item: item[1].row):
            answer = self.answers.get(ref)
            if answer is None:
                code, message = "waiting", self.tr("Waiting for the marketplace's answer")
            elif answer.ok:
                code, message = "sent", self.tr("Sent")
            else:
                code, message = "refused", self.tr("Refused: %1").replace("%1", answer.message)
            rows.append(ReportRow(update.row, ref, "tracking_number", code, message))
        self._set_rows(rows)
        answered = [a for a in self.answers.values() if a is not None]
        accepted = sum(a.ok for a in answered)
        refused = len(answered) - accepted
        waiting = len(self.sent) - len(answered)
        text = self.tr("%n order(s) marked shipped.", None, accepted)
        if refused:
            text += " " + self.tr("%1 refused (see below).").replace("%1", format_int(refused))
        if waiting:
            text += " " + self.tr("%1 waiting to be sent (see Pending changes).").replace("%1", format_int(waiting))
        if self._not_sent:
            text += " " + self.tr("%1 not sent: the connection was lost; upload the file again.").replace(
                "%1", format_int(len(self._not_sent)))
        self.summary.setText(text)
