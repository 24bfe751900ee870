"""Offer JSON ↔ the values of the `offers` table, and the small SQL helpers the cache's parts share."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from desktop.models import money

from .records import OfferRow
from .schema import _NO_END


def _set_meta(conn: sqlite3.Connection, **values: str) -> None:
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        list(values.items()),
    )


def _rates(conn: sqlite3.Connection) -> dict[str, Decimal]:
    return {code: Decimal(rate) for code, rate in conn.execute("SELECT code, rate_per_eur FROM currencies")}


def _cents(amount: Decimal) -> int:
    return int(money.quantize(amount) * 100)


def _eur_cents(
    amount: Decimal, currency: str, promo: Decimal | None, rates: Mapping[str, Decimal]
) -> tuple[int | None, int | None]:
    """(list price, promotion price) per unit in EUR cents; None when the currency has no rate yet."""
    if currency != money.BASE_CURRENCY and currency not in rates:
        return None, None
    list_eur = money.to_eur(amount, currency, rates)
    promo_eur = None if promo is None else money.to_eur(promo, currency, rates)
    return _cents(list_eur), None if promo_eur is None else _cents(promo_eur)


def _offer_row(item: Mapping[str, Any], rates: Mapping[str, Decimal]) -> tuple[Any, ...]:
    """An offer JSON → the values of `_OFFER_COLUMNS`."""
    seller = item.get("seller") or {}
    warehouse = item.get("warehouse") or {}
    price = money.offer_list_price(item)
    promo_price = money.offer_promotion_price(item)
    promotion = item.get("promotion") or None
    discount = ends_at = until = None
    if promotion and promotion.get("discount_percent") is not None:
        discount = str(money.to_decimal(promotion["discount_percent"]))
        ends = money.parse_timestamp(promotion.get("ends_at"))
        ends_at = None if ends is None else ends.isoformat()
        until = _NO_END if ends is None else ends.timestamp()
    promo_amount = None
    if promo_price is not None:
        promo_amount = money.convert(promo_price.amount, promo_price.currency, price.currency, rates)
    list_cents, promo_cents = _eur_cents(price.amount, price.currency, promo_amount, rates)
    collections = set(item.get("collections") or ())
    images = item.get("image_urls") or ()
    updated = money.parse_timestamp(item.get("updated_at"))
    return (
        int(item["id"]), str(item["sku"]), str(item["title"]),
        item.get("category_id"), seller.get("id"), str(seller.get("name") or ""), seller.get("country"),
        warehouse.get("id"), warehouse.get("country"), warehouse.get("city"),
        str(price.amount), price.currency, list_cents, promo_cents, discount, ends_at, until,
        int(item.get("moq_units") or 1), int(item.get("stock_units") or 0),
        int("weekly" in collections), int("surplus" in collections), int("promotion" in collections),
        images[0] if images else None,
        None if updated is None else updated.isoformat(), None if updated is None else updated.timestamp(),
        int(item.get("version") or 0), None if promo_amount is None else str(promo_amount),
    )  # fmt: skip


def _dump(item: Mapping[str, Any]) -> str:
    """An offer dict (a checked feed item: datetimes, or already JSON) as compact JSON text."""
    from pydantic_core import to_json  # a quarter of the json module's time; imported once a sync runs

    return to_json(item).decode()


def _offer_row_from_sql(row: Sequence[Any]) -> OfferRow:
    (offer_id, sku, title, category_id, seller_id, seller_name, seller_country, warehouse_id, country, city,
     amount, currency, list_cents, discount, ends_at, moq, stock, weekly, surplus, promotion, thumbnail,
     updated_at, version, promo_amount) = row  # fmt: skip
    collections = tuple(
        name for name, flag in (("weekly", weekly), ("surplus", surplus), ("promotion", promotion)) if flag
    )
    return OfferRow(
        id=offer_id, sku=sku, title=title, category_id=category_id, seller_id=seller_id,
        seller_name=seller_name, seller_country=seller_country, warehouse_id=warehouse_id,
        warehouse_country=country, warehouse_city=city, currency=currency, list_price=Decimal(amount),
        list_price_eur=None if list_cents is None else Decimal(list_cents).scaleb(-2),
        promo_discount=None if discount is None else Decimal(discount),
        promo_price=None if promo_amount is None else Decimal(promo_amount),
        promo_ends_at=money.parse_timestamp(ends_at), moq_units=moq, stock_units=stock,
        collections=collections, thumbnail_url=thumbnail, updated_at=money.parse_timestamp(updated_at),
        version=version,
    )  # fmt: skip

