"""The orders area: the buyer's orders from a local cache, kept in step with the marketplace.

    OrdersPage         filters, chips, the orders table, CSV export, sync and notifications
    OrderDetail        one order: lines, totals, timeline, tracking, seller; cancel, review, reorder…
    OrderNotifier      status changes seen at a sync → tray message / status bar / signal
"""

from .notifications import OrderNotifier
from .order_detail import OrderDetail
from .orders_page import OrdersPage

__all__ = ["OrderDetail", "OrderNotifier", "OrdersPage"]
