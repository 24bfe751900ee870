"""What the order detail shows of an order: the subtitle, the lines (``OrderLines``), the payment method,
the tracking link, the timeline, the seller. Functions of the typed ``Order``; each string keeps the
``OrderDetail`` translation context it has always had."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.api_client.types import Order, OrderLine, OrderSeller, Origin, Tracking
from desktop.models.orders_cache.rules import ReorderIssue
from desktop.views.locale.counts import counts
from desktop.views.locale.formatting import format_datetime, format_money, html_text
from desktop.views.window.keyboard import keyboard_view

from .orders_model import payment_text, shipping_text
from .timeline import method_name

__all__ = [
    "OrderLines", "line_text", "method_text", "origin_text", "reorder_result", "rich_label", "seller_html",
    "subtitle", "tracking_html",
]


def subtitle(o: Order) -> str:
    return QCoreApplication.translate("OrderDetail", "Placed %1 · checkout %2 · %3 · %4").replace(
        "%1", format_datetime(o.created_at)).replace("%2", o.group_ref).replace(
        "%3", payment_text(o.payment_status)).replace("%4", shipping_text(o.shipping_status))


def line_text(line: OrderLine) -> str:
    """"Gloves\\nSKU-1 · 2 × Box (20 units)"."""
    qty = counts().order_line(line.quantity, line.packaging_label or "", line.units)
    return f"{line.title}\n{line.sku} · {qty}"


def method_text(o: Order) -> str:
    """"Card — Paid"."""
    return f"{method_name(o.payment_method)} — {payment_text(o.payment_status)}"


def tracking_html(tracking: Tracking) -> str:
    """"Tracking: DHL <a href=…>123</a>" (the number is a link when the carrier has a tracking page)."""
    number = html_text(tracking.number)
    link = f'<a href="{html.escape(tracking.url)}">{number}</a>' if tracking.url else number
    return QCoreApplication.translate("OrderDetail", "Tracking: %1 %2").replace(
        "%1", html_text(tracking.carrier or "")).replace("%2", link)


def seller_html(seller: OrderSeller) -> str:
    """The seller's name and country, e-mail (a mailto link) and phone, one per line."""
    parts = [f"<b>{html_text(seller.name)}</b> ({html_text(seller.country)})"]
    if seller.email:
        parts.append(f'<a href="mailto:{html.escape(seller.email)}">{html_text(seller.email)}</a>')
    if seller.phone:
        parts.append(html_text(seller.phone))
    return "<br>".join(parts)


def origin_text(origin: Origin) -> str:
    """"Lisboa, PT" (the warehouse's country when the server names it)."""
    country = (origin.model_extra or {}).get("warehouse_country") or origin.country
    return f"{origin.city}, {country}"


def reorder_result(added: int, total: int, titles: Mapping[int, str], issues: Iterable[ReorderIssue], *,
                   offline: bool) -> str:
    """"2 of 3 lines added to the cart." and a bullet per issue, each with its offer's title."""
    text = counts().lines_added(added, total)
    if offline:
        text += " " + QCoreApplication.translate("OrderDetail", "Availability could not be checked (offline).")
    for issue in issues:
        title = titles.get(issue.offer_id) or "" if issue.offer_id is not None else ""
        text += "\n• " + (f"{title}: " if title else "") + (issue.message or issue.code)
    return text


def rich_label(link_activated: Callable[[str], object] | None = None, *, wrap: bool = True) -> QLabel:
    """A rich-text label; its links call ``link_activated`` (never opened by Qt itself)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(wrap)
    if link_activated is not None:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.setOpenExternalLinks(False)
        label.linkActivated.connect(link_activated)
    return label


class OrderLines(QTreeWidget):
    """The order's lines and their amounts, as tall as its first six lines (then it scrolls)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setAccessibleName(QCoreApplication.translate("OrderDetail", "Order lines"))
        self.setHeaderLabels([QCoreApplication.translate("OrderDetail", "Item"),
                              QCoreApplication.translate("OrderDetail", "Amount")])
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(200)
        self.header().setMinimumSectionSize(60)
        self.setMinimumHeight(90)
        self.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        keyboard_view(self)

    def show_lines(self, lines: Sequence[OrderLine]) -> None:
        self.clear()
        for line in lines:
            text = line_text(line)
            item = QTreeWidgetItem([text, format_money(line.line_total)])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, text)
            self.addTopLevelItem(item)
        rows = sum(self.sizeHintForRow(i) for i in range(min(6, self.topLevelItemCount())))
        self.setFixedHeight(self.header().sizeHint().height() + max(rows, 24) + 2 * self.frameWidth())
