"""The Orders page's test parts, shared by its tests and the keyboard tests: a signed-in buyer against the
real server (the `buyer` and `cart_store` fixtures are in conftest.py), a page over them, a sync waited for."""

from __future__ import annotations

from desktop.api_client import ClientConfig, MarketplaceClient
from desktop.views.areas.openers import guest_clients, orders_caches
from desktop.views.orders import OrdersPage

BUYER = "buyer@demo.test"
SELLER = "seller@demo.test"
PASSWORD = "demo-password"


def signed_in(url: str, email: str = BUYER, **config) -> MarketplaceClient:
    client = MarketplaceClient(ClientConfig(url, **config))
    client.auth.login(email, PASSWORD)
    return client


def make_page(qtbot, client, app_folders, token_store, cart_store=None) -> OrdersPage:
    cart = (lambda: cart_store.cart(client.server_url, BUYER)) if cart_store is not None else None
    page = OrdersPage(client, caches=orders_caches(app_folders.data, client.server_url),
                      guest_client=guest_clients(client), token_store=token_store, cart=cart, auto_sync=False)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    return page


def synced(qtbot, page: OrdersPage, account: str = BUYER):
    with qtbot.waitSignal(page.synced, timeout=30_000) as blocker:
        if page.cache is None or page.account != account:
            page.set_account(account)
        else:
            page.sync()
    return blocker.args[0]
