"""Order JSON → the values of the `orders` table, and the small helpers of the cache's SQL and sync."""

from __future__ import annotations

import email.utils
import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from desktop.models import money

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)



def _row(item: Mapping[str, Any], rates: Mapping[str, Decimal], guest: bool) -> tuple[Any, ...]:
    try:
        ref = str(item["ref"])
        group_ref = str(item["group_ref"])
        created = money.parse_timestamp(item["created_at"])
        updated = money.parse_timestamp(item.get("updated_at"))
        total = money.Money.from_json(item["total"])
        seller = item["seller"]
        lines = item.get("lines") or []
        tracking = item.get("tracking") or None
        payment_status = str(item["payment_status"])
        shipping_status = str(item["shipping_status"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"an order without a valid {exc}: {str(item)[:200]}") from None
    if "total_eur" in item and item["total_eur"] is not None:
        eur = item["total_eur"]
        eur_amount = money.Money.from_json(eur).amount if isinstance(eur, Mapping) else money.to_decimal(eur)
    else:
        try:
            eur_amount = money.to_eur(total.amount, total.currency, rates)
        except (KeyError, ValueError, ArithmeticError):
            eur_amount = total.amount
    search = " ".join([ref, group_ref, str(seller.get("name") or "")]
                      + [str(ln.get("sku") or "") for ln in lines]
                      + [str(ln.get("title") or "") for ln in lines]).lower()
    return (
        ref, group_ref, _us(created), _us(updated) if updated else None, total.currency, str(total.amount),
        int((eur_amount * 100).to_integral_value()), str(seller.get("name") or ""),
        payment_status, item.get("payment_method"), shipping_status,
        tracking.get("number") if tracking else None, tracking.get("carrier") if tracking else None,
        len(lines), sum(int(ln.get("units") or 0) for ln in lines),
        str(lines[0].get("title") or "") if lines else "", int(guest),
        search,  # last: it goes to the order_search table
    )


def _us(moment: datetime | None) -> int:
    assert moment is not None
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _day_us(day: date) -> int:
    return _us(datetime(day.year, day.month, day.day, tzinfo=UTC))


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).astimezone(UTC)
    except (TypeError, ValueError):
        return None


def _dump(item: Mapping[str, Any]) -> str:
    return json.dumps(item, separators=(",", ":"), ensure_ascii=False, default=str)


def _set_meta(conn: sqlite3.Connection, **values: str) -> None:
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(values.items()))


def _chunks(values: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _fetch_ids(conn: sqlite3.Connection, refs: Sequence[str]) -> Iterator[tuple[str, int]]:
    for chunk in _chunks(refs, 500):
        marks = ",".join("?" * len(chunk))
        yield from conn.execute(f"SELECT ref, id FROM orders WHERE ref IN ({marks})", chunk)  # noqa: S608
