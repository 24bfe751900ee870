"""Buyer questions: the seller's inbox (``GET /seller/questions``), unanswered first, with the offer each
is about, and the answer written inline beside it.

    page = QuestionsPage(client)
    page.load()                                   # in the background; ``unanswered_changed(n)`` after
    page.set_runner(runner)                       # the account's OutboxRunner
    page.answer_current("Yes, by Friday.")        # queued in the outbox (offline too), then POST …/answer
    page.offer_requested.connect(catalog.show_offer)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api_client.types import Question
from desktop.models.seller import AnswerWrite, DrainReport, Status, fulfilment
from desktop.views.background.tasks import QueryOp
from desktop.views.errors import channel as errors
from desktop.views.locale.formatting import format_datetime, html_text

from ..order_display.order_text import rich_label
from .order_summary import make_table
from .outbox_runner import OutboxRunner, follow_runner
from .questions_model import COLUMNS, QuestionsModel

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient

__all__ = ["QuestionsPage"]


MAX_ANSWER = 2000  # the server's limit of a message


class QuestionsPage(QWidget):
    loaded = Signal(int)  # questions shown (after a load; -1 when it failed)
    answered = Signal(object)  # the Outcome of an answer
    unanswered_changed = Signal(int)
    offer_requested = Signal(int)  # the offer id the seller wants to open

    def __init__(self, client: MarketplaceClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionsPage")
        self.client = client
        self.online = True
        self.runner: OutboxRunner | None = None
        self._load_op: QueryOp | None = None

        self.count_label = QLabel()
        self.refresh_button = QToolButton()
        self.refresh_button.setText(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(lambda: self.load())
        bar = QHBoxLayout()
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.refresh_button)

        self.model = QuestionsModel(self)
        self.table = make_table(self.model, "questionsTable")
        self.table.setAccessibleName(self.tr("Questions"))
        for name, width in {"status": 96, "asked": 84, "buyer": 176, "offer": 240, "sku": 140}.items():
            self.table.setColumnWidth(COLUMNS.index(name), width)
        self.table.horizontalHeader().setSectionResizeMode(COLUMNS.index("message"), QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.offer_label = rich_label(self._link)
        self.offer_label.setObjectName("questionOffer")
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.question_label.setStyleSheet("font-size: 14px;")
        self.answer_label = QLabel()
        self.answer_label.setWordWrap(True)
        self.answer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_edit = QPlainTextEdit()
        self.answer_edit.setObjectName("answerEdit")
        self.answer_edit.setAccessibleName(self.tr("Answer"))
        self.answer_edit.setPlaceholderText(self.tr("Write your answer; the buyer reads it in Bulkdesk."))
        self.answer_edit.setMaximumHeight(110)
        self.answer_edit.textChanged.connect(self._update_send)
        self.send_button = QPushButton(self.tr("&Send answer"))
        self.send_button.clicked.connect(lambda: self.answer_current())
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.hide()
        send_row = QHBoxLayout()
        send_row.addWidget(self.result_label, 1)
        send_row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignRight)
        self.detail = QWidget()
        column = QVBoxLayout(self.detail)
        column.setContentsMargins(0, 6, 0, 0)
        for w in (self.offer_label, self.question_label, self.answer_label, self.answer_edit):
            column.addWidget(w)
        column.addLayout(send_row)
        column.addStretch(1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self._show(None)
        self._update_count()

    # -- loading -------------------------------------------------------------------------------------
    def load(self) -> QueryOp | None:
        """Every question of the seller's (all pages), in the background."""
        if not self.client.is_authenticated:
            return None
        if self._load_op is not None and self._load_op.is_running:
            return self._load_op
        client = self.client
        self.refresh_button.setEnabled(False)
        op = QueryOp(self, lambda: list(client.seller.questions(limit=500)), self._loaded, self._load_failed)
        op.finished.connect(self._load_finished)
        self._load_op = op
        return op.run_in_background()

    def _load_finished(self) -> None:
        self.refresh_button.setEnabled(True)

    def clear(self) -> None:
        """Signed out: nothing shown, no badge."""
        if self._load_op is not None:
            self._load_op.cancel()
        self.model.set_questions([])
        self._show(None)
        self._update_count()

    def _loaded(self, questions: list[Question]) -> None:
        current = self.current()
        self.model.set_questions(questions)
        self._update_count()
        row = self.model.row_of(current.id) if current is not None else -1
        self.select_row(row if row >= 0 else (0 if self.model.rowCount() else -1))
        self.loaded.emit(self.model.rowCount())

    def _load_failed(self, exc: BaseException) -> None:
        errors.report_exception(exc, self)
        self.loaded.emit(-1)

    def set_online(self, online: bool) -> None:
        self.online = online
        self._update_send()

    def _update_count(self) -> None:
        n = self.model.unanswered()
        total = self.model.rowCount()
        self.count_label.setText(self.tr("To answer: %1 · in all: %2").replace("%1", str(n)).replace(
            "%2", str(total)))
        self.unanswered_changed.emit(n)

    # -- selection -----------------------------------------------------------------------------------
    def current(self) -> Question | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.question(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        if row < 0:
            self.table.clearSelection()
            self._show(None)
            return
        self.table.selectRow(row)
        self._show(self.model.question(row))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.question(current.row()) if current.isValid() else None)

    def _show(self, q: Question | None) -> None:
        self.result_label.hide()
        if q is None:
            self.offer_label.setText("<b>" + html_text(self.tr("No question selected")) + "</b>")
            self.question_label.setText(self.tr("Buyers' questions about your offers appear here."))
            self.answer_label.hide()
            self.answer_edit.hide()
            self.send_button.hide()
            return
        link = f"<a href='offer:{q.offer_id}'>{html_text(q.offer_title or q.offer_sku or q.offer_id)}</a>"
        self.offer_label.setText(self.tr("About %1 · SKU %2").replace("%1", link).replace(
            "%2", html_text(q.offer_sku or "—")) + "<br>" + html_text(self.tr("%1 asked on %2").replace(
                "%1", q.buyer_company or self.tr("A buyer")).replace("%2", format_datetime(q.created_at))))
        self.question_label.setText(q.message)
        waiting = self.model.pending.get(q.id)
        answered = q.answer is not None or waiting is not None
        self.answer_label.setVisible(answered)
        if q.answer is not None:
            self.answer_label.setText(self.tr("Your answer (%1): %2").replace(
                "%1", format_datetime(q.answered_at) if q.answered_at else "").replace("%2", q.answer or ""))
        elif waiting is not None:
            self.answer_label.setText(self.tr("Your answer, waiting to be sent: %1").replace("%1", waiting))
        self.answer_edit.setVisible(not answered)
        self.send_button.setVisible(not answered)
        if not answered:
            self.answer_edit.clear()
        self._update_send()

    def _update_send(self) -> None:
        text = self.answer_edit.toPlainText().strip()
        self.send_button.setEnabled(self.runner is not None and 0 < len(text) <= MAX_ANSWER)
        self.send_button.setToolTip("" if self.online else self.tr(
            "You are offline: the answer is kept and sent when the marketplace answers."))

    def _link(self, url: str) -> None:
        if url.startswith("offer:"):
            self.offer_requested.emit(int(url.split(":", 1)[1]))

    # -- answering (through the outbox) ---------------------------------------------------------------
    def set_runner(self, runner: OutboxRunner | None) -> None:
        """The signed-in seller's outbox runner (None: signed out, no answers)."""
        if self.runner is runner:
            return
        follow_runner(self.runner, runner, changed=self._outbox_changed, drained=self._drained)
        self.runner = runner
        self._outbox_changed()

    def _outbox_changed(self) -> None:
        entries = self.runner.entries((Status.WAITING, Status.SENDING), kind=fulfilment.KIND_ANSWER) \
            if self.runner is not None else []
        pending = {int(e.target): str(e.payload.get("message", "")) for e in entries}
        if pending != self.model.pending:
            self.model.set_pending(pending)
            self._update_count()
            self._show(self.current())

    def answer_current(self, text: str | None = None) -> object | None:
        """Queue the answer in the outbox (committed first); the runner sends it when online."""
        q, runner = self.current(), self.runner
        if q is None or q.answer is not None or runner is None:
            return None
        if text is not None:
            self.answer_edit.setPlainText(text)
        try:
            payload = fulfilment.answer_payload(q.id, self.answer_edit.toPlainText())
        except ValueError:
            self._result(self.tr("Write an answer first."), error=True)
            return None
        entry = runner.apply(AnswerWrite(payload))[0]  # a refused answer is revised with this text (plans.py)
        self._result(self.tr("Sending…") if runner.online else self.tr(
            "Offline: the answer is kept and sent when the marketplace answers."))
        return entry

    def _drained(self, report: DrainReport) -> None:
        if self.runner is None or not report.touched:
            return
        for entry in self.runner.get_many(sorted(report.touched)):
            if entry.kind == fulfilment.KIND_ANSWER:
                self._answered(fulfilment.outcome_of(entry))

    def _answered(self, outcome: fulfilment.Outcome) -> None:
        if outcome.ok:
            row = self.model.replace(outcome.result)
            if self.model.row_of(outcome.result.id) < 0:
                return  # not among the questions shown (another account's, or not loaded yet)
            self._update_count()
            self.select_row(row)
            self._result(self.tr("Answer sent."))
        else:  # the server's words: already answered elsewhere, too long…
            self._result(self.tr("Not sent: %1").replace("%1", outcome.message), error=True)
            self.load()  # answered elsewhere meanwhile, removed…: the server's copy
        self.answered.emit(outcome)

    def _result(self, text: str, *, error: bool = False) -> None:
        self.result_label.setStyleSheet("color: #b00020;" if error else "color: #2e7d32;")
        self.result_label.setText(text)
        self.result_label.show()
