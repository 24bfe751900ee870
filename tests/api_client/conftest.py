"""Fixtures of the API client tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import respx

from desktop.api_client import ClientConfig, MarketplaceClient, MemoryTokenStore

from .helpers import API, BASE, SleepRecorder


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def token_store() -> MemoryTokenStore:
    return MemoryTokenStore()


@pytest.fixture
def make_client(sleeps: SleepRecorder, token_store: MemoryTokenStore) -> Callable[..., MarketplaceClient]:
    """A client of ``http://market.test`` whose retries record their sleeps instead of sleeping."""
    made: list[MarketplaceClient] = []

    def make(server_url: str = BASE, **config) -> MarketplaceClient:
        token = config.pop("token", None)
        account = config.pop("account", None)
        config.setdefault("sleep", sleeps)
        client = MarketplaceClient(
            ClientConfig(server_url=server_url, **config),
            token_store=token_store,
            token=token,
            account=account,
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def api() -> respx.MockRouter:
    with respx.mock(base_url=API, assert_all_called=False, assert_all_mocked=True) as router:
        yield router


# -- real-server fixtures (``live_server`` comes from tests/conftest.py) ------------------------------


@pytest.fixture(scope="session")
def seller_client(live_server):
    from .live import SELLER, signed_in

    client = signed_in(live_server.url, SELLER)
    yield client
    client.close()


@pytest.fixture(scope="session")
def buyer_client(live_server):
    from .live import BUYER, signed_in

    client = signed_in(live_server.url, BUYER)
    yield client
    client.close()


@pytest.fixture(scope="session")
def admin_client(live_server):
    from .live import ADMIN, signed_in

    client = signed_in(live_server.url, ADMIN)
    yield client
    client.close()


@pytest.fixture
def fresh_buyer(live_server):
    """A newly registered buyer of the test's own (its orders are only the test's)."""
    from .live import register_buyer

    client, _email = register_buyer(live_server.url)
    yield client
    client.close()
