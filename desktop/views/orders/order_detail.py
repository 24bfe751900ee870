"""One order: lines, totals, payment, shipping timeline, tracking, seller, origin, and its actions.

    detail = OrderDetail(client, cart=lambda: cart_store.cart(server, account))
    detail.show_order(order_json)           # a dict as GET /orders/{ref} answers (from the cache or fresh)
    detail.changed.connect(page.sync)       # after a cancel or a review

The detail reads the typed ``Order`` (``detail.current``) made from that JSON; ``detail.order`` keeps the
JSON as given (what ``fetched`` carries to the cache). What the buyer may do is ``models/order_rules``'s
(cancel, pay again, review, reorder); the server has the last word, and its 409 message is shown when
the state changed meanwhile. Results appear in a line above the details (no modal box to dismiss).
The dialogs are in ``order_dialogs``, the texts about an order in ``order_text``, the question to the
seller is the shared ``ContactSellerDialog``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.api_client import ConflictError, OfflineError, ServerError, UnprocessableError
from desktop.api_client.types import Order, ReviewRequest
from desktop.models.orders_cache import rules as rules
from desktop.views.background.tasks import MutationOp, QueryOp
from desktop.views.errors import channel as errors
from desktop.views.locale.formatting import format_money
from desktop.views.questions.contact_seller import ContactSellerDialog

from ..order_display import order_text
from ..order_display.links import open_url
from .order_dialogs import CancelDialog, ReviewDialog, StarRating
from .order_panes import OrderPanes

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.api_client.types import PaymentRetry, Quote
    from desktop.views.shell.collaborators import CartSource

__all__ = ["CancelDialog", "ContactSellerDialog", "OrderDetail", "ReviewDialog", "StarRating", "open_url"]

log = logging.getLogger(__name__)


class OrderDetail(QWidget):
    changed = Signal(str)  # ref: the order changed on the server (cancelled, reviewed)
    fetched = Signal(dict)  # a fresh copy of the order came from the server
    reordered = Signal(int)  # lines added to the cart

    def __init__(
        self,
        client: MarketplaceClient,
        cart: CartSource | None = None,
        fetch: Callable[[str], Mapping[str, Any]] | None = None,
        now: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.cart = cart
        self._fetch = fetch or (lambda ref: client.orders.get(ref).model_dump(mode="json"))
        self._now = now or (lambda: datetime.now(UTC))
        # the order shown, as JSON (what the cache stores and ``fetched`` carries), and typed
        self.order: dict[str, Any] | None = None
        self.current: Order | None = None
        self.online = True
        self.dialog: QDialog | None = None
        self._fetch_op: QueryOp | None = None

        self.title = QLabel()
        self.title.setObjectName("orderDetailTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)

        self.cancel_button = QPushButton(self.tr("Ca&ncel order…"))
        self.review_button = QPushButton(self.tr("Re&view…"))
        self.reorder_button = QPushButton(self.tr("Re&order"))
        self.pay_button = QPushButton(self.tr("Pay again"))
        self.copy_button = QPushButton(self.tr("Cop&y reference"))
        self.contact_button = QPushButton(self.tr("&Contact the seller…"))
        self.cancel_button.clicked.connect(self.request_cancel)
        self.review_button.clicked.connect(self.request_review)
        self.reorder_button.clicked.connect(self.reorder)
        self.pay_button.clicked.connect(self.pay_again)
        self.copy_button.clicked.connect(self.copy_reference)
        self.contact_button.clicked.connect(self.request_contact)
        actions = QGridLayout()
        actions.setSpacing(6)
        for i, button in enumerate((self.reorder_button, self.copy_button, self.contact_button,
                                    self.review_button, self.cancel_button, self.pay_button)):
            actions.addWidget(button, i // 2, i % 2)

        self.result_label = QLabel()
        self.result_label.setObjectName("orderResult")
        self.result_label.setWordWrap(True)
        self.result_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.result_label.setMargin(6)
        self.result_label.hide()

        # the panes (the page's names for their widgets, as before they had their module)
        self.panes = OrderPanes(lambda url: open_url(url))
        self.lines, self.total_label, self.tracking_label = self.panes.lines, self.panes.total_label, \
            self.panes.tracking_label
        self.timeline, self.seller_label, self.origin_label = self.panes.timeline, self.panes.seller_label, \
            self.panes.origin_label

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(actions)
        layout.addWidget(self.result_label)
        layout.addWidget(self.panes)
        layout.addStretch(1)
        self.empty_label = QLabel(self.tr("Select an order to see its details."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.content = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.empty_label)
        outer.addWidget(scroll)
        self.show_order(None)

    # -- showing -------------------------------------------------------------------------------------
    def set_online(self, online: bool) -> None:
        self.online = online
        self._update_actions()

    def show_order(self, order: Order | Mapping[str, Any] | None, *, refresh: bool = False) -> None:
        """Show ``order`` (the API's JSON, or the typed order); with ``refresh``, fetch a fresh copy in the
        background. An order the app cannot read says so instead (and is logged)."""
        typed = None
        if order is not None:
            try:
                typed = rules.read_order(order)
            except ValueError as exc:
                log.warning("%s", exc)
        same = typed is not None and self.current is not None and typed.ref == self.current.ref
        self.current = typed
        if typed is None:
            self.order = None
        else:
            self.order = dict(order) if isinstance(order, Mapping) else typed.model_dump(mode="json")
        if not same:
            self.result_label.hide()
        self.empty_label.setText(self.tr("Select an order to see its details.") if order is None or typed
                                 else self.tr("This order cannot be shown: its data is not valid."))
        self.empty_label.setVisible(typed is None)
        self.content.setVisible(typed is not None)
        if typed is None:
            self._update_actions()
            return
        self._fill(typed)
        self._update_actions()
        if refresh and self.online:
            self.refresh()

    def refresh(self) -> QueryOp | None:
        if self.current is None:
            return None
        ref = self.current.ref
        if self._fetch_op is not None:
            self._fetch_op.cancel()

        def done(fresh: Mapping[str, Any]) -> None:
            if self.current is not None and self.current.ref == fresh.get("ref"):
                self.show_order(fresh)
                self.fetched.emit(dict(fresh))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OfflineError):
                self.set_online(False)
            else:
                errors.report_exception(exc, self)

        self._fetch_op = QueryOp(self, lambda: self._fetch(ref), done, failed)
        self._fetch_op.run_in_background()
        return self._fetch_op

    def _fill(self, o: Order) -> None:
        self.title.setText(self.tr("Order %1").replace("%1", o.ref))
        self.subtitle.setText(order_text.subtitle(o))
        self.panes.fill(o)

    def _update_actions(self) -> None:
        o = self.current
        online = self.online
        pay = o is not None and rules.can_pay_again(o)
        self.cancel_button.setEnabled(o is not None and online and rules.can_cancel(o, self._now()))
        self.review_button.setEnabled(o is not None and online and rules.can_review(o))
        self.pay_button.setVisible(pay)
        self.pay_button.setEnabled(pay and online)
        self.reorder_button.setEnabled(o is not None and self.cart is not None and rules.can_reorder(o))
        self.copy_button.setEnabled(o is not None)
        self.contact_button.setEnabled(o is not None and online and bool(o.lines))
        for button, why in ((self.cancel_button, self.tr("Only orders awaiting preparation, or shipped over "
                                                         "30 days ago and not delivered, can be cancelled.")),
                            (self.review_button, self.tr("Delivered orders can be reviewed once."))):
            button.setToolTip("" if button.isEnabled() or not online else why)

    def _run(self, op: MutationOp) -> MutationOp:
        """Start ``op``; the buttons follow the order's state again once it is done (not just re-enabled)."""
        op.finished.connect(self._update_actions)
        op.run_in_background()
        return op

    def show_result(self, text: str, *, error: bool = False) -> None:
        self.result_label.setProperty("error", error)
        self.result_label.setStyleSheet("color: #b00020;" if error else "")
        self.result_label.setText(text)
        self.result_label.show()

    # -- actions -------------------------------------------------------------------------------------
    def copy_reference(self) -> None:
        if self.current is not None:
            QGuiApplication.clipboard().setText(self.current.ref)
            self.show_result(self.tr("Reference %1 copied.").replace("%1", self.current.ref))

    def _open_dialog(self, dialog: QDialog, on_accept: Callable[[], object] | None) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_accept is not None:
            dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def request_cancel(self) -> CancelDialog | None:
        if self.current is None:
            return None
        order = self.current
        dialog = CancelDialog(order, self)
        self._open_dialog(dialog, lambda: self.cancel(order, dialog.reason()))
        return dialog

    def cancel(self, order: Order | Mapping[str, Any], reason: str) -> MutationOp:
        order = rules.read_order(order)
        ref = order.ref
        was_paid = rules.refund_expected(order)

        def done(result: Order) -> None:
            if was_paid or result.payment_status == "refunded":
                text = self.tr("Order %1 is cancelled. You will be refunded %2.").replace("%1", ref).replace(
                    "%2", format_money(result.total))
            else:
                text = self.tr("Order %1 is cancelled.").replace("%1", ref)
            fresh = result.model_dump(mode="json")
            self.show_order(fresh)
            self.show_result(text)
            self.fetched.emit(fresh)
            self.changed.emit(ref)

        return self._run(MutationOp(self, lambda: self.client.orders.cancel(ref, reason), done,
                          lambda exc: self._refused(exc, ref), block=self.cancel_button,
                          label="order_cancelled"))

    def _refused(self, exc: BaseException, ref: str) -> None:
        if isinstance(exc, ConflictError | UnprocessableError) or (isinstance(exc, ServerError) and exc.code):
            self.show_result(exc.detail or exc.message, error=True)
            self.refresh()
            self.changed.emit(ref)
        else:
            errors.report_exception(exc, self)

    def request_review(self) -> ReviewDialog | None:
        if self.current is None:
            return None
        ref = self.current.ref
        dialog = ReviewDialog(self.current, self)
        self._open_dialog(dialog, lambda: self.review(ref, dialog.request()))
        return dialog

    def review(self, ref: str, request: ReviewRequest) -> MutationOp:
        def done(_result: object) -> None:
            self.show_result(self.tr("Thank you: your review of order %1 is published.").replace("%1", ref))
            self.refresh()
            self.changed.emit(ref)

        return self._run(MutationOp(self, lambda: self.client.orders.review(ref, request), done,
                          lambda exc: self._refused(exc, ref), block=self.review_button,
                          label="order_reviewed"))

    def request_contact(self) -> ContactSellerDialog | None:
        """The shared question dialog, about one of the order's offers; it sends the question itself and
        closes once sent, and the result line says so."""
        if self.current is None or not self.current.lines:
            return None
        seller = self.current.seller.name
        offers = [(line.offer_id, f"{line.sku} — {line.title}") for line in rules.offer_lines(self.current)]
        dialog = ContactSellerDialog(self.client, seller, offers, order_ref=self.current.ref,
                                     close_when_sent=True, parent=self)
        dialog.sent.connect(lambda _text: self.show_result(
            self.tr("Your message was sent to %1. The answer will appear in your questions.").replace("%1", seller)))
        self._open_dialog(dialog, None)
        return dialog

    def pay_again(self) -> MutationOp | None:
        if self.current is None:
            return None
        group_ref = self.current.group_ref

        def done(result: PaymentRetry) -> None:
            open_url(result.checkout_url)
            self.show_result(self.tr("The payment page opened in your browser. Come back here once paid."))

        return self._run(MutationOp(self, lambda: self.client.payments.retry(group_ref), done,
                          lambda exc: self._refused(exc, self.current.ref if self.current else ""),
                          block=self.pay_button, label="payment_retried"))

    def reorder(self) -> QueryOp | None:
        """The order's lines into the cart, with their current availability and issues (a quote)."""
        if self.current is None or self.cart is None:
            return None
        order = self.current
        lines = [line.as_json() for line in rules.reorder_lines(order)]

        def quote() -> Quote:
            return self.client.cart.quote(lines, order.currency or "EUR")

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OfflineError):
                self._add_to_cart(order, None)
            else:
                errors.report_exception(exc, self)

        self.reorder_button.setEnabled(False)
        op = QueryOp(self, quote, lambda result: self._add_to_cart(order, result), failed)
        op.finished.connect(self._update_actions)
        return op.run_in_background()

    def _add_to_cart(self, order: Order, quote: Quote | None) -> None:
        plan = rules.reorder_plan(order, quote.all_issues if quote is not None else None)
        issues = list(plan.issues)
        cart = self.cart()
        added = 0
        for line in plan.add:
            try:
                cart.add(line.offer_id, line.packaging_id, line.quantity)
                added += 1
            except ValueError as exc:
                issues.append(rules.ReorderIssue("quantity", str(exc), line.offer_id))
        text = order_text.reorder_result(added, len(order.lines), plan.titles, issues, offline=quote is None)
        self.show_result(text, error=bool(issues))
        self.reordered.emit(added)
