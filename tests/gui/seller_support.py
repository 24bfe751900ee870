"""Helpers of the seller's listings GUI tests: the page over a desk (tests.seller.support), and waits."""

from __future__ import annotations

import pytest

from desktop.models.seller import Status
from desktop.views.seller.listings_page import ListingsPage
from desktop.views.seller.outbox_runner import OutboxRunner
from tests.seller.support import open_desk


@pytest.fixture
def desk(live_server, tmp_path):
    """The demo seller's desk (tests.seller.support.open_desk) over this test's folder, closed after it."""
    desk = open_desk(live_server.url, tmp_path)
    yield desk
    desk.close()


def listings_page(qtbot, desk, width: int = 1200) -> ListingsPage:
    """My listings over the desk's copy and outbox, shown, sending as the page does."""
    page = ListingsPage(desk.client, desk.listings, OutboxRunner(desk.outbox, desk.sender))
    qtbot.addWidget(page)
    page.resize(width, 600)
    page.show()
    return page


def settled(page) -> bool:
    return not page.runner.busy and page.runner.outbox.entries((Status.WAITING, Status.SENDING)) == []


def has(page, status) -> bool:
    return not page.runner.busy and bool(page.runner.outbox.entries((status,)))


def show_only(page, sku) -> None:
    page.search.setText(sku)
    page.apply_filters()
    assert page.model.rowCount() == 1
