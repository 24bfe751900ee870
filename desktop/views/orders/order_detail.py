"""One order: lines, totals, payment, shipping timeline, tracking, seller, origin, and its actions.

    detail = OrderDetail(client, cart=lambda: cart_store.cart(server, account))
    detail.show_order(order_json)           # a dict as GET /orders/{ref} answers (from the cache or fresh)
    detail.changed.connect(page.sync)       # after a cancel or a review

Actions are enabled only when the server says so (``can_cancel``, ``can_review``; Pay again for an unpaid
card order); the server decides, and its 409 message is shown when the state changed meanwhile.
Results appear in a line above the details (no modal box to dismiss).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QMouseEvent, QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.api_client import ConflictError, OfflineError, ServerError, UnprocessableError
from desktop.api_client.types import ItemRating, ReviewRequest
from desktop.models import money

from .. import errors
from ..banner import format_datetime
from ..tasks import MutationOp, QueryOp
from .orders_model import format_money, payment_text, shipping_text

__all__ = ["CancelDialog", "ContactSellerDialog", "OrderDetail", "ReviewDialog", "StarRating", "open_url"]


def open_url(url: str) -> bool:
    """The system browser (a module function so tests can replace it)."""
    return QDesktopServices.openUrl(QUrl(url))


def _money(data: Mapping[str, Any] | None) -> str:
    if not data:
        return ""
    m = money.Money.from_json(data)
    return format_money(m.amount, m.currency)


def _when(value: str | None) -> str:
    moment = money.parse_timestamp(value)
    return format_datetime(moment) if moment else ""


# -- a star rating ------------------------------------------------------------------------------------


class StarRating(QWidget):
    """Five clickable stars (1–5; 0 = not rated yet). Keys: ←/→ or 1–5."""

    changed = Signal(int)

    def __init__(self, value: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = value
        self._hover = 0
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(self.sizeHint())

    def sizeHint(self) -> QSize:
        return QSize(5 * 24 + 4, 24)

    def value(self) -> int:
        return self._value

    def set_value(self, value: int) -> None:
        value = max(0, min(5, int(value)))
        if value != self._value:
            self._value = value
            self.update()
            self.changed.emit(value)

    def _star_at(self, pos: QPoint) -> int:
        return max(1, min(5, pos.x() // 24 + 1))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.set_value(self._star_at(event.position().toPoint()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._hover = self._star_at(event.position().toPoint())
        self.update()

    def leaveEvent(self, event: Any) -> None:
        self._hover = 0
        self.update()

    def keyPressEvent(self, event: Any) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.set_value(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.set_value(self._value + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.set_value(self._value - 1)
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shown = self._hover or self._value
        on = QColor("#f5a623")
        off = self.palette().mid().color()
        for i in range(5):
            rect = QRect(i * 24 + 2, 2, 20, 20)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(on if i < shown else off)
            painter.drawPath(_star_path(rect))
        if self.hasFocus():
            painter.setPen(self.palette().highlight().color())
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))


def _star_path(rect: QRect) -> QPainterPath:
    import math

    cx, cy = rect.center().x() + 0.5, rect.center().y() + 0.5
    outer, inner = rect.width() / 2, rect.width() / 5
    path = QPainterPath()
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = -math.pi / 2 + k * math.pi / 5
        point = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        if k == 0:
            path.moveTo(*point)
        else:
            path.lineTo(*point)
    path.closeSubpath()
    return path


# -- dialogs ------------------------------------------------------------------------------------------


class CancelDialog(QDialog):
    """Confirms a cancel, saying whether a refund follows; ``reason()`` once accepted."""

    def __init__(self, order: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cancel order %1").replace("%1", order["ref"]))
        paid = order.get("payment_status") == "paid"
        if paid:
            consequence = self.tr("You will be refunded %1.").replace("%1", _money(order.get("total")))
        else:
            consequence = self.tr("Nothing has been paid for this order, so there is nothing to refund.")
        self.text = QLabel(self.tr("Cancel order %1 from %2?").replace("%1", order["ref"]).replace(
            "%2", (order.get("seller") or {}).get("name", "")) + "\n" + consequence)
        self.text.setWordWrap(True)
        self.refund_text = consequence
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Reason (optional)"))
        self.reason_edit.setMaxLength(500)
        buttons = QDialogButtonBox()
        self.confirm_button = buttons.addButton(self.tr("Cancel order"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Keep order"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.reason_edit)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def reason(self) -> str:
        return self.reason_edit.text().strip()


class ReviewDialog(QDialog):
    """Stars for the seller, the delivery and each item, and a comment."""

    def __init__(self, order: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review order %1").replace("%1", order["ref"]))
        form = QFormLayout()
        self.seller_stars = StarRating()
        self.delivery_stars = StarRating()
        form.addRow(self.tr("Seller (%1)").replace("%1", (order.get("seller") or {}).get("name", "")),
                    self.seller_stars)
        form.addRow(self.tr("Delivery"), self.delivery_stars)
        self.item_stars: dict[int, StarRating] = {}
        for line in order.get("lines") or ():
            if line["offer_id"] in self.item_stars:
                continue
            stars = StarRating()
            self.item_stars[line["offer_id"]] = stars
            title = line.get("title") or line.get("sku") or ""
            label = QLabel()
            label.setText(label.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, 260))
            label.setToolTip(title)
            form.addRow(label, stars)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setPlaceholderText(self.tr("What went well, what could be better?"))
        self.comment_edit.setMaximumHeight(90)
        form.addRow(self.tr("Comment"), self.comment_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = self.buttons.addButton(self.tr("Send review"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Rate the seller and the delivery (1 to 5 stars)."))
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for stars in (self.seller_stars, self.delivery_stars):
            stars.changed.connect(self._update_ok)
        self._update_ok()
        self.setMinimumWidth(480)

    def _update_ok(self) -> None:
        self.send_button.setEnabled(self.seller_stars.value() > 0 and self.delivery_stars.value() > 0)

    def request(self) -> ReviewRequest:
        return ReviewRequest(
            seller_rating=self.seller_stars.value(),
            delivery_rating=self.delivery_stars.value(),
            item_ratings=[ItemRating(offer_id=oid, rating=s.value()) for oid, s in self.item_stars.items()
                          if s.value() > 0],
            comment=self.comment_edit.toPlainText().strip(),
        )


class ContactSellerDialog(QDialog):
    """A question to the seller about one of the order's offers."""

    def __init__(self, order: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        seller = (order.get("seller") or {}).get("name", "")
        self.setWindowTitle(self.tr("Contact %1").replace("%1", seller))
        self.offer_combo = QComboBox()
        seen: set[int] = set()
        for line in order.get("lines") or ():
            if line["offer_id"] not in seen:
                seen.add(line["offer_id"])
                self.offer_combo.addItem(f"{line.get('sku', '')} — {line.get('title', '')}", line["offer_id"])
        self.message_edit = QPlainTextEdit()
        self.message_edit.setPlainText(self.tr("About order %1: ").replace("%1", order["ref"]))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = self.buttons.addButton(self.tr("Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("About"), self.offer_combo)
        form.addRow(self.tr("Message"), self.message_edit)
        form.addRow(self.buttons)
        self.message_edit.textChanged.connect(self._update_ok)
        self._update_ok()
        self.setMinimumWidth(420)

    def _update_ok(self) -> None:
        self.send_button.setEnabled(bool(self.message_edit.toPlainText().strip()) and self.offer_combo.count() > 0)

    def offer_id(self) -> int:
        return int(self.offer_combo.currentData())

    def message(self) -> str:
        return self.message_edit.toPlainText().strip()


# -- the detail ---------------------------------------------------------------------------------------


class OrderDetail(QWidget):
    changed = Signal(str)  # ref: the order changed on the server (cancelled, reviewed)
    fetched = Signal(dict)  # a fresh copy of the order came from the server
    reordered = Signal(int)  # lines added to the cart

    def __init__(
        self,
        client: Any,
        cart: Callable[[], Any] | None = None,
        fetch: Callable[[str], Mapping[str, Any]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.cart = cart
        self._fetch = fetch or (lambda ref: client.orders.get(ref).model_dump(mode="json"))
        self.order: dict[str, Any] | None = None
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

        self.cancel_button = QPushButton(self.tr("Cancel order…"))
        self.review_button = QPushButton(self.tr("Review…"))
        self.reorder_button = QPushButton(self.tr("Reorder"))
        self.pay_button = QPushButton(self.tr("Pay again"))
        self.copy_button = QPushButton(self.tr("Copy reference"))
        self.contact_button = QPushButton(self.tr("Contact the seller…"))
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

        self.lines = QTreeWidget()
        self.lines.setRootIsDecorated(False)
        self.lines.setHeaderLabels([self.tr("Item"), self.tr("Amount")])
        self.lines.header().setStretchLastSection(False)
        self.lines.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.lines.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.lines.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.lines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lines.setMinimumWidth(200)
        self.lines.header().setMinimumSectionSize(60)
        self.lines.setMinimumHeight(90)
        self.lines.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)

        self.subtotal_label, self.shipping_price_label, self.total_label = QLabel(), QLabel(), QLabel()
        for label in (self.subtotal_label, self.shipping_price_label, self.total_label):
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
        bold = self.total_label.font()
        bold.setBold(True)
        self.total_label.setFont(bold)
        totals = QFormLayout()
        totals.addRow(self.tr("Subtotal"), self.subtotal_label)
        totals.addRow(self.tr("Shipping"), self.shipping_price_label)
        totals.addRow(self.tr("Total"), self.total_label)

        self.payment_label = QLabel()
        self.payment_label.setWordWrap(True)
        payment_box = QGroupBox(self.tr("Payment"))
        QVBoxLayout(payment_box).addWidget(self.payment_label)

        self.shipping_label = QLabel()
        self.shipping_label.setWordWrap(True)
        self.tracking_label = QLabel()
        self.tracking_label.setTextFormat(Qt.TextFormat.RichText)
        self.tracking_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.tracking_label.setOpenExternalLinks(False)
        self.tracking_label.linkActivated.connect(lambda url: open_url(url))
        self.timeline = QLabel()
        self.timeline.setTextFormat(Qt.TextFormat.RichText)
        self.timeline.setWordWrap(True)
        shipping_box = QGroupBox(self.tr("Shipping"))
        sl = QVBoxLayout(shipping_box)
        sl.addWidget(self.shipping_label)
        sl.addWidget(self.tracking_label)
        sl.addWidget(self.timeline)

        self.seller_label = QLabel()
        self.seller_label.setWordWrap(True)
        self.seller_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.seller_label.setOpenExternalLinks(False)
        self.seller_label.linkActivated.connect(lambda url: open_url(url))
        self.origin_label = QLabel()
        self.origin_label.setWordWrap(True)
        seller_box = QGroupBox(self.tr("Seller"))
        seller_layout = QFormLayout(seller_box)
        seller_layout.addRow(self.seller_label)
        seller_layout.addRow(self.tr("Ships from"), self.origin_label)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(actions)
        layout.addWidget(self.result_label)
        layout.addWidget(self.lines)
        layout.addLayout(totals)
        layout.addWidget(payment_box)
        layout.addWidget(shipping_box)
        layout.addWidget(seller_box)
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

    def show_order(self, order: Mapping[str, Any] | None, *, refresh: bool = False) -> None:
        """Show ``order`` (a JSON dict); with ``refresh``, fetch a fresh copy in the background."""
        same = order is not None and self.order is not None and order.get("ref") == self.order.get("ref")
        self.order = dict(order) if order is not None else None
        if not same:
            self.result_label.hide()
        self.empty_label.setVisible(order is None)
        self.content.setVisible(order is not None)
        if order is None:
            self._update_actions()
            return
        self._fill(order)
        self._update_actions()
        if refresh and self.online:
            self.refresh()

    def refresh(self) -> QueryOp | None:
        if self.order is None:
            return None
        ref = self.order["ref"]
        if self._fetch_op is not None:
            self._fetch_op.cancel()

        def done(fresh: Mapping[str, Any]) -> None:
            if self.order is not None and self.order.get("ref") == fresh.get("ref"):
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

    def _fill(self, o: Mapping[str, Any]) -> None:
        self.title.setText(self.tr("Order %1").replace("%1", o["ref"]))
        created = _when(o.get("created_at"))
        self.subtitle.setText(self.tr("Placed %1 · checkout %2 · %3 · %4").replace("%1", created).replace(
            "%2", o.get("group_ref", "")).replace("%3", payment_text(o.get("payment_status"))).replace(
            "%4", shipping_text(o.get("shipping_status"))))
        self.lines.clear()
        for line in o.get("lines") or ():
            packaging = line.get("packaging_label") or ""
            qty = self.tr("%1 × %2 (%3 units)").replace("%1", str(line.get("quantity", ""))).replace(
                "%2", packaging).replace("%3", str(line.get("units", "")))
            item = QTreeWidgetItem([f"{line.get('title', '')}\n{line.get('sku', '')} · {qty}",
                                    _money(line.get("line_total"))])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, f"{line.get('title', '')}\n{line.get('sku', '')} · {qty}")
            self.lines.addTopLevelItem(item)
        rows = sum(self.lines.sizeHintForRow(i) for i in range(min(6, self.lines.topLevelItemCount())))
        self.lines.setFixedHeight(self.lines.header().sizeHint().height() + max(rows, 24) + 2 * self.lines.frameWidth())
        self.subtotal_label.setText(_money(o.get("subtotal")))
        self.shipping_price_label.setText(_money(o.get("shipping_price")))
        self.total_label.setText(_money(o.get("total")))
        method = {
            "card": self.tr("Card"), "bank_transfer": self.tr("Bank transfer"), "multibanco": self.tr("Multibanco"),
        }.get(o.get("payment_method") or "", o.get("payment_method") or "")
        self.payment_label.setText(f"{method} — {payment_text(o.get('payment_status'))}")
        self.shipping_label.setText(
            (o.get("shipping_method") or "") + " — " + shipping_text(o.get("shipping_status")))
        tracking = o.get("tracking")
        if tracking:
            number = _escape(tracking.get("number", ""))
            carrier = _escape(tracking.get("carrier") or "")
            link = f'<a href="{_escape(tracking["url"])}">{number}</a>' if tracking.get("url") else number
            self.tracking_label.setText(self.tr("Tracking: %1 %2").replace("%1", carrier).replace("%2", link))
            self.tracking_label.show()
        else:
            self.tracking_label.hide()
        self.timeline.setText(self._timeline_html(o))
        seller = o.get("seller") or {}
        parts = [f"<b>{_escape(seller.get('name', ''))}</b> ({_escape(seller.get('country', ''))})"]
        if seller.get("email"):
            parts.append(f'<a href="mailto:{_escape(seller["email"])}">{_escape(seller["email"])}</a>')
        if seller.get("phone"):
            parts.append(_escape(seller["phone"]))
        self.seller_label.setTextFormat(Qt.TextFormat.RichText)
        self.seller_label.setText("<br>".join(parts))
        origin = o.get("origin") or {}
        country = origin.get("warehouse_country") or origin.get("country", "")
        self.origin_label.setText(f"{origin.get('city', '')}, {country}")

    def _timeline_html(self, o: Mapping[str, Any]) -> str:
        names = {
            "created": self.tr("Order placed"), "payment_received": self.tr("Payment received"),
            "payment_failed": self.tr("Payment failed"), "preparing": self.tr("Preparing"),
            "shipped": self.tr("Shipped"), "delivered": self.tr("Delivered"), "cancelled": self.tr("Cancelled"),
            "refunded": self.tr("Refunded"), "reviewed": self.tr("Reviewed"),
        }
        rows = []
        for entry in o.get("history") or ():
            name = names.get(entry.get("event", ""), (entry.get("event") or "").replace("_", " "))
            detail = _escape(entry.get("detail") or "")
            rows.append(
                f"<tr><td style='color:#2e7d32;padding-right:6px'>●</td>"
                f"<td style='padding-right:10px;white-space:nowrap'>{_escape(_when(entry.get('at')))}</td>"
                f"<td><b>{_escape(name)}</b>{'<br>' + detail if detail else ''}</td></tr>"
            )
        return "<table cellspacing='2'>" + "".join(rows) + "</table>"

    def _update_actions(self) -> None:
        o = self.order
        has = o is not None
        online = self.online
        self.cancel_button.setEnabled(has and online and bool(o.get("can_cancel")))
        self.review_button.setEnabled(has and online and bool(o.get("can_review")))
        self.pay_button.setVisible(has and self._unpaid_card(o))
        self.pay_button.setEnabled(has and online and self._unpaid_card(o))
        self.reorder_button.setEnabled(has and self.cart is not None and bool(o.get("lines")))
        self.copy_button.setEnabled(has)
        self.contact_button.setEnabled(has and online and bool(o.get("lines")))
        for button, why in ((self.cancel_button, self.tr("Only orders awaiting preparation, or shipped over "
                                                         "30 days ago and not delivered, can be cancelled.")),
                            (self.review_button, self.tr("Delivered orders can be reviewed once."))):
            button.setToolTip("" if button.isEnabled() or not online else why)

    @staticmethod
    def _unpaid_card(o: Mapping[str, Any] | None) -> bool:
        return bool(o) and o.get("payment_method") == "card" and o.get("payment_status") in ("pending", "failed") \
            and o.get("shipping_status") != "cancelled"

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
        if self.order is not None:
            QGuiApplication.clipboard().setText(self.order["ref"])
            self.show_result(self.tr("Reference %1 copied.").replace("%1", self.order["ref"]))

    def _open_dialog(self, dialog: QDialog, on_accept: Callable[[], Any]) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def request_cancel(self) -> CancelDialog | None:
        if self.order is None:
            return None
        order = dict(self.order)
        dialog = CancelDialog(order, self)
        self._open_dialog(dialog, lambda: self.cancel(order, dialog.reason()))
        return dialog

    def cancel(self, order: Mapping[str, Any], reason: str) -> MutationOp:
        ref = order["ref"]
        was_paid = order.get("payment_status") == "paid"

        def done(result: Any) -> None:
            fresh = result.model_dump(mode="json")
            if was_paid or fresh.get("payment_status") == "refunded":
                text = self.tr("Order %1 is cancelled. You will be refunded %2.").replace("%1", ref).replace(
                    "%2", _money(fresh.get("total")))
            else:
                text = self.tr("Order %1 is cancelled.").replace("%1", ref)
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
        if self.order is None:
            return None
        order = dict(self.order)
        dialog = ReviewDialog(order, self)
        self._open_dialog(dialog, lambda: self.review(order["ref"], dialog.request()))
        return dialog

    def review(self, ref: str, request: ReviewRequest) -> MutationOp:
        def done(_result: Any) -> None:
            self.show_result(self.tr("Thank you: your review of order %1 is published.").replace("%1", ref))
            self.refresh()
            self.changed.emit(ref)

        return self._run(MutationOp(self, lambda: self.client.orders.review(ref, request), done,
                          lambda exc: self._refused(exc, ref), block=self.review_button,
                          label="order_reviewed"))

    def request_contact(self) -> ContactSellerDialog | None:
        if self.order is None:
            return None
        dialog = ContactSellerDialog(dict(self.order), self)
        self._open_dialog(dialog, lambda: self.contact(dialog.offer_id(), dialog.message()))
        return dialog

    def contact(self, offer_id: int, message: str) -> MutationOp:
        seller = ((self.order or {}).get("seller") or {}).get("name", "")

        def done(_q: Any) -> None:
            self.show_result(self.tr("Your message was sent to %1. The answer will appear in your questions.")
                             .replace("%1", seller))

        return self._run(MutationOp(self, lambda: self.client.questions.ask(offer_id, message), done,
                          block=self.contact_button, label="question_asked"))

    def pay_again(self) -> MutationOp | None:
        if self.order is None:
            return None
        group_ref = self.order["group_ref"]

        def done(result: Any) -> None:
            open_url(result.checkout_url)
            self.show_result(self.tr("The payment page opened in your browser. Come back here once paid."))

        return self._run(MutationOp(self, lambda: self.client.payments.retry(group_ref), done,
                          lambda exc: self._refused(exc, self.order["ref"] if self.order else ""),
                          block=self.pay_button, label="payment_retried"))

    def reorder(self) -> QueryOp | None:
        """The order's lines into the cart, with their current availability and issues (a quote)."""
        if self.order is None or self.cart is None:
            return None
        lines = [{"offer_id": ln["offer_id"], "packaging_id": ln["packaging_id"], "quantity": ln["quantity"]}
                 for ln in self.order.get("lines") or ()]
        currency = self.order.get("currency") or "EUR"
        titles = {ln["offer_id"]: ln.get("title") or ln.get("sku") for ln in self.order.get("lines") or ()}

        def quote() -> Any:
            return self.client.cart.quote(lines, currency)

        def done(result: Any) -> None:
            self._add_to_cart(lines, titles, result)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OfflineError):
                self._add_to_cart(lines, titles, None)
            else:
                errors.report_exception(exc, self)

        self.reorder_button.setEnabled(False)
        op = QueryOp(self, quote, done, failed)
        op.finished.connect(self._update_actions)
        return op.run_in_background()

    def _add_to_cart(self, lines: list[dict], titles: Mapping[int, str | None], quote: Any) -> None:
        blocking = {"offer_not_found", "unknown_packaging", "out_of_stock"}
        issues = list(quote.all_issues) if quote is not None else []
        skipped = {(i.offer_id, i.packaging_id) for i in issues if i.code in blocking}
        skipped |= {(i.offer_id, None) for i in issues if i.code in blocking}
        cart = self.cart()
        added = 0
        for line in lines:
            if (line["offer_id"], line["packaging_id"]) in skipped or (line["offer_id"], None) in skipped:
                continue
            try:
                cart.add(line["offer_id"], line["packaging_id"], line["quantity"])
                added += 1
            except ValueError as exc:
                issues.append(_Issue("quantity", str(exc), line["offer_id"]))
        text = self.tr("%1 of %2 lines added to the cart.").replace("%1", str(added)).replace("%2", str(len(lines)))
        if quote is None:
            text += " " + self.tr("Availability could not be checked (offline).")
        for issue in issues:
            title = titles.get(issue.offer_id) or ""
            text += "\n• " + (f"{title}: " if title else "") + (issue.message or issue.code)
        self.show_result(text, error=bool(issues))
        self.reordered.emit(added)


@dataclass(frozen=True)
class _Issue:
    code: str
    message: str
    offer_id: int | None


def _escape(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


