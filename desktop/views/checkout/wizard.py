"""The checkout wizard: five clear steps, then the payment and the confirmation.

1 Who · 2 Company and delivery · 3 Shipping · 4 Payment · 5 Review → Submit order

The Idempotency-Key is made when the review opens and written to the cart store with the exact body
(models/checkout.begin_submission). "Submit" sends that key; a timeout, a dropped connection or a restart
followed by "Submit" again sends the same key and body, so the server answers the order it already made
instead of making a second one. The cart is emptied only once the order group exists (complete_checkout).
Each line says the unit price the review showed; 409 ``stock_changed`` / ``price_changed`` / 422: the
lines and reasons are shown ("price changed from X to Y"), the pending record is cleared (nothing was
created or charged) and the cart is quoted again.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api_client import (
    ApiConnectionError,
    ApiStatusError,
    AuthExpiredError,
    ConflictError,
    OfflineError,
    UnprocessableError,
)
from desktop.models.cart import Quote
from desktop.models.cart.checkout import (
    CheckoutChoices,
    DetailsStore,
    begin_submission,
    build_request,
    issues_from_problem,
    to_request,
)
from desktop.models.orders_cache.rules import guest_account
from desktop.views.background.tasks import MutationOp
from desktop.views.errors import channel as errors

from .confirmation import Confirmation
from .payment_wait import POLL_MS, CardWait
from .refusal import refusal_notice
from .step_details import DetailsStep
from .step_payment import PaymentStep
from .step_review import ReviewStep
from .step_shipping import ShippingStep
from .step_who import WhoStep

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient, TokenStore
    from desktop.api_client.types import CheckoutResult, OrderGroup
    from desktop.models.cart import PendingCheckout, QuoteIssue
    from desktop.views.shell.collaborators import GuestClientFactory

    from .host import CheckoutHost

__all__ = ["CheckoutWizard"]

log = logging.getLogger(__name__)

WHO, DETAILS, SHIPPING, PAYMENT, REVIEW = range(5)


class CheckoutWizard(QDialog):
    view_orders_requested = Signal()
    #: the step shown changed (index; 5 = payment / confirmation): tests wait on it
    step_changed = Signal(int)
    #: the order group exists (CheckoutResult)
    placed = Signal(object)
    #: a submission ended without an order (the exception)
    refused = Signal(object)
    #: the card payment was received
    paid = Signal(object)

    poll_ms = POLL_MS

    def __init__(
        self,
        page: CheckoutHost,
        *,
        details: DetailsStore,
        guest_client: GuestClientFactory,
        token_store: TokenStore | None = None,
        resume: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """``details``: the remembered company and delivery details; ``guest_client``: the client that
        follows a guest checkout's payment with its guest token; ``token_store`` keeps that token for
        the Orders page. All three come from the composition root (desktop/views/areas/)."""
        super().__init__(parent or page)  # type: ignore[arg-type]  # the host is a QWidget
        self.setWindowTitle(self.tr("Checkout"))
        self.setObjectName("checkoutWizard")
        self.page = page
        self.session = page.session
        self.client = page.client
        self.details_store = details
        self._guest_client = guest_client
        self.token_store = token_store
        self.cart = page.cart()
        self.quote: Quote | None = page.quoter.quote if page.quoter.quote and not page.quoter.quote.local else None
        self.body: dict[str, Any] | None = None  # the checkout request as JSON, as the cart store keeps it
        self.key: str | None = None
        self.result: CheckoutResult | None = None
        self.locked = False  # a submission of unknown outcome: only "Submit again" is allowed
        self.attempted = False  # the body was sent at least once with the key
        self.refused_issues: list[QuoteIssue] = []
        self.poll_client: MarketplaceClient | None = None
        self.card_wait: CardWait | None = None
        self.confirmation: Confirmation | None = None
        self.op: MutationOp | None = None

        self.who = WhoStep(self.session)
        self.details = DetailsStep()
        self.shipping = ShippingStep()
        self.payment = PaymentStep()
        self.review = ReviewStep()
        self.steps = [self.who, self.details, self.shipping, self.payment, self.review]
        names = [self.tr("Who"), self.tr("Company and delivery"), self.tr("Shipping"), self.tr("Payment"),
                 self.tr("Review")]
        self.step_labels: list[QLabel] = []
        header = QHBoxLayout()
        for n, name in enumerate(names, start=1):
            label = QLabel(f"{n}. {name}")
            self.step_labels.append(label)
            header.addWidget(label)
            if n < len(names):
                header.addWidget(QLabel("›"))
        header.addStretch(1)
        self.stack = QStackedWidget()
        for step in self.steps:
            self.stack.addWidget(step)
        self.back_button = QPushButton(self.tr("&Back"))
        self.next_button = QPushButton(self.tr("&Next"))
        self.next_button.setObjectName("wizardNext")
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Canc&el"))
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        self.header_widget = QWidget()
        self.header_widget.setLayout(header)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_widget)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.resize(820, 600)

        self.who.sign_in_requested.connect(page.sign_in_requested)
        self.who.create_account_requested.connect(page.create_account_requested)
        self.session.changed.connect(self._session_changed)
        page.quote_shown.connect(self._quote_shown)
        self.finished.connect(self._cleanup)

        pending = self.cart.pending_checkout()
        if resume and pending is not None:
            self._resume(pending)
        else:
            self._load_details()
            self.go(DETAILS if self.session.signed_in else WHO)

    # -- navigation --------------------------------------------------------------------------------
    def current(self) -> int:
        return self.stack.currentIndex()

    def go(self, index: int) -> None:
        if index == SHIPPING and self.quote is not None:
            self.shipping.set_quote(self.quote, self.shipping.choices())
        if index == REVIEW:
            self._open_review()
        self.stack.setCurrentIndex(index)
        for n, label in enumerate(self.step_labels):
            label.setStyleSheet("font-weight: 600;" if n == index else "color: gray;")
        self.back_button.setEnabled(0 < index <= REVIEW and not self.locked)
        self.back_button.setVisible(index <= REVIEW)
        self.next_button.setVisible(index <= REVIEW)
        self.header_widget.setVisible(index <= REVIEW)
        if index == REVIEW:
            self.next_button.setText(self.tr("Submit again") if self.locked else self.tr("&Submit order"))
        else:
            self.next_button.setText(self.tr("&Next"))
        self.cancel_button.setText(self.tr("&Close") if index > REVIEW else self.tr("Canc&el"))
        self.step_changed.emit(index)

    def next(self) -> None:
        index = self.current()
        if index == REVIEW:
            if self.refused_issues:
                self.accept()  # "Back to the cart"
                return
            self.submit()
            return
        if not self.steps[index].validate():
            return
        if index == DETAILS:
            self.details_store.save(self.session.email if self.session.signed_in else None,
                                    self.details.details(self.who.guest_email()))
        if index == SHIPPING and self.quote is None:
            return
        self.go(index + 1)

    def back(self) -> None:
        index = self.current()
        if index == REVIEW and self.key is not None and not self.locked:
            # nothing was sent with this key: a changed choice gets a new one
            self.cart.clear_pending_checkout()
            self.key = None
        if index > 0 and not self.locked:
            self.go(index - 1 if not (index == DETAILS and self.session.signed_in) else WHO)

    # -- session and quote -------------------------------------------------------------------------
    def _session_changed(self) -> None:
        self.who.refresh()
        self.cart = self.page.cart()  # the account's cart (the guest cart was merged into it)
        if self.current() == WHO and self.session.signed_in:
            self._load_details()

    def _load_details(self) -> None:
        account = self.session.email if self.session.signed_in else None
        details = self.details_store.load(account)
        self.details.set_details(details)
        if details.guest_email and not self.session.signed_in:
            self.who.email.setText(details.guest_email)

    def _quote_shown(self, quote: Quote) -> None:
        if not quote.local and not self.locked and self.result is None:
            self.quote = quote
            if self.current() == SHIPPING:
                self.shipping.set_quote(quote, self.shipping.choices())

    # -- review and submit -------------------------------------------------------------------------
    def choices(self) -> CheckoutChoices:
        currency = self.quote.currency if self.quote is not None else self.page.currency()
        guest = self.who.guest_email()
        return CheckoutChoices(details=self.details.details(guest), shipping=self.shipping.choices(),
                               payment_method=self.payment.method(), currency=currency, guest_email=guest)

    def _open_review(self) -> None:
        if self.locked or (self.body is not None and self.key is not None):
            self._render_review()
            return
        self.refused_issues = []
        self.review.clear_notice()
        self.body = build_request(self.cart.lines(), self.choices(), self.quote)  # with the prices shown
        self.key = begin_submission(self.cart, self.body)  # kept durably until the order exists
        self._render_review()

    def _render_review(self) -> None:
        method = (self.body or {}).get("payment_method", "")
        self.review.show_body(self.body or {}, self.quote, self.payment.method_label(method),
                              self.refused_issues, self.page.issue_text)

    def _resume(self, pending: PendingCheckout) -> None:
        self.body = dict(pending.body)
        self.key = pending.idempotency_key
        self.locked = True
        self.attempted = True
        self.payment.set_method(self.body.get("payment_method", "card"))
        self.go(REVIEW)
        self.review.show_notice(self.tr(
            "An order was being submitted when Bulkdesk stopped. Check it and press “Submit again”: if the "
            "marketplace already has it, you get that order — it is never placed twice."), error=False)

    def submit(self) -> MutationOp | None:
        if self.body is None or self.key is None:
            return None
        if self.op is not None and self.op.is_running:
            return None
        request = to_request(self.body)
        key = self.key
        self.attempted = True
        client = self.client
        self.review.show_notice(self.tr("Submitting your order…"), error=False)
        self.back_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.op = MutationOp(self, lambda: client.checkout.place(request, idempotency_key=key),
                             self._placed, self._failed, block=self.next_button, label="checkout")
        self.op.finished.connect(lambda: self.cancel_button.setEnabled(True))
        return self.op.run_in_background()

    def _placed(self, result: CheckoutResult) -> None:
        self.result = result
        self.cart.complete_checkout()  # the order group exists: empty the cart, forget the key
        self.locked = False
        group_ref = result.order_group.ref
        guest = (self.body or {}).get("guest", {}).get("email") if not self.session.signed_in else None
        token = result.guest_token.get_secret_value() if result.guest_token is not None else None
        if token:
            store = self.token_store
            if store is not None:
                try:  # the orders view shows guest orders from here
                    store.set(self.client.server_url, guest_account(group_ref), token)
                except Exception:
                    log.exception("could not keep the guest token")
            self.poll_client = self._guest_client(token)
        self.placed.emit(result)
        if result.payment.method == "card":
            self.card_wait = CardWait(self.poll_client or self.client, group_ref, result.payment.checkout_url,
                                      self, poll_ms=self.poll_ms)
            self.card_wait.paid.connect(lambda group: self._show_confirmation(paid=True, group=group))
            self.stack.addWidget(self.card_wait)
            self.go(REVIEW + 1)
            self.stack.setCurrentWidget(self.card_wait)
            self.card_wait.start()
        else:
            self._show_confirmation(paid=False, guest=guest)

    def _show_confirmation(self, *, paid: bool, group: OrderGroup | None = None, guest: str | None = None) -> None:
        if paid:
            self.paid.emit(group)
        if self.card_wait is not None:
            self.card_wait.stop()
        guest = guest or ((self.body or {}).get("guest") or {}).get("email")
        self.confirmation = Confirmation(self.result, paid=paid, guest_email=guest, parent=self)
        self.confirmation.view_orders_requested.connect(self._view_orders)
        self.stack.addWidget(self.confirmation)
        self.go(REVIEW + 1)
        self.stack.setCurrentWidget(self.confirmation)

    def _view_orders(self) -> None:
        self.view_orders_requested.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.refused.emit(exc)
        code = exc.code if isinstance(exc, ApiStatusError) else None
        if isinstance(exc, ConflictError | UnprocessableError) and code != "idempotency_key_reused":
            # nothing was created and nothing charged: the same key may not come back with another body
            self.cart.clear_pending_checkout()
            self.locked = False
            self.attempted = False
            self.key = None
            self.refused_issues = issues_from_problem(exc.problem)
            self.review.show_notice(refusal_notice(exc, self.refused_issues), error=True)
            self._render_review()
            self.next_button.setText(self.tr("Back to the cart"))
            self.back_button.setEnabled(True)
            self.page.reload(immediately=True)  # quote again: the cart shows the issues inline
            return
        if isinstance(exc, ApiConnectionError):
            # the order may or may not exist: keep the key and body; "Submit again" is safe
            self.locked = True
            self.review.show_notice(self.tr(
                "The marketplace did not answer, so the order may or may not have been placed. Press "
                "“Submit again”: it will not be placed twice."), error=True)
            self.go(REVIEW)
            if isinstance(exc, OfflineError):
                errors.report_exception(exc, self)  # the offline banner
            return
        self.locked = True
        self.go(REVIEW)
        if isinstance(exc, AuthExpiredError):
            self.review.show_notice(self.tr("Your session expired. Sign in again, then press “Submit again”."),
                                    error=True)
        else:
            self.review.show_notice(self.tr("The order could not be submitted. You can try again: it will not "
                                            "be placed twice."), error=True)
        errors.report_exception(exc, self)

    # -- closing -----------------------------------------------------------------------------------
    def _cleanup(self, *_: object) -> None:
        if self.result is None and self.key is not None and not self.attempted:
            self.cart.clear_pending_checkout()  # never sent: nothing to resume
        if self.card_wait is not None:
            self.card_wait.stop()
        with contextlib.suppress(RuntimeError, TypeError):
            self.session.changed.disconnect(self._session_changed)
        with contextlib.suppress(RuntimeError, TypeError):
            self.page.quote_shown.disconnect(self._quote_shown)
        if self.poll_client is not None:
            with contextlib.suppress(Exception):
                self.poll_client.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.op is not None and self.op.is_running:
            return  # never close while an order is being submitted
        super().keyPressEvent(event)
