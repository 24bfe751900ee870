"""The seller area: the Seller page (stage 2): a seller's orders and questions, and for a signed-in
seller the listings, pending changes and import over that account's listings copy and outbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Area
from .openers import orders_caches

if TYPE_CHECKING:
    from desktop.views.seller.build import OfferShower
    from desktop.views.seller.seller_page import SellerPage
    from desktop.views.window.main_window import MainWindow

    from .base import Connected

__all__ = ["SellerArea"]


class SellerArea(Area):
    key = "seller"

    def __init__(self, catalog: OfferShower | None = None) -> None:
        self._catalog = catalog  # where a question's offer opens (the catalog area)
        self.page: SellerPage | None = None

    def connect(self, window: MainWindow, services: Connected) -> None:
        from desktop.models.seller import ListingsStore, Outbox
        from desktop.views.seller.build import seller_page, wire

        opener = orders_caches(services.paths.data, services.server_url)
        data, url = services.paths.data, services.server_url
        page = self.page = seller_page(services.client, caches=lambda account: opener(f"{account}#seller-orders"),
                                       listings=lambda account: ListingsStore.for_account(data, url, account),
                                       outboxes=lambda account: Outbox.for_account(data, url, account),
                                       state_path=services.paths.window_state_path)
        window.replace_page(self.key, page)
        wire(page, services.session, window, services.connectivity, catalog=self._catalog,
             settings=services.settings)

    def close(self) -> None:
        if self.page is not None:
            self.page.shutdown()
