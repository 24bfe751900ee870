"""The seller screens' words: field names, outbox statuses, the rules' messages, values as text."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from desktop.models.seller import rules
from desktop.models.seller.fields import FieldValue
from desktop.models.seller.rules import COLLECTIONS, Problem, format_tiers
from desktop.views.locale.formatting import format_int, format_money, format_short_date


def field_name(name: str) -> str:
    return {
        "sku": QCoreApplication.translate("SellerTexts", "SKU"),
        "title": QCoreApplication.translate("SellerTexts", "Title"),
        "stock_units": QCoreApplication.translate("SellerTexts", "Stock"),
        "unit_price": QCoreApplication.translate("SellerTexts", "Price"),
        "price_tiers": QCoreApplication.translate("SellerTexts", "Volume prices"),
        "moq_units": QCoreApplication.translate("SellerTexts", "MOQ"),
        "packagings": QCoreApplication.translate("SellerTexts", "Packagings"),
        "collections": QCoreApplication.translate("SellerTexts", "Collections"),
        "promotion": QCoreApplication.translate("SellerTexts", "Promotion"),
        "warehouse": QCoreApplication.translate("SellerTexts", "Warehouse"),
        "updated_at": QCoreApplication.translate("SellerTexts", "Updated"),
        "threshold": QCoreApplication.translate("SellerTexts", "Low at"),
        "pending": QCoreApplication.translate("SellerTexts", "Pending"),
    }.get(name, name)


def status_text(status: str) -> str:
    return {
        "waiting": QCoreApplication.translate("SellerTexts", "Waiting"),
        "sending": QCoreApplication.translate("SellerTexts", "Sending"),
        "sent": QCoreApplication.translate("SellerTexts", "Sent"),
        "conflict": QCoreApplication.translate("SellerTexts", "Conflict"),
        "refused": QCoreApplication.translate("SellerTexts", "Refused"),
    }.get(status, status)


def kind_text(kind: str) -> str:
    return {
        "offer_edit": QCoreApplication.translate("SellerTexts", "Edit"),
        "offer_create": QCoreApplication.translate("SellerTexts", "New offer"),
        "offer_delete": QCoreApplication.translate("SellerTexts", "Delete"),
        "shipping": QCoreApplication.translate("SellerTexts", "Shipping status"),
        "cancel_order": QCoreApplication.translate("SellerTexts", "Cancel order"),
        "answer": QCoreApplication.translate("SellerTexts", "Answer"),
    }.get(kind, kind)


def collection_text(name: str) -> str:
    return {
        "weekly": QCoreApplication.translate("SellerTexts", "Weekly"),
        "surplus": QCoreApplication.translate("SellerTexts", "Surplus"),
        "promotion": QCoreApplication.translate("SellerTexts", "Promotion"),
    }.get(name, name)


def collection_names() -> dict[str, str]:
    """The words the table shows for each collection, in the user's language (and English): code."""
    return {**{c: c for c in COLLECTIONS}, **{collection_text(c): c for c in COLLECTIONS}}


def _rule_template(template: str) -> str:
    """The rules' message templates (models/seller/rules.py, bulk.py), each a literal for lupdate."""
    return {
        "A discount of 1 to 90 %.": QCoreApplication.translate("SellerRules", "A discount of 1 to 90 %."),
        "A packaging label needs 1 to {max} characters, without | or :.": QCoreApplication.translate(
            "SellerRules", "A packaging label needs 1 to {max} characters, without | or :."
        ),
        "A promotion as 15% 2027-01-31 (empty to end it).": QCoreApplication.translate(
            "SellerRules", "A promotion as 15% 2027-01-31 (empty to end it)."
        ),
        "At least one packaging, e.g. unit:1.": QCoreApplication.translate(
            "SellerRules", "At least one packaging, e.g. unit:1."
        ),
        "At least {min}.": QCoreApplication.translate("SellerRules", "At least {min}."),
        "At most 2 decimals.": QCoreApplication.translate("SellerRules", "At most 2 decimals."),
        "At most {max} packagings.": QCoreApplication.translate("SellerRules", "At most {max} packagings."),
        "At most {max}.": QCoreApplication.translate("SellerRules", "At most {max}."),
        "Collections: {names} (a promotion is set on its own).": QCoreApplication.translate(
            "SellerRules", "Collections: {names} (a promotion is set on its own)."
        ),
        "Each packaging needs its own label.": QCoreApplication.translate(
            "SellerRules", "Each packaging needs its own label."
        ),
        "Enter a price such as 12.50.": QCoreApplication.translate("SellerRules", "Enter a price such as 12.50."),
        "Enter a whole number.": QCoreApplication.translate("SellerRules", "Enter a whole number."),
        "Give the promotion's end date.": QCoreApplication.translate("SellerRules", "Give the promotion's end date."),
        "No offer of yours has this SKU.": QCoreApplication.translate("SellerRules", "No offer of yours has this SKU."),
        "Packagings as label:units|label:units, e.g. unit:1|carton:12.": QCoreApplication.translate(
            "SellerRules", "Packagings as label:units|label:units, e.g. unit:1|carton:12."
        ),
        "The first column must be the SKU (or give a header row: sku, stock, price…).": QCoreApplication.translate(
            "SellerRules", "The first column must be the SKU (or give a header row: sku, stock, price…)."
        ),
        "The price must be above zero.": QCoreApplication.translate("SellerRules", "The price must be above zero."),
        "The promotion must end in the future.": QCoreApplication.translate(
            "SellerRules", "The promotion must end in the future."
        ),
        "The stock would fall below zero.": QCoreApplication.translate(
            "SellerRules", "The stock would fall below zero."
        ),
        "The {what} cannot contain control characters.": QCoreApplication.translate(
            "SellerRules", "The {what} cannot contain control characters."
        ),
        "The {what} needs 1 to {max} characters.": QCoreApplication.translate(
            "SellerRules", "The {what} needs 1 to {max} characters."
        ),
        "This column cannot be edited.": QCoreApplication.translate("SellerRules", "This column cannot be edited."),
        "Units per packaging: 1 to {max}.": QCoreApplication.translate(
            "SellerRules", "Units per packaging: 1 to {max}."
        ),
        "Volume prices as units:price|units:price, e.g. 10:3.10|100:2.60.": QCoreApplication.translate(
            "SellerRules", "Volume prices as units:price|units:price, e.g. 10:3.10|100:2.60."
        ),
        "At most {max} volume prices.": QCoreApplication.translate("SellerRules", "At most {max} volume prices."),
        "A volume price starts at 2 units or more.": QCoreApplication.translate(
            "SellerRules", "A volume price starts at 2 units or more."
        ),
        "Each volume price needs more units than the one before.": QCoreApplication.translate(
            "SellerRules", "Each volume price needs more units than the one before."
        ),
        "Each volume price must be below the one before.": QCoreApplication.translate(
            "SellerRules", "Each volume price must be below the one before."
        ),
        "Each volume price must start above the MOQ ({moq}).": QCoreApplication.translate(
            "SellerRules", "Each volume price must start above the MOQ ({moq})."
        ),
        "The first volume price must be below the price ({price}).": QCoreApplication.translate(
            "SellerRules", "The first volume price must be below the price ({price})."
        ),
        "SKU": QCoreApplication.translate("SellerRules", "SKU"),
        "title": QCoreApplication.translate("SellerRules", "title"),
    }.get(template, template)


def problem_text(problem: Problem) -> str:
    """A rule's message in the user's language (the template translated, then filled in)."""
    params = dict(problem.params)
    if "what" in params:
        params["what"] = _rule_template(params["what"])
    if isinstance(params.get("price"), Decimal):
        params["price"] = format_money(params["price"], "EUR")
    if isinstance(params.get("moq"), int):
        params["moq"] = format_int(params["moq"])
    if problem.code == "invalid_collection":  # the names the table shows, not the codes
        params["names"] = ", ".join(collection_text(c) for c in COLLECTIONS)
    return _rule_template(problem.template).format(**params)


def parse_typed(name: str, text: str) -> Any:
    """What the seller typed into an editor, in the words and numbers the cells show in the user's
    language ("Surstocks", "1 234", "12,50 €", "−15 % jusqu'au 31/01/2027"), as ``rules.parse_cell``
    reads it; RuleError as it raises."""
    return rules.parse_cell(name, typed_text(name, text), names=collection_names())


def typed_text(name: str, text: str) -> str:
    """The locale's own marks taken out of a typed value: digit grouping in whole numbers, the short date
    of a promotion (as ISO), the "—" of no volume prices."""
    text = str(text or "").strip()
    locale = QLocale()
    if name in ("stock_units", "moq_units"):
        group = re.escape(locale.groupSeparator())
        if re.fullmatch(rf"[+\-−]?\d{{1,3}}({group}\d{{3}})+", text):
            return text.replace(locale.groupSeparator(), "")
    if name == "price_tiers" and text in ("—", "-"):
        return ""
    if name == "promotion":
        short = locale.dateFormat(QLocale.FormatType.ShortFormat)  # "dd/MM/yyyy", "M/d/yy", "d MM yyyy"
        for token in re.findall(re.sub(r"d+|M+|y+", lambda _m: r"\d{1,4}", re.escape(short)), text):
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", token):
                continue
            day = locale.toDate(token, short)
            if day.isValid():
                day = day.addYears(100) if day.year() < 2000 else day  # "31/01/27"
                text = text.replace(token, day.toString("yyyy-MM-dd"))
    return text


def value_text(name: str, value: FieldValue) -> str:
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
    if name == "price_tiers":
        return tiers_text(value)
    if name == "packagings":
        return " | ".join(f"{label} × {units}" for label, units in value) if isinstance(value, list) else str(value)
    if name == "collections":
        return ", ".join(collection_text(c) for c in value) if isinstance(value, list) else str(value)
    if name == "promotion":
        if not isinstance(value, dict):
            return str(value)
        from datetime import UTC, datetime

        ends = value["ends_at"]
        when = ends if isinstance(ends, datetime) else datetime.fromisoformat(str(ends).replace("Z", "+00:00"))
        return (
            QCoreApplication.translate("SellerTexts", "−%1 % until %2")
            .replace("%1", str(value["discount_percent"]))
            # the day as typed: a promotion typed "until 31/01" ends at 23:59 UTC that day (rules.parse_cell),
            # so the day is read in UTC too (in local time, east of UTC, it showed the next day)
            .replace("%2", format_short_date(when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when))
        )
    return str(value)


def edit_text(name: str, value: FieldValue) -> str:
    """A field's JSON value as its cell editor shows it: what the cell shows, in the user's language
    (``parse_typed`` reads it back), but volume prices in the CSV's ``10:3.10|100:2.60`` (the editor's
    text since they exist; the cell's "10+ €3.10 · 100+ €2.60" is read back too)."""
    if value is None and name != "promotion":
        return ""
    if name == "price_tiers":
        return format_tiers(value)
    return value_text(name, value)


def tiers_text(tiers: FieldValue, currency: str = "EUR") -> str:
    """Volume prices compactly: "10+ €3.10 · 100+ €2.60" ("—" for none)."""
    if not isinstance(tiers, list | tuple):
        return str(tiers)
    if not tiers:
        return "—"
    try:
        return " · ".join(f"{format_int(int(units))}+ {format_money(Decimal(str(price)), currency)}"
                          for units, price in tiers)
    except Exception:
        return str(tiers)


def conflict_text(fields: list[str] | None = None) -> str:
    """What a conflict entry says (the fields someone else changed meanwhile)."""
    text = QCoreApplication.translate("SellerTexts", "Changed on the marketplace meanwhile")
    if fields:
        text += ": " + ", ".join(field_name(f) for f in fields)
    return text
