"""The seller area: the Seller page (stage 2): a seller's orders and questions, and for a signed-in
seller the listings, pending changes and import over that account's listings copy and outbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Area
from .openers import orders_caches

if TYPE_CHECKING:
    from desktop.views.seller.build import OfferShower
    from desktop.views.seller.outbox_runner import OutboxRunner
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
        from desktop.models.seller import SellerFiles
        from desktop.views.seller.build import seller_page, wire

        opener = orders_caches(services.paths.data, services.server_url)
        # the account's outbox and listings copy: keyed by the marketplace's identity, not the URL
        files = SellerFiles(services.paths.data, services.server_url)
        page = self.page = seller_page(services.client, caches=lambda account: opener(f"{account}#seller-orders"),
                                       listings=files.listings, outboxes=files.outbox,
                                       state_path=services.paths.window_state_path)
        window.replace_page(self.key, page)
        wire(page, services.session, window, services.connectivity, catalog=self._catalog,
             settings=services.settings, files=files)

    def unsent(self) -> int:
        """Changes of the signed-in seller not yet accepted by the marketplace (0: none, or no seller)."""
        desk = self.page.workspace.desk if self.page is not None and self.page.workspace is not None else None
        return desk.pending_count() if desk is not None else 0

    def runner(self) -> OutboxRunner | None:
        """The signed-in seller's outbox runner (what the quit question waits on), or None."""
        desk = self.page.workspace.desk if self.page is not None and self.page.workspace is not None else None
        return desk.runner if desk is not None else None

    def close(self) -> None:
        if self.page is not None:
            self.page.shutdown()
