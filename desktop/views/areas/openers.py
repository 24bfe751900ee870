"""What the areas give their pages to make clients and stores with (guest checkouts' clients, the
checkout wizard, an account's orders cache). Each imports what it builds when it is called (stage 2)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.api_client import MarketplaceClient, TokenStore
    from desktop.views.cart.cart_page import CheckoutFactory
    from desktop.views.shell.collaborators import GuestClientFactory, OrdersCacheOpener

__all__ = ["checkout_factory", "guest_clients", "orders_caches"]


def guest_clients(client: MarketplaceClient) -> GuestClientFactory:
    """A guest checkout's client from its guest token: ``client``'s server, proxy, trust store, timeouts."""
    from desktop.api_client import MarketplaceClient

    def make(token: str) -> MarketplaceClient:
        return MarketplaceClient(client.config, token=token)

    return make


def checkout_factory(details_path: Path, client: MarketplaceClient,
                     token_store: TokenStore | None) -> CheckoutFactory:
    """The cart page's "Checkout…": the checkout area's wizard with the remembered details (a JSON file
    in the data folder), guest checkouts' clients, and the token store that keeps their guest tokens."""
    from desktop.models.cart.checkout import DetailsStore
    from desktop.views.checkout import CheckoutWizard

    return functools.partial(CheckoutWizard, details=DetailsStore(details_path), guest_client=guest_clients(client),
                             token_store=token_store)


def orders_caches(data_dir: Path, server_url: str) -> OrdersCacheOpener:
    """An account's orders cache (one file per server and account under ``<data>/orders/``)."""
    from desktop.models.orders_cache import OrdersCache

    def open_cache(account: str | None) -> OrdersCache:
        return OrdersCache.for_account(data_dir, server_url, account)

    return open_cache
