"""The seller screens' words: field names, outbox statuses, the rules' messages, values as text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.models.seller.rules import Problem

from ..formatting import format_int, format_money, format_short_date


def _t(text: str) -> str:
    return QCoreApplication.translate("SellerTexts", text)


def field_name(name: str) -> str:
    return {
        "sku": _t("SKU"), "title": _t("Title"), "stock_units": _t("Stock"), "unit_price": _t("Price"),
        "moq_units": _t("MOQ"), "packagings": _t("Packagings"), "collections": _t("Collections"),
        "promotion": _t("Promotion"), "warehouse": _t("Warehouse"), "updated_at": _t("Updated"),
        "threshold": _t("Low at"), "pending": _t("Pending"),
    }.get(name, name)


def status_text(status: str) -> str:
    return {
        "waiting": _t("Waiting"), "sending": _t("Sending"), "sent": _t("Sent"),
        "conflict": _t("Conflict"), "refused": _t("Refused"),
    }.get(status, status)


def kind_text(kind: str) -> str:
    return {
        "offer_edit": _t("Edit"), "offer_create": _t("New offer"), "offer_delete": _t("Delete"),
        "shipping": _t("Shipping status"), "cancel_order": _t("Cancel order"), "answer": _t("Answer"),
    }.get(kind, kind)


def collection_text(name: str) -> str:
    return {"weekly": _t("Weekly"), "surplus": _t("Surplus"), "promotion": _t("Promotion")}.get(name, name)


def problem_text(problem: Problem) -> str:
    """A rule's message in the user's language (the template translated, then filled in)."""
    params = dict(problem.params)
    if "what" in params:
        params["what"] = _t(params["what"])
    return QCoreApplication.translate("SellerRules", problem.template).format(**params)


def value_text(name: str, value: Any) -> str:
    """A field's JSON value as the table shows it."""
    if value is None:
        return "—" if name == "promotion" else ""
    if name in ("stock_units", "moq_units"):
        return format_int(value) if isinstance(value, int) else str(value)
    if name == "unit_price":
        try:
            return format_money(Decimal(value), "EUR")
        except Exception:
            return str(value)
    if name == "packagings":
        return " | ".join(f"{label} × {units}" for label, units in value) if isinstance(value, list) else str(value)
    if name == "collections":
        return ", ".join(collection_text(c) for c in value) if isinstance(value, list) else str(value)
    if name == "promotion":
        if not isinstance(value, dict):
            return str(value)
        from datetime import datetime

        ends = value["ends_at"]
        when = ends if isinstance(ends, datetime) else datetime.fromisoformat(str(ends).replace("Z", "+00:00"))
        return _t("−%1 % until %2").replace("%1", str(value["discount_percent"])).replace(
            "%2", format_short_date(when))
    return str(value)


def edit_text(name: str, value: Any) -> str:
    """A field's JSON value as its cell editor shows it (what rules.parse_cell reads back)."""
    if value is None:
        return ""
    if name == "packagings":
        return "|".join(f"{label}:{units}" for label, units in value)
    if name == "collections":
        return " ".join(value)
    if name == "promotion":
        return f"{value['discount_percent']}% {str(value['ends_at'])[:10]}"
    return str(value)
