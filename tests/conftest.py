"""Fixtures shared by every test folder."""

from __future__ import annotations

import os

import pytest

from tests.support.server import ServerProcess, cleanup, make_server


def pytest_runtest_setup(item: pytest.Item) -> None:
    """The `postgres` marker's meaning (pyproject.toml): such a test needs the PostgreSQL server of the
    suite's second pass (scripts/test) and is not run in the first, on SQLite."""
    if item.get_closest_marker("postgres") and not os.environ.get("BULKDESK_TEST_DATABASE_URL", "").startswith(
        "postgresql"
    ):
        pytest.skip("PostgreSQL only: runs in the second pass (BULKDESK_TEST_DATABASE_URL)")


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


@pytest.fixture
def browser():
    """Stands in for the system browser: QDesktopServices.openUrl(http…) is recorded in `.urls`
    (the browser tests then open the recorded page in headless Chromium)."""
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices

    class UrlRecorder(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.urls: list[str] = []

        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            self.urls.append(url.toString())

    recorder = UrlRecorder()
    QDesktopServices.setUrlHandler("http", recorder, "open")
    yield recorder
    QDesktopServices.unsetUrlHandler("http")
