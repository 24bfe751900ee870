"""The order timeline, worded here in the UI language from each event's code and ``params`` (the server's
English ``detail`` only for an event this client does not know). Translation context: ``OrderDetail``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.api_client.types import HistoryEntry, Order
from desktop.views.locale.formatting import format_datetime, format_money, html_text

__all__ = ["event_detail", "event_name", "method_name", "timeline_html"]

Params = Mapping[str, Any]


def method_name(method: str | None) -> str:
    """"card" → "Card" (an unknown method as the server spells it)."""
    names = {
        "card": QCoreApplication.translate("OrderDetail", "Card"),
        "bank_transfer": QCoreApplication.translate("OrderDetail", "Bank transfer"),
        "multibanco": QCoreApplication.translate("OrderDetail", "Multibanco"),
    }
    return names.get(method or "", (method or "").replace("_", " "))


def event_name(event: str) -> str:
    names = {
        "created": QCoreApplication.translate("OrderDetail", "Order placed"),
        "payment_received": QCoreApplication.translate("OrderDetail", "Payment received"),
        "payment_failed": QCoreApplication.translate("OrderDetail", "Payment failed"),
        "payment_retried": QCoreApplication.translate("OrderDetail", "Payment retried"),
        "preparing": QCoreApplication.translate("OrderDetail", "Preparing"),
        "shipped": QCoreApplication.translate("OrderDetail", "Shipped"),
        "delivered": QCoreApplication.translate("OrderDetail", "Delivered"),
        "cancelled": QCoreApplication.translate("OrderDetail", "Cancelled"),
        "refunded": QCoreApplication.translate("OrderDetail", "Refunded"),
        "reviewed": QCoreApplication.translate("OrderDetail", "Reviewed"),
    }
    return names.get(event, event.replace("_", " "))


def _paid_by(p: Params) -> str:
    if not p.get("payment_method"):
        return ""
    text = QCoreApplication.translate("OrderDetail", "Payment by %1.")
    return text.replace("%1", method_name(str(p["payment_method"])).lower())


def _received(p: Params) -> str:
    if p.get("by"):  # confirmed by hand (a bank transfer seen on the account)
        return QCoreApplication.translate("OrderDetail", "Confirmed by %1.").replace("%1", str(p["by"]))
    return _paid_by(p)


def _failed(p: Params) -> str:
    if p.get("reason"):  # the payment provider's words
        return str(p["reason"])
    return QCoreApplication.translate("OrderDetail", "The payment did not go through.")


def _shipped(p: Params) -> str:
    return " ".join(str(p[k]) for k in ("carrier", "tracking_number") if p.get(k))


def _cancelled(p: Params) -> str:
    by = {
        "buyer": QCoreApplication.translate("OrderDetail", "Cancelled by the buyer"),
        "seller": QCoreApplication.translate("OrderDetail", "Cancelled by the seller"),
    }.get(str(p.get("by")), QCoreApplication.translate("OrderDetail", "Cancelled"))
    if not p.get("reason"):
        return by + "."
    # the reason: the canceller's own words
    return QCoreApplication.translate("OrderDetail", "%1: %2").replace("%1", by).replace("%2", str(p["reason"]))


def _refunded(p: Params) -> str:
    try:
        amount = format_money(Decimal(str(p["amount"])), str(p["currency"]))
    except (KeyError, InvalidOperation, ValueError):
        amount = ""
    if p.get("after") == "cancellation":
        return QCoreApplication.translate("OrderDetail", "Paid after the cancellation, so refunded.")
    if not amount:
        return QCoreApplication.translate("OrderDetail", "Payment refunded.")
    return QCoreApplication.translate("OrderDetail", "%1 refunded.").replace("%1", amount)


def _reviewed(p: Params) -> str:
    if not p.get("rating"):
        return ""
    return QCoreApplication.translate("OrderDetail", "Rated %1/5.").replace("%1", str(p["rating"]))


def _retried(_p: Params) -> str:
    return QCoreApplication.translate("OrderDetail", "The buyer is trying the card payment again.")


def _preparing(_p: Params) -> str:
    return QCoreApplication.translate("OrderDetail", "The seller is preparing the order.")


def _delivered(_p: Params) -> str:
    return QCoreApplication.translate("OrderDetail", "Delivered to the delivery address.")


_DETAILS: dict[str, Callable[[Params], str]] = {
    "created": _paid_by,
    "payment_received": _received,
    "payment_failed": _failed,
    "payment_retried": _retried,
    "preparing": _preparing,
    "shipped": _shipped,
    "delivered": _delivered,
    "cancelled": _cancelled,
    "refunded": _refunded,
    "reviewed": _reviewed,
}


def event_detail(entry: HistoryEntry) -> str:
    """The line under the event's name, in the UI language; the server's words for an unknown event."""
    wording = _DETAILS.get(entry.event)
    if wording is None:
        return entry.detail or ""
    if entry.event == "shipped" and not entry.params:  # an event older than params: "DHL 123" as it was
        return entry.detail or ""
    return wording(entry.params or {})


def timeline_html(o: Order) -> str:
    rows = []
    for entry in o.history:
        detail = html_text(event_detail(entry))
        rows.append(
            f"<tr><td style='color:#2e7d32;padding-right:6px'>●</td>"
            f"<td style='padding-right:10px;white-space:nowrap'>{html_text(format_datetime(entry.at))}</td>"
            f"<td><b>{html_text(event_name(entry.event))}</b>{'<br>' + detail if detail else ''}</td></tr>"
        )
    return "<table cellspacing='2'>" + "".join(rows) + "</table>"
