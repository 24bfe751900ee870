"""One signed-in seller's desk: the listings copy and the outbox (opened by the root's openers), the
outbox's sender with every kind registered (offers, shipping, cancel_order, answer), its runner, and the
Listings, Pending changes and Import tabs over them.

    desk = SellerDesk(client, "seller@demo.test", listings=open_listings, outboxes=open_outbox,
                      connectivity=connectivity, parent=page)
    desk.runner.apply(OrderWrites("shipping", [payload]))   # the fulfilment and questions tabs write here too
    desk.close()                                         # sign-out, another account, quit
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QObject

from desktop.models.seller import OfferHandlers, Sender, fulfilment

from .import_page import ImportPage
from .kept_elsewhere import KeptElsewhereBar
from .listings_page import ListingsPage
from .outbox_runner import OutboxRunner
from .pending_changes import PendingChangesView

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.models.seller import ListingsStore, Outbox
    from desktop.views.shell.connectivity import Connectivity

__all__ = ["ListingsOpener", "OutboxOpener", "SellerDesk"]

#: an account's local listings copy / durable outbox (the caller closes it)
ListingsOpener: TypeAlias = "Callable[[str], ListingsStore]"
OutboxOpener: TypeAlias = "Callable[[str], Outbox]"


class SellerDesk(QObject):
    def __init__(self, client: MarketplaceClient, account: str, *, listings: ListingsOpener, outboxes: OutboxOpener,
                 connectivity: Connectivity | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.listings = listings(account)
        try:
            self.outbox = outboxes(account)
        except BaseException:
            self.listings.close()
            raise
        self.sender = Sender(self.outbox, client)
        OfferHandlers(self.listings).install(self.sender)
        fulfilment.install(self.sender)
        self._connectivity = connectivity
        self.runner = OutboxRunner(self.outbox, self.sender, connectivity, parent=self)
        self.listings_page = ListingsPage(client, self.listings, self.runner)
        self.kept_elsewhere = KeptElsewhereBar()
        self.pending_view = PendingChangesView(self.runner, self.listings, above=self.kept_elsewhere)
        self.import_page = ImportPage(client.seller, selected_skus=self.selected_skus)
        self.closed = False

    def selected_skus(self) -> list[str]:
        ids = self.listings_page.selected_ids()
        rows = self.listings.rows(ids)
        return [rows[i].sku for i in ids if i in rows]

    def pending_count(self) -> int:
        """Entries not yet sent: waiting, sending, conflict, refused."""
        return 0 if self.closed else self.outbox.open_count()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        c = self._connectivity
        if c is not None:  # no drain starts on a closed outbox
            with contextlib.suppress(RuntimeError, TypeError):
                c.changed.disconnect(self.runner._online_changed)
            with contextlib.suppress(RuntimeError, TypeError, AttributeError):
                c.reachable.disconnect(self.runner.kick)
        for op in (self.runner.op, self.listings_page.refresh_op):
            if op is not None:
                op.cancel()
        for widget in (self.listings_page, self.pending_view, self.import_page):
            widget.setParent(None)
            widget.deleteLater()
        self.listings.close()
        self.outbox.close()
        self.deleteLater()
