"""The Seller page as the shell builds it: the container, the Orders and Questions tabs, their badges,
and what it needs from the window (the account, connectivity, the settings, the catalog to open an
offer in). A signed-in seller also gets the Listings, Pending changes and Import tabs, over that
account's listings copy and outbox (the root's openers; see :mod:`.workspace`).

    page = seller_page(client, caches=seller_orders_caches, listings=open_listings, outboxes=open_outbox,
                       state_path=paths.window_state_path)
    wire(page, session, window, connectivity, catalog=catalog_area, settings=settings, files=files)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QSettings

from .fulfilment_page import FulfilmentPage
from .questions_page import QuestionsPage
from .seller_page import SellerPage

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.models.seller import SellerFiles
    from desktop.models.settings import SettingsStore
    from desktop.views.account.session import Session
    from desktop.views.shell.collaborators import OrdersCacheOpener
    from desktop.views.shell.connectivity import Connectivity
    from desktop.views.window.main_window import MainWindow

    from .account_desk import ListingsOpener, OutboxOpener


class OfferShower(Protocol):
    """What opens an offer (the catalog page: the composition root passes it; no area import)."""

    def show_offer(self, offer_id: int) -> None: ...

__all__ = ["seller_page", "wire"]


def seller_page(client: MarketplaceClient, *, caches: OrdersCacheOpener, listings: ListingsOpener | None = None,
                outboxes: OutboxOpener | None = None, state_path: str | Path | None = None,
                auto_sync: bool = True) -> SellerPage:
    """``listings``/``outboxes``: an account's listings copy and outbox (both, or the page has only the
    Orders and Questions tabs, read-only)."""
    state = QSettings(str(state_path), QSettings.Format.IniFormat) if state_path is not None else None
    page = SellerPage(state=state)
    if state is not None:
        state.setParent(page)
    page.fulfilment = FulfilmentPage(client, caches=caches, auto_sync=auto_sync)
    page.questions = QuestionsPage(client)
    page.openers = (listings, outboxes) if listings is not None and outboxes is not None else None
    page.workspace = None
    page.add_tab("orders", page.fulfilment, QCoreApplication.translate("SellerPage", "Orders"))
    page.add_tab("questions", page.questions, QCoreApplication.translate("SellerPage", "Questions"))
    page.fulfilment.to_prepare_changed.connect(lambda n: page.set_count(
        "orders", n, QCoreApplication.translate("SellerPage", "Paid orders waiting to be prepared: %1").replace(
            "%1", str(n))))
    page.questions.unanswered_changed.connect(lambda n: page.set_count(
        "questions", n, QCoreApplication.translate("SellerPage", "Questions waiting for your answer: %1").replace(
            "%1", str(n))))
    return page


def wire(page: SellerPage, session: Session, window: MainWindow, connectivity: Connectivity, *,
         catalog: OfferShower | None = None, settings: SettingsStore | None = None,
         files: SellerFiles | None = None) -> None:
    """Follow the signed-in account (a seller's: its orders, questions, listings and outbox; anyone else:
    nothing), sync when the Seller page is shown, and go offline / online with the window. ``files``: what
    the listings and outbox openers open through, keyed by the marketplace's identity (see workspace.py)."""
    from .workspace import SellerWorkspace

    if page.openers is not None:
        page.workspace = SellerWorkspace(page, page.fulfilment.client, listings=page.openers[0],
                                         outboxes=page.openers[1], connectivity=connectivity, settings=settings,
                                         window=window, files=files)

    def account_changed() -> None:
        seller = session.signed_in and session.is_seller
        if page.workspace is not None:
            page.workspace.set_account(session.email if seller else None)
        page.fulfilment.set_account(session.email if seller else None)
        if seller:
            page.questions.load()
        else:
            page.questions.clear()

    def shown(key: str) -> None:
        if key == "seller" and session.signed_in and session.is_seller:
            page.fulfilment.sync()
            page.questions.load()
            if page.workspace is not None:
                page.workspace.refresh()

    def set_online(online: bool) -> None:
        page.fulfilment.set_online(online)
        page.questions.set_online(online)

    def open_offer(offer_id: int) -> None:
        if catalog is not None and window.show_page("catalog"):
            catalog.show_offer(offer_id)

    session.changed.connect(account_changed)
    window.page_changed.connect(shown)
    connectivity.changed.connect(set_online)
    page.questions.offer_requested.connect(open_offer)
    window.remember_splitter(page.fulfilment.splitter, "seller-orders")
    window.remember_splitter(page.questions.splitter, "seller-questions")
    account_changed()
