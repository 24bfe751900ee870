"""Offer pages rendered by SQLite itself: one statement turns a page's ids into the contract's offer
JSON (the OfferOut shape `offer_rows.OfferRenderer` builds in Python), so a GET /offers page costs the
server its SQL and little else. PostgreSQL, and a rate this integer arithmetic cannot hold, keep the
Python renderer; tests/server/test_offer_json.py checks both give the same JSON for every demo offer in
every currency.

Money stays exact: amounts are read as integer cents, converted with the rate as an integer of
millionths (RATE is NUMERIC(18, 6)), rounded half up to the cent, as `currency.convert` does."""

# ruff: noqa: S608 - fixed SQL text built from constants; every request value is a bound parameter

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

import orjson
from sqlalchemy import text
from sqlalchemy.orm import Session

from ..orm import utcnow
from .statements import Statement, fetch_all, statement

RATE_SCALE = 10**6
#: the largest rate (in millionths) whose conversion fits SQLite's 64-bit integers for any stored amount
#: (MONEY is NUMERIC(14, 2): up to 10**14 cents, split below into a high and a low part of 10**6)
MAX_RATE_MILLIONTHS = 9 * 10**10


def _cents(expr: str) -> str:
    """A MONEY value (REAL on SQLite, always whole cents) or a tier's price text → integer cents."""
    return f"CAST(round(({expr}) * 100) AS INTEGER)"


def _converted(cents: str, at_par: bool) -> str:
    """Integer cents in EUR → integer cents in the currency of rate :rate millionths, half up:
    floor((c * r + 500000) / 10**6), with c split into c // 10**6 and c % 10**6 so that no product
    leaves 64 bits (amounts are never negative)."""
    if at_par:
        return cents
    return f"((({cents}) / 1000000) * :rate + ((({cents}) % 1000000) * :rate + 500000) / 1000000)"


def _money(cents: str, at_par: bool) -> str:
    """{"amount": "12.34", "currency": :currency} of integer cents in EUR."""
    value = _converted(cents, at_par)
    return f"json_object('amount', printf('%d.%02d', ({value}) / 100, ({value}) % 100), 'currency', :currency)"


def _time(col: str) -> str:
    """A stored UTC time ('YYYY-MM-DD HH:MM:SS[.ffffff]') as datetime.isoformat() gives it, with Z."""
    day, clock = f"substr({col}, 1, 10) || 'T' || ", f"substr({col}, 12, 8)"
    whole = f"substr({col}, 20) IN ('', '.000000')"
    return (f"CASE WHEN {col} IS NULL THEN NULL WHEN {whole} THEN {day}{clock} || 'Z' "
            f"ELSE {day}substr({col}, 12) || 'Z' END")


def _image_urls(written_out: int = 3) -> str:
    """[":media{id}/0.png", ...] for the offer's image_count: written out up to `written_out` pictures
    (nearly every offer), counted by a recursive CTE beyond (a fifth of the statement's cost)."""
    url = lambda n: f":media || offers.id || '/{n}.png'"  # noqa: E731
    cases = " ".join(f"WHEN {count} THEN json_array({', '.join(url(n) for n in range(count))})"
                     for count in range(1, written_out + 1))
    counted = ("json((WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n"
               " WHERE i + 1 < offers.image_count) SELECT json_group_array(:media || offers.id || '/' || i || '.png')"
               " FROM n WHERE i < offers.image_count))")
    return f"CASE offers.image_count {cases} WHEN 0 THEN json_array() ELSE {counted} END"


def _page_sql(at_par: bool) -> str:
    money = lambda expr: _money(_cents(expr), at_par)  # noqa: E731
    # a tier's price the buyer pays: the promotion's discount while it runs (price_tiers.render)
    tier_cents = _cents("tier.value ->> 1")
    discount = ("offers.promotion AND offers.promo_discount_percent"
                " AND (offers.promo_ends_at IS NULL OR offers.promo_ends_at > :now)")
    collections = " || ".join(
        f"CASE WHEN offers.{name} THEN ',\"{name}\"' ELSE '' END" for name in ("weekly", "surplus", "promotion"))
    paid = (f"CASE WHEN {discount} THEN max(({tier_cents} * (100 - offers.promo_discount_percent) + 50) / 100, 1)"
            f" ELSE {tier_cents} END")
    offer = f"""json_object(
        'id', offers.id, 'sku', offers.sku, 'title', offers.title,
        'description', coalesce(offers.description, ''), 'category_id', offers.category_id,
        'seller', json_object('id', sellers.id, 'name', sellers.name, 'country', sellers.country,
            'rating', CASE WHEN sellers.rating IS NULL THEN NULL ELSE printf('%.2f', sellers.rating) END),
        'warehouse', json_object('id', warehouses.id, 'country', warehouses.country, 'city', warehouses.city,
            'min_order_value', {money('warehouses.min_order_value')}),
        'unit_price', {money('offers.unit_price')},
        'list_price', {money('offers.list_price')},
        'packagings', json((SELECT json_group_array(json_object('id', p.id, 'label', p.label, 'units', p.units))
            FROM (SELECT id, label, units FROM packagings WHERE offer_id = offers.id ORDER BY units, id) AS p)),
        'moq_units', offers.moq_units, 'stock_units', offers.stock_units,
        'collections', json('[' || substr({collections}, 2) || ']'),
        'promotion', CASE WHEN offers.promotion AND offers.promo_discount_percent THEN json_object(
            'discount_percent', offers.promo_discount_percent, 'ends_at', {_time('offers.promo_ends_at')}) END,
        'price_tiers', CASE WHEN offers.price_tiers IS NULL THEN json_array() ELSE json((SELECT json_group_array(
            json_object('min_units', tier.value ->> 0,
            'unit_price', {_money(paid, at_par)}, 'list_price', {money('tier.value ->> 1')}))
            FROM json_each(offers.price_tiers) AS tier)) END,
        'image_urls', {_image_urls()},
        'updated_at', {_time('offers.updated_at')}, 'version', offers.version)"""
    return (  # constant text; every value is a bound parameter
        f"SELECT {offer} FROM json_each(:ids) AS page"
        " JOIN offers ON offers.id = page.value JOIN sellers ON sellers.id = offers.seller_id"
        " JOIN warehouses ON warehouses.id = offers.warehouse_id ORDER BY page.key"
    )


def page_statement(at_par: bool) -> Statement:
    """The offers of :ids (a JSON array), in its order, one JSON object per row."""
    return statement(("offer_json", at_par), lambda: text(_page_sql(at_par)))


def rate_millionths(rate: Decimal) -> int | None:
    """The rate as an integer of millionths, or None when SQL cannot convert with it exactly."""
    scaled = rate * RATE_SCALE
    if scaled != scaled.to_integral_value() or not 0 < scaled <= MAX_RATE_MILLIONTHS:
        return None
    return int(scaled)


def offers_json(session: Session, ids: Sequence[int], media: str, currency: str, rate: Decimal,
                now: datetime | None = None) -> bytes | None:
    """The JSON array of these offers (missing ones skipped), or None where only the Python renderer
    can render them (not SQLite, or a rate beyond `MAX_RATE_MILLIONTHS`)."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    millionths = rate_millionths(rate)
    if millionths is None:
        return None
    if not ids:
        return b"[]"
    # now as SQLite stores UTC times (orm.UTCDateTime): comparable as text with promo_ends_at
    stamp = (now or utcnow()).astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    params = {"ids": orjson.dumps(list(ids)).decode(), "currency": currency, "media": media, "now": stamp}
    at_par = millionths == RATE_SCALE
    if not at_par:
        params["rate"] = millionths
    rows = fetch_all(session, page_statement(at_par), params)
    return b"[" + ",".join(row[0] for row in rows).encode() + b"]"
