"""The Orders page's background work: bringing an orders cache up to date (the account's orders, then
each guest checkout kept on this computer, with its guest token), and a fresh copy of one order. Both
run in a worker (desktop/views/background/tasks.py); nothing here touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.api_client import NotFoundError
from desktop.models.orders_cache import CacheError, OrdersCache, SyncResult

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient

__all__ = ["GuestClientFor", "fetch_order", "sync_orders"]

#: a guest checkout's client (its reference → a client with its guest token), None without a token
GuestClientFor = Callable[[str], "MarketplaceClient | None"]


def sync_orders(client: MarketplaceClient, cache: OrdersCache, guest_client: GuestClientFor,
                cancelled: Callable[[], bool]) -> SyncResult:
    """``GET /orders?updated_since=…`` for the signed-in account, then every guest checkout's group."""
    changes = []
    result = None
    guests = 0
    if client.is_authenticated:
        result = cache.sync(client, cancelled=cancelled)
        changes = list(result.changes)
    for group_ref in cache.guest_groups():
        if cancelled():
            break
        guest = guest_client(group_ref)
        if guest is None:
            continue
        with guest:
            try:
                group = guest.orders.group(group_ref)
            except NotFoundError:
                continue
        changes += cache.store_group(group.model_dump(mode="json"))
        guests += len(group.orders)
    if result is None:
        return SyncResult(full=False, pages=0, upserted=guests, changes=changes, duration=0.0,
                          order_count=cache.order_count())
    return SyncResult(full=result.full, pages=result.pages, upserted=result.upserted + guests, changes=changes,
                      duration=result.duration, order_count=result.order_count, cancelled=result.cancelled)


def fetch_order(client: MarketplaceClient, cache: OrdersCache | None, ref: str,
                guest_client: GuestClientFor) -> dict[str, Any]:
    """A fresh copy of one order as JSON, what the cache stores (a guest's with its guest token)."""
    row = None
    if cache is not None:
        try:
            id_ = cache.id_of(ref)
            row = cache.rows([id_]).get(id_) if id_ is not None else None
        except CacheError:  # closed meanwhile (account switched): ask the server with the account
            row = None
    if row is not None and row.guest:
        guest = guest_client(row.group_ref)
        if guest is not None:
            with guest:
                group = guest.orders.group(row.group_ref)
            for order in group.orders:
                if order.ref == ref:
                    return order.model_dump(mode="json")
    return client.orders.get(ref).model_dump(mode="json")
