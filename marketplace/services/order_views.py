"""Orders as the API shows them (ORM → JSON-ready dicts), and the rules the views expose."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import quote as urlquote

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from ..errors import ApiError
from ..orm import Order, OrderGroup, utcnow
from ..schemas.orders import OrderFilters
from .quote import money

#: a shipment not delivered this long after it left may be cancelled by the buyer
LOST_AFTER = timedelta(days=30)

_TRACKING_URLS = {
    "dhl": "https://www.dhl.com/global-en/home/tracking.html?tracking-id={n}",
    "ups": "https://www.ups.com/track?tracknum={n}",
    "dpd": "https://tracking.dpd.de/status/en_US/parcel/{n}",
    "gls": "https://gls-group.com/track/{n}",
    "colissimo": "https://www.laposte.fr/outils/suivre-vos-envois?code={n}",
    "fedex": "https://www.fedex.com/fedextrack/?trknbr={n}",
    "tnt": "https://www.tnt.com/express/en_gc/site/shipping-tools/tracking.html?cons={n}",
    "postnl": "https://jouw.postnl.nl/track-and-trace/{n}",
}


def tracking_url(carrier: str | None, number: str) -> str | None:
    template = _TRACKING_URLS.get((carrier or "").strip().lower().replace(" ", ""))
    return template.format(n=urlquote(number, safe="")) if template else None


def can_cancel(order: Order, now: datetime | None = None) -> bool:
    """While awaiting preparation, or shipped over 30 days ago and still not delivered."""
    now = now or utcnow()
    if order.shipping_status == "awaiting_preparation":
        return True
    return (
        order.shipping_status == "shipped"
        and order.delivered_at is None
        and order.shipped_at is not None
        and order.shipped_at < now - LOST_AFTER
    )


def can_review(order: Order) -> bool:
    return order.shipping_status == "delivered" and order.review is None and order.buyer_id is not None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def order_json(order: Order, now: datetime | None = None) -> dict[str, Any]:
    cur = order.currency
    tracking = None
    if order.tracking_number:
        tracking = {
            "carrier": order.tracking_carrier,
            "number": order.tracking_number,
            "url": tracking_url(order.tracking_carrier, order.tracking_number),
        }
    return {
        "ref": order.ref,
        "group_ref": order.group.ref,
        "created_at": _iso(order.created_at),
        "updated_at": _iso(order.updated_at),
        "currency": cur,
        "lines": [
            {
                "offer_id": ln.offer_id,
                "sku": ln.sku,
                "title": ln.title,
                "packaging_id": ln.packaging_id,
                "packaging_label": ln.packaging_label,
                "packaging_units": ln.packaging_units,
                "quantity": ln.quantity,
                "units": ln.units,
                "unit_price": money(ln.unit_price, cur),
                "line_total": money(ln.line_total, cur),
            }
            for ln in order.lines
        ],
        "subtotal": money(order.subtotal, cur),
        "shipping_price": money(order.shipping_price, cur),
        "total": money(order.total, cur),
        "total_eur": money(order.total_eur, "EUR"),
        "seller": {
            "id": order.seller.id,
            "name": order.seller.name,
            "email": order.seller.email,
            "phone": order.seller.phone,
            "country": order.seller.country,
        },
        "origin": {
            "warehouse_country": order.warehouse.country,
            "country": order.warehouse.country,
            "city": order.warehouse.city,
        },
        "payment_method": order.group.payment_method,
        "payment_status": order.payment_status,
        "shipping_status": order.shipping_status,
        "shipping_method": order.shipping_method.get("name") if order.shipping_method else None,
        "tracking": tracking,
        "shipped_at": _iso(order.shipped_at),
        "delivered_at": _iso(order.delivered_at),
        "cancelled_at": _iso(order.cancelled_at),
        "can_cancel": can_cancel(order, now),
        "can_review": can_review(order),
        "history": [{"at": _iso(e.at), "event": e.event, "detail": e.detail} for e in order.events],
    }


def group_json(group: OrderGroup, now: datetime | None = None) -> dict[str, Any]:
    return {
        "ref": group.ref,
        "created_at": _iso(group.created_at),
        "currency": group.currency,
        "rate_per_eur": str(Decimal(group.rate_per_eur)),
        "orders": [order_json(o, now) for o in group.orders],
        "total": money(group.total, group.currency),
        "payment_method": group.payment_method,
        "payment_status": group.payment_status,
        "payment": payment_json(group),
    }


def payment_json(group: OrderGroup) -> dict[str, Any]:
    return {**(group.payment_details or {}), "method": group.payment_method, "status": group.payment_status}


# --- lists ----------------------------------------------------------------------------------------


def _encode_cursor(sort: str, value: Any, order_id: int) -> str:
    raw = json.dumps([sort, value, order_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, sort: str) -> tuple[Any, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got_sort, value, order_id = json.loads(raw)
        if got_sort != sort or not isinstance(order_id, int):
            raise ValueError("cursor of another sort")
        value = datetime.fromisoformat(value) if sort.endswith("created_at") else Decimal(value)
        return value, order_id
    except (ValueError, TypeError, json.JSONDecodeError, ArithmeticError) as exc:
        raise ApiError(
            422,
            "invalid_cursor",
            "This cursor is not valid for this list; start again without it.",
            errors=[{"field": "cursor", "code": "invalid_cursor", "message": str(exc)[:200]}],
        ) from None


def list_orders(
    session: Session, scope: ColumnElement[bool], filters: OrderFilters
) -> tuple[list[Order], str | None]:
    """One page of the orders matching `scope` (whose orders) and the filters, keyset-paginated."""
    stmt = select(Order).where(scope)
    if filters.payment_status:
        stmt = stmt.where(Order.payment_status.in_(filters.payment_status))
    if filters.shipping_status:
        stmt = stmt.where(Order.shipping_status.in_(filters.shipping_status))
    if filters.created_from:
        stmt = stmt.where(Order.created_at >= datetime.combine(filters.created_from, time(), tzinfo=UTC))
    if filters.created_to:
        end = datetime.combine(filters.created_to + timedelta(days=1), time(), tzinfo=UTC)
        stmt = stmt.where(Order.created_at < end)
    if filters.q:
        stmt = stmt.where(Order.search_text.contains(filters.q, autoescape=True))
    if filters.updated_since:
        stmt = stmt.where(Order.updated_at > filters.updated_since.astimezone(UTC))
    descending = filters.sort.startswith("-")
    column = Order.created_at if filters.sort.endswith("created_at") else Order.total_eur
    if filters.cursor:
        value, last_id = _decode_cursor(filters.cursor, filters.sort)
        if descending:
            stmt = stmt.where(or_(column < value, and_(column == value, Order.id < last_id)))
        else:
            stmt = stmt.where(or_(column > value, and_(column == value, Order.id > last_id)))
    order_by = (column.desc(), Order.id.desc()) if descending else (column.asc(), Order.id.asc())
    rows = list(session.scalars(stmt.order_by(*order_by).limit(filters.limit + 1)).unique())
    next_cursor = None
    if len(rows) > filters.limit:
        rows = rows[: filters.limit]
        last = rows[-1]
        value = last.created_at.isoformat() if column is Order.created_at else str(last.total_eur)
        next_cursor = _encode_cursor(filters.sort, value, last.id)
    return rows, next_cursor
