"""The shape of an area of the main window (Catalog, Cart & checkout, Orders, Seller), what the areas
share, and the root's collection of them.

    services = Services(paths=..., catalog_cache=..., connectivity=..., ...)   # stage 1, once
    page = area.build(services)           # stage 1, before the window: its page, or None ("Loading…")
    area.wire(window, services)           # stage 1, the window built: status messages, splitters
    area.connect(window, services.connected(client, token_store, session))   # stage 2
    area.start()                          # the app started: its background work (the catalog's sync)
    area.close()                          # at shutdown: one loop over every area

An area holds its own parts (its page, its stores, its controllers) and is handed everything else: it
never reaches into the shell, and the shell reads its parts through its typed attributes only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.api_client import MarketplaceClient, TokenStore
    from desktop.api_client.downloads import Downloader
    from desktop.models.cart import CartStore
    from desktop.models.catalog_cache import CatalogCache
    from desktop.models.infrastructure.paths import AppPaths
    from desktop.models.settings import SettingsStore
    from desktop.views.account.session import Session
    from desktop.views.settings.effects import SettingsEffects
    from desktop.views.shell.collaborators import CartSource
    from desktop.views.shell.connectivity import Connectivity
    from desktop.views.window.main_window import MainWindow
    from desktop.views.window.status import LastSync

__all__ = ["Area", "Connected", "Services", "SignIn"]


class SignIn(Protocol):
    """Open the sign-in dialog, saying why (the account flow's ``sign_in``)."""

    def __call__(self, reason: str = "") -> object: ...


@dataclass(frozen=True)
class Services:
    """What the areas share from stage 1 on (the root makes it once, before the first page)."""

    paths: AppPaths
    settings: SettingsStore
    server_url: str
    catalog_cache: CatalogCache
    downloader: Downloader  # the offer pictures' downloads
    settings_effects: SettingsEffects
    connectivity: Connectivity  # the one owner of online/offline
    last_sync: LastSync  # the one writer of "Last sync" in the status bar
    held: bool  # a staged start: no background work before the window's first paint
    account_hint: str | None  # the account the session restore will verify (shown until it has)
    cart: CartSource  # the cart lines go to (the signed-in account's, else the guest cart)
    cart_store: Callable[[], CartStore]  # the durable cart, made on first use
    signed_in: Callable[[], bool]
    sign_in: SignIn
    create_account: Callable[[], object]

    def connected(self, client: MarketplaceClient, token_store: TokenStore, session: Session) -> Connected:
        """These and what stage 2 makes."""
        return Connected(**vars(self), client=client, token_store=token_store, session=session)


@dataclass(frozen=True)
class Connected(Services):
    """What the areas share from stage 2 on: the API client, the token store, the session."""

    client: MarketplaceClient
    token_store: TokenStore
    session: Session


class Area:
    """One area of the window; the defaults are an area whose page comes with stage 2."""

    #: the window's page key ("catalog", "cart", "orders", "seller")
    key: ClassVar[str]

    def build(self, services: Services) -> QWidget | None:
        """Stage 1, before the window: the page painted with it; None: a "Loading…" placeholder stands
        there until :meth:`connect` puts the real page in its place."""
        return None

    def wire(self, window: MainWindow, services: Services) -> None:
        """Stage 1, the window built: what the page needs from it before it is shown."""

    def connect(self, window: MainWindow, services: Connected) -> None:
        """Stage 2: the client and the session (an area without a stage-1 page builds it now and puts it
        in the window with ``window.replace_page``)."""

    def start(self) -> None:
        """The app has started and stage 2 is done: the area's background work."""

    def close(self) -> None:
        """Shutdown: stop the area's work and close what it opened."""
