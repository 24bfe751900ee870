"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest

from tests.support.server import ServerProcess, cleanup, make_server


@pytest.fixture(scope="session")
def live_server() -> ServerProcess:
    """The real reference server with demo data and local Stripe, one per test session.
    Tests that change shared state use their own account or their own offers."""
    server = make_server()
    server.start()
    yield server
    cleanup(server)


@pytest.fixture
def private_server() -> ServerProcess:
    """A server of the test's own, for tests that stop, restart or exhaust it."""
    server = make_server(offers=120, orders=20)
    server.start()
    yield server
    cleanup(server)
