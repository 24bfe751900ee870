"""The offer detail pane's texts, from a cached offer: the price (and the list price crossed out during a
promotion), the promotion, "Sold by" with the seller's link and rating, the facts line, a packaging's
label, and the MOQ / stock warnings. The texts keep the "OfferDetail" context.

An offer here is the cache's JSON of it (``CatalogCache.offer``): the catalog reads it in stage 1,
before pydantic is imported (see Shell), so these read the dict the API sent, with defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from desktop.models import money
from desktop.views.locale.counts import counts
from desktop.views.locale.formatting import country_name, format_date, format_int, html_text

from .currency import CurrencyContext

__all__ = ["facts_text", "packaging_label", "price_html", "promotion_text", "seller_html", "warnings"]

#: an offer, a packaging, a seller as the API's JSON (the cache keeps it as sent): arbitrary JSON values
JSON = Mapping[str, Any]


def price_html(offer: JSON, currency: CurrencyContext, now: datetime) -> str:
    unit = money.offer_unit_price(offer, now)
    listed = money.offer_list_price(offer)
    price = currency.format(unit.amount, unit.currency)
    per_unit = QCoreApplication.translate("OfferDetail", "per unit")
    html = f"<span style='font-size:15pt; font-weight:600'>{html_text(price)}</span> {html_text(per_unit)}"
    if money.promotion_active(offer.get("promotion"), now) and listed.amount != unit.amount:
        before = currency.format(listed.amount, listed.currency)
        html += f" &nbsp;<s style='color:#7b8794'>{html_text(before)}</s>"
    return html


def promotion_text(offer: JSON, now: datetime) -> str | None:
    """"Promotion −10 % until …" while a promotion runs, else None."""
    promotion = offer.get("promotion")
    if not money.promotion_active(promotion, now):
        return None
    percent = format_int(int(money.to_decimal(promotion["discount_percent"])))
    ends = money.parse_timestamp(promotion.get("ends_at"))
    if ends is not None:
        text = QCoreApplication.translate("OfferDetail", "Promotion −%1 % until %2").replace("%1", percent)
        return text.replace("%2", format_date(ends))
    return QCoreApplication.translate("OfferDetail", "Promotion −%1 %").replace("%1", percent)


def seller_html(offer: JSON) -> str:
    """"Sold by <seller>" (a ``seller:<id>`` link) and its rating."""
    seller = offer.get("seller") or {}
    rating = seller.get("rating")
    link = f"<a href='seller:{int(seller.get('id') or 0)}'>{html_text(seller.get('name', ''))}</a>"
    text = QCoreApplication.translate("OfferDetail", "Sold by %1").replace("%1", link)
    if rating is not None:
        text += " · ★ " + html_text(QLocale().toString(float(money.to_decimal(rating)), "f", 1))
    return text


def facts_text(offer: JSON, currency: CurrencyContext) -> str:
    """Where it ships from, the MOQ, the stock, the warehouse's minimum order."""
    warehouse = offer.get("warehouse") or {}
    where = ", ".join(p for p in (warehouse.get("city"), country_name(warehouse.get("country"))) if p)
    facts = [QCoreApplication.translate("OfferDetail", "Ships from %1").replace("%1", where)]
    facts.append(counts().moq(int(offer.get("moq_units") or 1)))
    stock = int(offer.get("stock_units") or 0)
    facts.append(counts().in_stock(stock) if stock > 0 else QCoreApplication.translate("OfferDetail", "Out of stock"))
    mov = warehouse.get("min_order_value")
    if mov:
        value = money.Money.from_json(mov)
        shown = currency.format(value.amount, value.currency)
        facts.append(QCoreApplication.translate("OfferDetail", "Minimum order %1").replace("%1", shown))
    return " · ".join(facts)


def packaging_label(packaging: JSON) -> str:
    """"Carton of 106" as is; "Unit" alone; any other label with its unit count."""
    label = str(packaging.get("label", ""))
    units = int(packaging.get("units") or 1)
    if units == 1 or format_int(units) in label or str(units) in label or f"{units:,}" in label:
        return label
    return QCoreApplication.translate("OfferDetail", "%1 (%2 units)").replace("%1", label).replace(
        "%2", format_int(units))


def warnings(units: int, offer: JSON) -> list[str]:
    """Below the MOQ, out of stock, more than the stock."""
    moq = int(offer.get("moq_units") or 1)
    stock = int(offer.get("stock_units") or 0)
    found = []
    if units < moq:
        found.append(counts().below_moq(moq))
    if stock <= 0:
        found.append(QCoreApplication.translate("OfferDetail", "Out of stock."))
    elif units > stock:
        found.append(counts().only_in_stock(stock))
    return found
