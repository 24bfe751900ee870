"""Exchange rates and EUR → X conversion. Prices are stored in EUR; every shown price is converted
with `convert`, quantized to the cent, half up."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..db import KeptRead
from ..orm import Currency, utcnow
from ..schemas.common import CURRENCY_CODES
from .statements import fetch_all

_CURRENCIES = Currency.__table__
_RATES = text("SELECT code, rate_per_eur FROM currencies").columns(_CURRENCIES.c.code, _CURRENCIES.c.rate_per_eur)

CENT = Decimal("0.01")

#: names and fallback rates (units per EUR) for a database whose `currencies` table lacks a code
DEFAULT_CURRENCIES: dict[str, tuple[str, Decimal]] = {
    "EUR": ("Euro", Decimal("1")),
    "USD": ("US dollar", Decimal("1.085")),
    "CHF": ("Swiss franc", Decimal("0.942")),
    "CZK": ("Czech koruna", Decimal("25.12")),
    "DKK": ("Danish krone", Decimal("7.458")),
    "GBP": ("Pound sterling", Decimal("0.846")),
    "HUF": ("Hungarian forint", Decimal("395.40")),
    "NOK": ("Norwegian krone", Decimal("11.62")),
    "PLN": ("Polish zloty", Decimal("4.285")),
    "RON": ("Romanian leu", Decimal("4.977")),
    "SEK": ("Swedish krona", Decimal("11.24")),
    "UAH": ("Ukrainian hryvnia", Decimal("45.30")),
}


def convert(amount_eur: Decimal, rate: Decimal) -> Decimal:
    """An EUR amount in the currency whose rate (units per EUR) is given, to the cent, half up."""
    return (amount_eur * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def to_eur(amount: Decimal, rate: Decimal) -> Decimal:
    """An amount in a currency back in EUR, to the cent, half up (seller input, CSV import)."""
    return (amount / rate).quantize(CENT, rounding=ROUND_HALF_UP)


def rates(session: Session | KeptRead) -> dict[str, Decimal]:
    """Units per EUR of the 12 currencies: the database's rates, the defaults for any it lacks."""
    found = {code: rate for code, rate in fetch_all(session, _RATES, {})}
    return {
        code: Decimal(found[code]) if code in found else DEFAULT_CURRENCIES[code][1]
        for code in CURRENCY_CODES
    }


#: how long the catalog's read paths reuse the rates they read (they change a few times a day at most)
RATES_TTL_S = 10.0
_cached: dict[str, tuple[float, dict[str, Decimal]]] = {}
_cache_lock = threading.Lock()


def cached_rates(session: Session | KeptRead) -> dict[str, Decimal]:
    """`rates(session)`, reused for up to RATES_TTL_S per database: what the catalog's displayed prices
    use. Quotes and checkouts read the table itself. `invalidate_rates()` after changing a rate."""
    key = session.get_bind().engine  # a session on an engine or on a kept connection (db.py)
    now = time.monotonic()
    hit = _cached.get(key)
    if hit is not None and now - hit[0] < RATES_TTL_S:
        return hit[1]
    fresh = rates(session)
    with _cache_lock:
        _cached[key] = (now, fresh)
    return fresh


def invalidate_rates() -> None:
    """Forget the cached rates (call after writing the `currencies` table)."""
    with _cache_lock:
        _cached.clear()


def currency_rows(session: Session) -> list[tuple[str, str, Decimal, datetime]]:
    """(code, name, rate_per_eur, updated_at) of the 12 currencies, in contract order."""
    found = {row.code: row for row in session.scalars(select(Currency)).all()}
    now = utcnow()
    out = []
    for code in CURRENCY_CODES:
        row = found.get(code)
        name, rate = DEFAULT_CURRENCIES[code]
        out.append(
            (
                code,
                row.name if row else name,
                Decimal(row.rate_per_eur) if row else rate,
                row.updated_at if row else now,
            )
        )
    return out


def resolve(code: str | None) -> str:
    """The currency to show prices in: one of the 12, else EUR (the contract's fallback)."""
    code = (code or "EUR").strip().upper()
    return code if code in CURRENCY_CODES else "EUR"


def eur_floor_for(min_amount: Decimal, rate: Decimal) -> Decimal:
    """The smallest EUR price (in cents) whose converted price is >= `min_amount`."""
    cents = (min_amount / rate).quantize(CENT, rounding=ROUND_FLOOR) - CENT * 2
    while convert(cents, rate) < min_amount:
        cents += CENT
    return cents


def eur_ceiling_for(max_amount: Decimal, rate: Decimal) -> Decimal:
    """The largest EUR price (in cents) whose converted price is <= `max_amount`."""
    cents = (max_amount / rate).quantize(CENT, rounding=ROUND_CEILING) + CENT * 2
    while cents >= 0 and convert(cents, rate) > max_amount:
        cents -= CENT
    return cents
