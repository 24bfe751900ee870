"""The Cart page on the real server, for the tests of the cart and of what follows it (checkout, volume
prices, the end-to-end card payment): a signed-in buyer (or a guest), a durable cart, the page shown.

``make_env`` builds one, ``close_env`` closes it once its background work is done; ``shop_offers`` adds a
new shop with an offer of its own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.api_client import ClientConfig, MarketplaceClient
from desktop.models.cart import CartStore
from desktop.views.areas.openers import checkout_factory
from desktop.views.cart import CartPage
from marketplace.db import Database
from tests.server.orders_kit import Account, OfferRef, add_offer, new_shop, register


class FakeSession:
    """What the cart page needs of desktop.views.account.session.Session, with a real user when signed in."""

    def __init__(self, client: MarketplaceClient, user: Any = None) -> None:
        from PySide6.QtCore import QObject, Signal

        class _Signals(QObject):
            changed = Signal()

        self._signals = _Signals()
        self.changed = self._signals.changed
        self.client = client
        self.user = user
        self.pending_account = None

    @property
    def signed_in(self) -> bool:
        return self.user is not None

    @property
    def email(self) -> str | None:
        return self.user.email if self.user is not None else None

    def sign_in(self, email: str, password: str) -> None:
        auth = self.client.auth.login(email, password)
        self.user = auth.user
        self.changed.emit()


@dataclass
class CartEnv:
    server: Any
    db: Database
    client: MarketplaceClient
    session: FakeSession
    store: CartStore
    page: CartPage
    buyer: Account | None

    def cart(self):
        return self.page.cart()

    def wait_quote(self, qtbot, predicate=lambda q: True, *, server: bool = True, timeout: int = 20_000) -> Any:
        qtbot.waitUntil(
            lambda: self.page.quoter.quote is not None
            and (not server or not self.page.quoter.quote.local)
            and not self.page.quoter.pending
            and predicate(self.page.quoter.quote),
            timeout=timeout,
        )
        return self.page.quoter.quote


def make_env(qtbot, server, token_store, app_folders, *, signed_in: bool = True, cache: Any = None,
             server_url: str | None = None, max_retries: int | None = None) -> CartEnv:
    buyer = register(server.api) if signed_in else None
    config = ClientConfig(server_url or server.url)
    if max_retries is not None:
        config = ClientConfig(server_url or server.url, max_retries=max_retries, read_timeout=20)
    client = MarketplaceClient(config, token_store=token_store, account=buyer.email if buyer else None,
                               token=buyer.token if buyer else None)
    user = client.auth.me() if buyer else None
    session = FakeSession(client, user)
    store = CartStore(app_folders.data / "cart.sqlite3")
    page = CartPage(store, client, session, server_url=server.url, cache=cache,
                    checkout=checkout_factory(app_folders.data / "checkout-details.json", client, token_store))
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return CartEnv(server, Database(server.database_url), client, session, store, page, buyer)


def close_env(qtbot, env: CartEnv) -> None:
    from desktop.views.background import tasks

    if env.page.wizard is not None:
        env.page.wizard.close()
    env.page.quoter.stop()
    env.page.close()
    qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
    env.client.close()
    env.store.close()
    env.db.dispose()


def shop_offers(env: CartEnv, *, min_order_value: str = "0", **offer_kw: Any) -> tuple[Any, OfferRef]:
    shop = new_shop(env.server.api, env.db, min_order_value=min_order_value)
    return shop, add_offer(env.db, shop.seller_id, shop.warehouse_id, **offer_kw)
