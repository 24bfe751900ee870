"""The cart & checkout area: the Cart page (stage 2: it checks the lines with the server), its
"Checkout…" wizard, and what it asks of the window (sign in, create an account, the Orders page)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Area
from .openers import checkout_factory

if TYPE_CHECKING:
    from desktop.views.cart import CartPage
    from desktop.views.window.main_window import MainWindow

    from .base import Connected

__all__ = ["CartArea"]


class CartArea(Area):
    key = "cart"

    def __init__(self) -> None:
        self.page: CartPage | None = None

    def connect(self, window: MainWindow, services: Connected) -> None:
        from desktop.views.cart import CartPage

        settings, connectivity = services.settings, services.connectivity
        page = self.page = CartPage(
            services.cart_store(), services.client, services.session, server_url=services.server_url,
            cache=services.catalog_cache, currency=lambda: str(settings.get("currency")),
            online=lambda: connectivity.online,
            checkout=checkout_factory(services.paths.data / "checkout-details.json", services.client,
                                      services.token_store),
        )
        connectivity.changed.connect(page.set_online)  # it checks itself with the server again once back online
        window.replace_page(self.key, page)
        page.sign_in_requested.connect(services.sign_in)
        page.create_account_requested.connect(services.create_account)
        page.view_orders_requested.connect(lambda: window.show_page("orders"))
        page.status_message.connect(lambda text: window.status.showMessage(text, 5000))
