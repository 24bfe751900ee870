"""The order detail's dialogs: confirm a cancel (saying whether a refund follows), review an order (stars
for the seller, the delivery and each item, and a comment), and the star rating they use."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.api_client.types import ItemRating, Order, ReviewRequest
from desktop.models.orders_cache import rules as rules
from desktop.views.locale.formatting import format_money

__all__ = ["CancelDialog", "ReviewDialog", "StarRating"]


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

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = 0
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
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

    def __init__(self, order: Order, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cancel order %1").replace("%1", order.ref))
        if rules.refund_expected(order):
            consequence = self.tr("You will be refunded %1.").replace("%1", format_money(order.total))
        else:
            consequence = self.tr("Nothing has been paid for this order, so there is nothing to refund.")
        self.text = QLabel(self.tr("Cancel order %1 from %2?").replace("%1", order.ref).replace(
            "%2", order.seller.name) + "\n" + consequence)
        self.text.setWordWrap(True)
        self.refund_text = consequence
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Reason (optional)"))
        self.reason_edit.setAccessibleName(self.reason_edit.placeholderText())
        self.reason_edit.setMaxLength(500)
        buttons = QDialogButtonBox()
        self.confirm_button = buttons.addButton(self.tr("&Cancel order"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("&Keep order"), QDialogButtonBox.ButtonRole.RejectRole)
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

    def __init__(self, order: Order, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review order %1").replace("%1", order.ref))
        form = QFormLayout()
        self.seller_stars = StarRating()
        self.delivery_stars = StarRating()
        form.addRow(self.tr("Seller (%1)").replace("%1", order.seller.name), self.seller_stars)
        form.addRow(self.tr("Delivery"), self.delivery_stars)
        self.item_stars: dict[int, StarRating] = {}
        for line in rules.offer_lines(order):
            stars = StarRating()
            self.item_stars[line.offer_id] = stars
            title = line.title or line.sku
            label = QLabel()
            label.setText(label.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, 260))
            label.setToolTip(title)
            form.addRow(label, stars)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setPlaceholderText(self.tr("What went well, what could be better?"))
        self.comment_edit.setMaximumHeight(90)
        form.addRow(self.tr("Comment"), self.comment_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = self.buttons.addButton(self.tr("&Send review"), QDialogButtonBox.ButtonRole.AcceptRole)
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
