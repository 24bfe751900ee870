"""The one "Contact the seller" dialog: a question to a seller about one of their offers.

    dialog = ContactSellerDialog(client, "Lisboa Surplus", [(offer_id, "SKU-1 — Gloves")])   # an offer
    dialog = ContactSellerDialog(client, seller, offers, order_ref="O-1", close_when_sent=True)  # an order
    dialog.sent.connect(status_bar.showMessage)      # "Question sent to Lisboa Surplus."
    dialog.open()

About an offer: the dialog says which. About an order: the buyer picks one of its offers, and the
message starts with the order's ref. The question goes
off the GUI thread with one Idempotency-Key per dialog (a retry never asks twice); while it is sent the
message is read-only, and if it fails the message stays for another try. Once sent, the dialog either
says so and offers Close, or (``close_when_sent``) closes and leaves the confirmation to its owner.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.views.background.tasks import MutationOp

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.api_client.types import Question

__all__ = ["ContactSellerDialog"]


class ContactSellerDialog(QDialog):
    """Ask ``seller`` about one of ``offers`` (``(offer_id, label)`` pairs, at least one)."""

    # the question was sent: a short confirmation for a status bar
    sent = Signal(str)

    def __init__(
        self,
        client: MarketplaceClient,
        seller: str,
        offers: Sequence[tuple[int, str]],
        *,
        order_ref: str | None = None,
        close_when_sent: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not offers:
            raise ValueError("a question is about an offer: none given")
        self.client = client
        self.seller = seller
        self.close_when_sent = close_when_sent
        from desktop.api_client import new_idempotency_key  # httpx and pydantic: not at start-up

        self._key = new_idempotency_key()  # one per question, reused if the request is retried
        self.setMinimumWidth(440)
        self.offer_combo = QComboBox()
        for offer_id, label in offers:
            self.offer_combo.addItem(label, int(offer_id))
        self.intro_label = QLabel(self.tr("Your question to %1 about “%2”:").replace("%1", seller).replace(
            "%2", offers[0][1]))
        self.intro_label.setWordWrap(True)
        self.message_edit = QPlainTextEdit()
        self.message_edit.setPlaceholderText(self.tr("Availability, delivery, documents…"))
        if order_ref:
            self.message_edit.setPlainText(self.tr("About order %1: ").replace("%1", order_ref))
        self.message_edit.textChanged.connect(self._changed)
        self.intro_label.setBuddy(self.message_edit)  # its name when it stands alone (the form names it else)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.send_button = self.buttons.addButton(self.tr("&Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.send_button.clicked.connect(self.send)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        if order_ref is None and len(offers) == 1:
            self.setWindowTitle(self.tr("Contact the seller"))
            self.offer_combo.hide()
            layout.addWidget(self.intro_label)
            layout.addWidget(self.message_edit, 1)
        else:  # an order's question: which of its offers, then the message; no status line until sent
            self.setWindowTitle(self.tr("Contact %1").replace("%1", seller))
            self.intro_label.hide()
            self.status_label.hide()
            form = QFormLayout()
            form.addRow(self.tr("About"), self.offer_combo)
            form.addRow(self.tr("Message"), self.message_edit)
            layout.addLayout(form, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.op: MutationOp | None = None
        self.done_ok = False
        self._changed()

    def offer_id(self) -> int:
        return int(self.offer_combo.currentData())

    def message(self) -> str:
        return self.message_edit.toPlainText().strip()

    def _changed(self) -> None:
        self.send_button.setEnabled(bool(self.message()) and not self.done_ok)

    def accept(self) -> None:
        """Enter (or a caller) accepting the dialog sends the question; it closes once sent."""
        if self.done_ok:
            super().accept()
        else:
            self.send()

    def send(self) -> MutationOp | None:
        message = self.message()
        if not message or self.done_ok or (self.op is not None and self.op.is_running()):
            return None
        offer_id = self.offer_id()
        self.status_label.setText(self.tr("Sending…"))
        self.status_label.show()
        self.message_edit.setReadOnly(True)
        self.op = MutationOp(
            self, lambda: self.client.questions.ask(offer_id, message, idempotency_key=self._key),
            self._sent, self._failed, block=self.send_button, label="question",
        )
        return self.op.run_in_background()

    def _sent(self, _question: Question) -> None:
        self.done_ok = True
        text = self.tr("Your question was sent to %1. Their answer will appear under Questions.").replace(
            "%1", self.seller)
        self.status_label.setText(text)
        self.message_edit.setEnabled(False)
        self.offer_combo.setEnabled(False)
        self.send_button.hide()
        self.cancel_button.setText(self.tr("Close"))
        self.sent.emit(self.tr("Question sent to %1.").replace("%1", self.seller))
        if self.close_when_sent:
            super().accept()

    def _failed(self, exc: BaseException) -> None:
        from desktop.views.errors import channel as errors

        self.message_edit.setReadOnly(False)
        self.status_label.setText(self.tr("The question was not sent."))
        errors.report_exception(exc, self)
