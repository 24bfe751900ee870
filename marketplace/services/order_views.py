"""Orders as the API shows them (ORM → JSON-ready dicts), and the rules the views expose."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import quote as urlquote

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from ..errors import ApiError
from ..orm import Order, OrderEvent, OrderGroup, OrderLine, Review, Seller, Warehouse, utcnow
from ..schemas.orders import OrderFilters
from .order_states import allowed_shipping
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


def seller_can_cancel(order: Order) -> bool:
    """The seller may cancel what it cannot fulfil until the order is delivered (or already cancelled),
    unless its payment was refunded (see `order_states.allowed_shipping`)."""
    return "cancelled" in allowed_shipping(order)


def can_review(order: Order) -> bool:
    return order.shipping_status == "delivered" and order.review is None and order.buyer_id is not None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def order_json(order: Order, now: datetime | None = None) -> dict[str, Any]:
    """One ORM order as the API shows it."""
    seller, wh = order.seller, order.warehouse
    return _order_dict(
        order,
        group_ref=order.group.ref,
        payment_method=order.group.payment_method,
        seller={"id": seller.id, "name": seller.name, "email": seller.email, "phone": seller.phone,
                "country": seller.country},
        origin={"warehouse_country": wh.country, "country": wh.country, "city": wh.city},
        lines=order.lines,
        events=order.events,
        reviewed=order.review is not None,
        now=now,
    )


def _order_dict(
    order: Any,
    *,
    group_ref: str,
    payment_method: str,
    seller: dict[str, Any],
    origin: dict[str, Any],
    lines: Iterable[Any],
    events: Iterable[Any],
    reviewed: bool,
    now: datetime | None,
    money: Callable[[Decimal, str], dict[str, str]] = money,
) -> dict[str, Any]:
    """The OrderOut shape from anything with the Order columns as attributes (an ORM object or a row),
    plus what comes from its group, seller, warehouse, lines, events and review."""
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
        "group_ref": group_ref,
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
            for ln in lines
        ],
        "subtotal": money(order.subtotal, cur),
        "shipping_price": money(order.shipping_price, cur),
        "total": money(order.total, cur),
        "total_eur": money(order.total_eur, "EUR"),
        "seller": seller,
        "origin": origin,
        "payment_method": payment_method,
        "payment_status": order.payment_status,
        "shipping_status": order.shipping_status,
        "shipping_method": order.shipping_method.get("name") if order.shipping_method else None,
        "tracking": tracking,
        "shipped_at": _iso(order.shipped_at),
        "delivered_at": _iso(order.delivered_at),
        "cancelled_at": _iso(order.cancelled_at),
        "can_cancel": can_cancel(order, now),
        "allowed_shipping": allowed_shipping(order),
        "can_review": order.shipping_status == "delivered" and not reviewed and order.buyer_id is not None,
        "history": [
            {"at": _iso(e.at), "event": e.event, "detail": e.detail, "params": e.params or {}} for e in events
        ],
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


_ORDERS = Order.__table__
_GROUPS = OrderGroup.__table__
_SELLERS = Seller.__table__
_WAREHOUSES = Warehouse.__table__
_LINES = OrderLine.__table__
_EVENTS = OrderEvent.__table__
_REVIEWS = Review.__table__

def _filtered(stmt: Select, filters: OrderFilters) -> tuple[Select, Any]:
    """The filters, cursor and order of an orders list applied to `stmt` (LIMIT limit + 1); returns it
    and the sort column."""
    if filters.payment_status:
        stmt = stmt.where(_ORDERS.c.payment_status.in_(filters.payment_status))
    if filters.shipping_status:
        stmt = stmt.where(_ORDERS.c.shipping_status.in_(filters.shipping_status))
    if filters.created_from:
        stmt = stmt.where(_ORDERS.c.created_at >= datetime.combine(filters.created_from, time(), tzinfo=UTC))
    if filters.created_to:
        end = datetime.combine(filters.created_to + timedelta(days=1), time(), tzinfo=UTC)
        stmt = stmt.where(_ORDERS.c.created_at < end)
    if filters.q:
        stmt = stmt.where(_ORDERS.c.search_text.contains(filters.q, autoescape=True))
    if filters.updated_since:
        stmt = stmt.where(_ORDERS.c.updated_at > filters.updated_since.astimezone(UTC))
    descending = filters.sort.startswith("-")
    column = _ORDERS.c.created_at if filters.sort.endswith("created_at") else _ORDERS.c.total_eur
    if filters.cursor:
        value, last_id = _decode_cursor(filters.cursor, filters.sort)
        if descending:
            stmt = stmt.where(or_(column < value, and_(column == value, _ORDERS.c.id < last_id)))
        else:
            stmt = stmt.where(or_(column > value, and_(column == value, _ORDERS.c.id > last_id)))
    order_by = (column.desc(), _ORDERS.c.id.desc()) if descending else (column.asc(), _ORDERS.c.id.asc())
    return stmt.order_by(*order_by).limit(filters.limit + 1), column


def _next_cursor(rows: list[Any], filters: OrderFilters, column: Any) -> str | None:
    """The cursor after the page's last row if there is another page (rows has limit + 1 then)."""
    if len(rows) <= filters.limit:
        return None
    last = rows[filters.limit - 1]
    value = last.created_at.isoformat() if column is _ORDERS.c.created_at else str(last.total_eur)
    return _encode_cursor(filters.sort, value, last.id)


def list_orders(
    session: Session, scope: ColumnElement[bool], filters: OrderFilters
) -> tuple[list[Order], str | None]:
    """One page of the orders matching `scope` (whose orders) and the filters, keyset-paginated."""
    stmt, column = _filtered(select(Order).where(scope), filters)
    rows = list(session.scalars(stmt).unique())
    return rows[: filters.limit], _next_cursor(rows, filters, column)


_PAGE_COLUMNS = (
    *(c for c in _ORDERS.c if c.name != "search_text"),
    _GROUPS.c.ref.label("group_ref"),
    _GROUPS.c.payment_method.label("group_payment_method"),
    _SELLERS.c.name.label("seller_name"),
    _SELLERS.c.email.label("seller_email"),
    _SELLERS.c.phone.label("seller_phone"),
    _SELLERS.c.country.label("seller_country"),
    _WAREHOUSES.c.country.label("wh_country"),
    _WAREHOUSES.c.city.label("wh_city"),
)
_PAGE_FROM = (
    _ORDERS.join(_GROUPS, _GROUPS.c.id == _ORDERS.c.group_id)
    .join(_SELLERS, _SELLERS.c.id == _ORDERS.c.seller_id)
    .join(_WAREHOUSES, _WAREHOUSES.c.id == _ORDERS.c.warehouse_id)
)


def _stored_money(amount: Decimal, currency: str) -> dict[str, str]:
    """`money` of an amount read from a MONEY column: it already has exactly two places."""
    return {"amount": f"{amount:.2f}", "currency": currency}


def list_order_dicts(
    session: Session, scope: ColumnElement[bool], filters: OrderFilters
) -> tuple[list[dict[str, Any]], str | None]:
    """`list_orders`, rendered: the same page as JSON-ready dicts, read as plain rows (no ORM objects) in
    four queries — the orders with their group, seller and warehouse, then the page's lines, events and
    reviews."""
    stmt, column = _filtered(select(*_PAGE_COLUMNS).select_from(_PAGE_FROM).where(scope), filters)
    rows = session.execute(stmt).all()
    cursor = _next_cursor(rows, filters, column)
    rows = rows[: filters.limit]
    if not rows:
        return [], cursor
    ids = [r.id for r in rows]
    lines: dict[int, list[Any]] = {}
    for line in session.execute(select(_LINES).where(_LINES.c.order_id.in_(ids)).order_by(_LINES.c.id)):
        lines.setdefault(line.order_id, []).append(line)
    events: dict[int, list[Any]] = {}
    for event in session.execute(select(_EVENTS).where(_EVENTS.c.order_id.in_(ids)).order_by(_EVENTS.c.id)):
        events.setdefault(event.order_id, []).append(event)
    reviewed = set(session.scalars(select(_REVIEWS.c.order_id).where(_REVIEWS.c.order_id.in_(ids))))
    now = utcnow()
    items = [
        _order_dict(
            r,
            group_ref=r.group_ref,
            payment_method=r.group_payment_method,
            seller={"id": r.seller_id, "name": r.seller_name, "email": r.seller_email, "phone": r.seller_phone,
                    "country": r.seller_country},
            origin={"warehouse_country": r.wh_country, "country": r.wh_country, "city": r.wh_city},
            lines=lines.get(r.id, ()),
            events=events.get(r.id, ()),
            reviewed=r.id in reviewed,
            now=now,
            money=_stored_money,
        )
        for r in rows
    ]
    return items, cursor
