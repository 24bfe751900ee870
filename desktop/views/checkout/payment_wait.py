"""After the order exists: waiting for a card payment (the page opens in the system browser; the order
group is polled off the GUI thread until paid or failed; "Try again" makes a new page), or the bank
transfer / Multibanco instructions with copy buttons and "Save as PDF"."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api_client import ApiConnectionError
from desktop.views.background.tasks import MutationOp, QueryOp
from desktop.views.locale.formatting import format_money
from desktop.views.window.file_dialogs import remember_folder, start_folder

from .instructions_pdf import save_pdf

if TYPE_CHECKING:
    from datetime import datetime

    from desktop.api_client import MarketplaceClient
    from desktop.api_client.types import Money as ApiMoney
    from desktop.api_client.types import OrderGroup, Payment, PaymentRetry
    from desktop.models.money import Money

__all__ = ["POLL_MS", "CardWait", "Instructions"]

#: how often the order group is polled while waiting for a card payment
POLL_MS = 3000


def _money(value: ApiMoney | None) -> Money | None:
    from desktop.models.money import Money

    return Money(value.amount, value.currency) if value is not None else None


def _qdatetime(when: datetime) -> QDateTime:
    return QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute))


class CardWait(QWidget):
    """"Waiting for payment": follows the order group until its payment is paid (→ ``paid``) or failed."""

    paid = Signal(object)  # the OrderGroup
    status_changed = Signal(str)

    def __init__(self, poll_client: MarketplaceClient, group_ref: str, checkout_url: str, parent: QWidget | None = None,
                 *, poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.client = poll_client
        self.ref = group_ref
        self.checkout_url = checkout_url
        self.status = "pending"
        self._op: QueryOp | None = None
        self.title = QLabel(self.tr("Waiting for payment"))
        self.title.setStyleSheet("font-size: 17px; font-weight: 600;")
        self.text = QLabel(self.tr("The payment page has opened in your browser. Pay there; this window "
                                   "follows the payment and goes on by itself."))
        self.text.setWordWrap(True)
        self.ref_label = QLabel(self.tr("Order group %1").replace("%1", f"<b>{group_ref}</b>"))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(8)
        self.busy.setTextVisible(False)
        self.failure = QLabel()
        self.failure.setObjectName("cartIssue")
        self.failure.setWordWrap(True)
        self.failure.hide()
        self.open_again = QPushButton(self.tr("Open the payment page again"))
        self.open_again.clicked.connect(self.open_page)
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.setObjectName("retryPayment")
        self.retry_button.clicked.connect(self.retry)
        self.retry_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.open_again)
        row.addWidget(self.retry_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.ref_label)
        layout.addWidget(self.text)
        layout.addWidget(self.busy)
        layout.addWidget(self.failure)
        layout.addLayout(row)
        layout.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)

    def start(self, *, open_page: bool = True) -> None:
        if open_page:
            self.open_page()
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        self.timer.stop()
        if self._op is not None:
            self._op.cancel()

    def open_page(self) -> None:
        QDesktopServices.openUrl(QUrl(self.checkout_url))

    def poll(self) -> QueryOp | None:
        if self._op is not None and self._op.is_running:
            return None
        self._op = QueryOp(self, lambda: self.client.orders.group(self.ref), self._polled, self._poll_failed)
        return self._op.run_in_background()

    def _polled(self, group: OrderGroup) -> None:
        status = group.payment_status or "pending"
        if status == self.status:
            return
        self.status = status
        self.status_changed.emit(status)
        if status == "paid":
            self.timer.stop()
            self.busy.hide()
            self.paid.emit(group)
        elif status == "failed":
            self.busy.hide()
            self.title.setText(self.tr("The payment did not go through"))
            self.failure.setText(self.tr("The card was declined or the payment failed. Nothing was charged. "
                                         "Try again with the same or another card."))
            self.failure.show()
            self.retry_button.show()
            self.open_again.hide()
        else:
            self._waiting()

    def _waiting(self) -> None:
        self.title.setText(self.tr("Waiting for payment"))
        self.busy.show()
        self.failure.hide()
        self.retry_button.hide()
        self.open_again.show()

    def _poll_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ApiConnectionError):  # offline: keep polling, the banner says so
            self.timer.stop()
            from desktop.views.errors import channel as errors

            errors.report_exception(exc, self)

    def retry(self) -> MutationOp:
        def done(result: PaymentRetry) -> None:
            self.checkout_url = result.checkout_url
            status = result.status or "pending"
            changed, self.status = status != self.status, status
            self._waiting()
            if changed:
                self.status_changed.emit(status)
            self.open_page()
            self.timer.start()

        op = MutationOp(self, lambda: self.client.payments.retry(self.ref), done, block=self.retry_button,
                        label="payment-retry")
        return op.run_in_background()


class Instructions(QWidget):
    """How to pay a bank transfer or a Multibanco reference, with copy buttons and "Save as PDF"."""

    def __init__(self, payment: Payment, group_ref: str, parent: QWidget | None = None,
                 *, choose_path: Callable[[], str | None] | None = None) -> None:
        super().__init__(parent)
        self.payment = payment
        self.ref = group_ref
        self._choose_path = choose_path
        self.values: dict[str, str] = {}
        loc = QLocale()
        if payment.method == "bank_transfer":
            title = self.tr("Pay by bank transfer")
            rows = [
                (self.tr("IBAN"), payment.iban),
                (self.tr("BIC"), payment.bic),
                (self.tr("Beneficiary"), payment.beneficiary),
                (self.tr("Reference"), payment.reference),
                (self.tr("Amount"), format_money(_money(payment.amount))),
            ]
            note = self.tr("Use the reference exactly as shown so the payment is matched to your order. "
                           "The sellers prepare the orders once the transfer has arrived.")
        else:
            title = self.tr("Pay with Multibanco")
            expiry = payment.expires_at.astimezone()
            rows = [
                (self.tr("Entity"), payment.entity),
                (self.tr("Reference"), payment.reference),
                (self.tr("Amount"), format_money(_money(payment.amount))),
                (self.tr("Pay before"), loc.toString(_qdatetime(expiry), QLocale.FormatType.ShortFormat)),
            ]
            note = self.tr("Pay at any Multibanco ATM or in your bank's app with the entity and reference.")
        self.title_text = title
        self.note_text = note
        self.rows = rows
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        grid = QGridLayout()
        self.copy_buttons: dict[str, QToolButton] = {}
        for r, (label, value) in enumerate(rows):
            value = str(value)
            self.values[label] = value
            name = QLabel(label)
            shown = QLabel(f"<b>{value}</b>")
            shown.setObjectName(f"instruction-{r}")
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            copy = QToolButton()
            copy.setText(self.tr("Copy"))
            copy.setAccessibleName(self.tr("Copy %1").replace("%1", label))
            copy.clicked.connect(lambda _=False, v=value: QGuiApplication.clipboard().setText(v))
            grid.addWidget(name, r, 0)
            grid.addWidget(shown, r, 1)
            grid.addWidget(copy, r, 2)
            self.copy_buttons[label] = copy
        grid.setColumnStretch(1, 1)
        text = QLabel(note)
        text.setWordWrap(True)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        row = QHBoxLayout()
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addLayout(grid)
        layout.addWidget(text)
        layout.addLayout(row)

    def html(self) -> str:
        # lupdate cannot read tr() inside f-strings: the labels are looked up here
        _t = {
            'Order group %1': self.tr('Order group %1'),
        }
        rows = "".join(f"<tr><td>{k}</td><td><b>{v}</b></td></tr>" for k, v in self.values.items())
        return (f"<h2>Bulkdesk — {self.title_text}</h2><p>{_t['Order group %1'].replace('%1', self.ref)}</p>"
                f"<table cellpadding='4'>{rows}</table><p>{self.note_text}</p>")

    def save_pdf(self, path: str | None = None) -> str | None:
        if path is None:
            path = self._choose_path() if self._choose_path else QFileDialog.getSaveFileName(
                self, self.tr("Save the payment instructions"), start_folder("pdf", f"{self.ref}.pdf"),
                self.tr("PDF files (*.pdf)"))[0]
            if path:
                remember_folder("pdf", path)
        if not path:
            return None
        save_pdf(path, self.html(), self.title_text)
        return path
