"""The shell's page areas: how each page is built from what the shell holds, and wired to the window
(catalog: stage 1 builds the page, stage 2 gives it the client and the sync; cart & checkout, orders:
stage 2). One function per step, called by :class:`~desktop.views.shell.Shell`.
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.api_client import MarketplaceClient, TokenStore
    from desktop.views.cart.cart_page import CheckoutFactory
    from desktop.views.catalog.catalog_page import CatalogPage
    from desktop.views.catalog.saved_search_alerts import SavedSearchAlerts
    from desktop.views.catalog.sync_controller import SyncController
    from desktop.views.collaborators import GuestClientFactory, OrdersCacheOpener
    from desktop.views.shell import Shell

__all__ = [
    "build_cart_page", "build_catalog_page", "build_orders_page", "build_seller_page", "checkout_factory",
    "guest_clients", "orders_caches", "wire_cart", "wire_catalog", "wire_catalog_page", "wire_orders",
    "wire_saved_search_alerts", "wire_seller",
]


# -- what the pages are given to make their clients and stores with -----------------------------------
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
    from desktop.models.checkout import DetailsStore
    from desktop.views.checkout import CheckoutWizard

    return functools.partial(CheckoutWizard, details=DetailsStore(details_path), guest_client=guest_clients(client),
                             token_store=token_store)


def orders_caches(data_dir: Path, server_url: str) -> OrdersCacheOpener:
    """An account's orders cache (one file per server and account under ``<data>/orders/``)."""
    from desktop.models.orders_cache import OrdersCache

    def open_cache(account: str | None) -> OrdersCache:
        return OrdersCache.for_account(data_dir, server_url, account)

    return open_cache


def build_catalog_page(shell: Shell) -> QWidget:
    from desktop.models.saved_searches import SavedSearchStore
    from desktop.views.catalog.catalog_page import CatalogPage
    from desktop.views.catalog.thumbnails import ThumbnailLoader

    # no worker, no download before the first paint (see Shell._after_first_paint)
    thumbnails = ThumbnailLoader(shell.catalog_cache, fetch=shell.downloader.fetch, held=shell._staged)
    thumbnails.loaded.connect(shell.settings_effects.downloaded)  # the cache limit, after downloads
    # saved searches and offer watches, per account, on this computer (closed by Shell.shutdown)
    shell.saved_searches = SavedSearchStore(shell.paths.data / "saved_searches.sqlite3")
    shell.catalog_page = CatalogPage(
        shell.catalog_cache, shell.client, cart=shell.current_cart,
        currency=str(shell.settings.get("currency")),
        signed_in=lambda: shell.session is not None and shell.session.signed_in,
        online=lambda: shell.connectivity.online,
        thumbnails=thumbnails, held=shell._staged, saved_searches=shell.saved_searches,
        server_url=shell.server_url,
    )
    thumbnails.setParent(shell.catalog_page)
    return shell.catalog_page


def wire_catalog_page(shell: Shell) -> None:
    """Stage 1: what the page needs from the window before it is shown."""
    page = getattr(shell, "catalog_page", None)
    if page is None:
        return
    page.status_message.connect(lambda text: shell.window.status.showMessage(text, 5000))
    page.sign_in_requested.connect(
        lambda: shell.sign_in(QCoreApplication.translate("app", "Sign in to contact the seller."))
    )
    shell.window.remember_splitter(page.splitter, "catalog")
    shell.window.remember_splitter(page.side, "catalog-side")  # the category tree above the saved searches
    page.set_account(shell._account_hint)  # as the session restore shows it, until the session says
    with contextlib.suppress(Exception):  # the sync controller says it again when it starts
        shell.window.status.set_last_sync(shell.catalog_cache.last_synced_at())


def wire_catalog(shell: Shell) -> None:
    """Stage 2: the client and the sync controller."""
    from desktop.models.sync import SyncEngine
    from desktop.views.catalog.saved_search_alerts import SavedSearchAlerts
    from desktop.views.catalog.sync_controller import SyncController

    page = getattr(shell, "catalog_page", None)
    if page is None:
        shell.sync_controller = None
        return
    page.set_client(shell.client)
    sc = shell.sync_controller = SyncController(
        SyncEngine(shell.client, shell.catalog_cache), shell.client, shell.catalog_cache,
        status=shell.window.status, banner=shell.window.banner, shortcut_parent=shell.window,
        interval_minutes=int(shell.settings.get("sync_interval_minutes")),
        connectivity=shell.connectivity, parent=shell,
    )
    sc.synced.connect(page.catalog_synced)
    sc.started.connect(lambda _full: page.set_syncing(True))
    sc.synced.connect(lambda _r: page.set_syncing(False))
    sc.failed.connect(lambda _e: page.set_syncing(False))
    shell.connectivity.changed.connect(lambda online: online and page.back_online())
    sc.synced.connect(lambda _r: shell.set_last_sync(shell.catalog_cache.last_synced_at()))
    sc.synced.connect(shell.settings_effects.trim_cache)  # a sync brings pictures' URLs, the limit stays
    # saved searches: evaluated after each sync in a worker, one notification per search or watch
    alerts = shell.saved_search_alerts = SavedSearchAlerts(
        shell.catalog_cache, lambda: page.saved.account, status_bar=shell.window.status, parent=shell)
    wire_saved_search_alerts(page, sc, alerts, lambda: shell.window.show_page("catalog"))
    s = shell.session
    if s is not None:  # the account's saved searches and watches follow sign-in changes
        s.changed.connect(lambda: page.set_account(s.email))
        page.set_account(s.email)
    # the error channel's offline signal reaches shell.connectivity (connected in stage 1)


def wire_saved_search_alerts(page: CatalogPage, controller: SyncController, alerts: SavedSearchAlerts,
                             show_catalog: Callable[[], object]) -> None:
    """After each sync the alerts' evaluation; a notification clicked opens its search (new matches
    marked) or its offer on the catalog page; the list's counts follow each evaluation."""
    controller.synced.connect(alerts.evaluate)
    alerts.evaluated.connect(lambda _alerts: page.saved.refresh())
    alerts.search_clicked.connect(lambda search_id: (show_catalog(), page.saved.open_search(search_id)))
    alerts.offer_clicked.connect(lambda offer_id: (show_catalog(), page.show_offer(offer_id)))


def build_cart_page(shell: Shell) -> QWidget:
    from desktop.views.cart import CartPage

    client = shell.client
    assert client is not None  # stage 2
    shell.cart_page = CartPage(
        shell.cart_store, client, shell.session, server_url=shell.server_url,
        cache=getattr(shell, "catalog_cache", None),
        currency=lambda: str(shell.settings.get("currency")),
        online=lambda: shell.connectivity.online,
        checkout=checkout_factory(shell.paths.data / "checkout-details.json", client, shell.token_store),
    )
    # it checks itself with the server again once back online
    shell.connectivity.changed.connect(shell.cart_page.set_online)
    return shell.cart_page


def wire_cart(shell: Shell) -> None:
    page = getattr(shell, "cart_page", None)
    if page is None:
        return
    page.sign_in_requested.connect(shell.sign_in)
    page.create_account_requested.connect(shell.create_account)
    page.view_orders_requested.connect(lambda: shell.window.show_page("orders"))
    page.status_message.connect(lambda text: shell.window.statusBar().showMessage(text, 5000))


def build_orders_page(shell: Shell) -> QWidget:
    from desktop.views.orders import OrdersPage

    client = shell.client
    assert client is not None  # stage 2
    shell.orders_page = OrdersPage(client, caches=orders_caches(shell.paths.data, client.server_url),
                                   guest_client=guest_clients(client), token_store=shell.token_store,
                                   cart=shell.current_cart)
    return shell.orders_page


def wire_orders(shell: Shell) -> None:
    page = getattr(shell, "orders_page", None)
    if page is None:
        return
    page.notifier.status_bar = shell.window.status
    shell.connectivity.changed.connect(page.set_online)
    s = shell.session
    assert s is not None

    def account_changed() -> None:  # the signed-in account's orders; offline, the kept account's cache
        page.set_account(s.user.email if s.signed_in else s.pending_account, sync=s.signed_in)

    s.changed.connect(account_changed)
    shell.window.page_changed.connect(lambda key: key == "orders" and s.signed_in and page.sync())
    shell.window.remember_splitter(page.splitter, "orders")
    account_changed()


def build_seller_page(shell: Shell) -> QWidget:
    from desktop.views.seller.build import seller_page

    assert shell.client is not None
    from desktop.models.seller import ListingsStore, Outbox

    opener = orders_caches(shell.paths.data, shell.server_url)
    data, url = shell.paths.data, shell.server_url
    shell.seller_page = seller_page(shell.client, caches=lambda account: opener(f"{account}#seller-orders"),
                                    listings=lambda account: ListingsStore.for_account(data, url, account),
                                    outboxes=lambda account: Outbox.for_account(data, url, account),
                                    state_path=shell.paths.window_state_path)
    return shell.seller_page


def wire_seller(shell: Shell) -> None:
    from desktop.views.seller.build import wire

    page = getattr(shell, "seller_page", None)
    if page is not None:
        wire(page, shell.session, shell.window, shell.connectivity, catalog=getattr(shell, "catalog_page", None),
             settings=shell.settings)
