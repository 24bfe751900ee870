"""``MarketplaceClient``: the composition of the request loop and the resource groups."""

from __future__ import annotations

import httpx
from pydantic import SecretStr

from ._base import BaseClient
from .config import ClientConfig
from .resources import Admin, Auth, Cart, Catalog, Checkout, Orders, Payments, Questions, Seller
from .tokens import TokenStore


class MarketplaceClient(BaseClient):
    """The typed client of the marketplace API. One instance per server; thread-safe for requests.

    client = MarketplaceClient(ClientConfig("https://market.example"), token_store=KeyringTokenStore())
    client.auth.login("buyer@example.com", password)
    for offer in client.catalog.offers(q="gloves", in_stock=True):
        ...
    """

    def __init__(
        self,
        config: ClientConfig | str,
        *,
        token_store: TokenStore | None = None,
        account: str | None = None,
        token: SecretStr | str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if isinstance(config, str):
            config = ClientConfig(server_url=config)
        super().__init__(config, token_store=token_store, account=account, token=token, transport=transport)
        self.auth = Auth(self)
        self.catalog = Catalog(self)
        self.cart = Cart(self)
        self.checkout = Checkout(self)
        self.orders = Orders(self)
        self.seller = Seller(self)
        self.questions = Questions(self)
        self.payments = Payments(self)
        self.admin = Admin(self)
