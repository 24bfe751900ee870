"""The shell: owns the client, the session, the window and its pages, and connects them; built in two
stages so that the window with the cached catalog is painted first (see :class:`Shell`).

The composition root (desktop/app.py) makes one; tests make their own with injected parts.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop.api_client.downloads import Downloader
from desktop.models.catalog_cache import CatalogCache
from desktop.models.infrastructure.paths import AppPaths
from desktop.models.settings import LastAccounts, SettingsStore
from desktop.views.account.flow import AccountFlow
from desktop.views.account.session import Session
from desktop.views.areas import Area, Areas, Connected, Services
from desktop.views.background import tasks
from desktop.views.errors import channel as errors
from desktop.views.errors.channel import ErrorChannel
from desktop.views.locale.i18n import resolve_language
from desktop.views.settings.effects import SettingsEffects, network_settings
from desktop.views.shell.connectivity import Connectivity
from desktop.views.shell.placeholders import placeholder_pages
from desktop.views.window.banner import OfflineBanner
from desktop.views.window.main_window import MainWindow
from desktop.views.window.status import LastSync, StatusBar

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient, TokenStore
    from desktop.models.cart import Cart, CartStore
    from desktop.views.account.dialogs import CreateAccountDialog, SignInDialog
    from desktop.views.cart import CartPage
    from desktop.views.catalog.catalog_page import CatalogPage
    from desktop.views.catalog.sync_controller import SyncController
    from desktop.views.orders import OrdersPage
    from desktop.views.seller.seller_page import SellerPage
    from desktop.views.settings.dialog import SettingsDialog
    from desktop.views.shell.quit_guard import UnsentChangesDialog

__all__ = ["STAGE2_FALLBACK_MS", "Shell"]

log = logging.getLogger("desktop.app")


def default_token_store() -> TokenStore:
    """The OS keyring (imported here, in stage 2's worker); an in-memory store when there is none."""
    from desktop.api_client.tokens import default_token_store as make

    return make()


# a staged start runs stage 2 after the first paint, or after this long (a window shown minimised)
STAGE2_FALLBACK_MS = 1000


class Shell(QObject):
    """Owns the client, session, window and the error channel; connects them.

    Its areas (``self.areas``: catalog, cart, orders, seller; desktop/views/areas/) are parts it builds,
    wires and closes; what they share is ``self.services`` (stage 2 adds the client and the session).

    Built in two stages, so that the window with the cached catalog is painted first:

    - stage 1, the constructor: the catalog cache, the Catalog page, the main window with every page's
      entry (Cart and Orders say "Loading…" until stage 2 puts the real pages there), its menus wired;
    - stage 2: the token store and the API client (keyring, httpx, pydantic), the session, the sync
      controller, the Cart and Orders pages; then ``ready``. The session restore and the sync on start
      run once both stage 2 and :meth:`start` have.

    ``staged=False`` (tests, scripts) runs stage 2 in the constructor, on this thread: the shell is
    whole when it returns. ``staged=True`` (main) runs it after the window's first paint: the token store
    and the client in a worker (a locked keyring keeps only that waiting), the rest on the GUI thread.
    Until ``ready``, what needs the client or the session (sign in, create an account, continue as a
    guest, sign out, retry, a 401) waits for it and then runs; the catalog works from the cache.
    """

    # stage 2 is done: the client, the session, the pages and the sync controller are there
    ready = Signal()
    # stage 2 failed (the error went to the error channel); the catalog still works from the cache
    failed = Signal(object)

    def __init__(
        self,
        server_url: str,
        *,
        paths: AppPaths,
        settings: SettingsStore | None = None,
        token_store: TokenStore | None = None,
        channel: ErrorChannel | None = None,
        client: MarketplaceClient | None = None,
        staged: bool = False,
        quit_app: Callable[[], object] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self._quit_app = quit_app or QApplication.quit  # what File > Quit (or closing the window) ends with
        self._quitting = False
        self.quit_dialog: UnsentChangesDialog | None = None
        self.settings = settings or SettingsStore.at(paths)
        self.last_accounts = LastAccounts(paths.account_state_path)
        self.server_url = server_url.rstrip("/")
        self.channel = channel or ErrorChannel(parent=self)
        # -- made by stage 2 (a token store or client given here is used as it is) -----------------
        self.token_store: TokenStore | None = token_store
        self.client: MarketplaceClient | None = client
        self.session: Session | None = None
        self._stage2_services: Connected | None = None  # what the areas share from stage 2 on
        self._cart_store: CartStore | None = None
        self._staged = staged
        self._stage2_started = False
        self._ready = False
        self._started = False
        self._waiting: list[Callable[[], object]] = []
        self._lock = threading.Lock()  # guards _closed and _made_client, shared with the stage-2 worker
        self._closed = False
        self._made_client: MarketplaceClient | None = None  # a client the worker made, until the GUI thread has it
        self._account_hint = self.last_accounts.get(self.server_url)
        # -- stage 1 --------------------------------------------------------------------------------
        self.catalog_cache = CatalogCache(paths.cache / "catalog.sqlite3")
        # the offer pictures' downloads, with the API client's proxy and trust store (the catalog page's)
        self.downloader = Downloader(**network_settings(self.settings.get))
        self.areas = areas = Areas.standard()
        catalog = areas.catalog
        self.settings_effects = SettingsEffects(
            self.settings.get, cache=self.catalog_cache, catalog_page=lambda: catalog.page,
            sync_controller=lambda: catalog.sync_controller, client=lambda: self.client,
            downloader=self.downloader, parent=self,
        )
        # every save of the settings, from wherever, reaches the parts it changes
        self._unsubscribe_settings = self.settings.subscribe(self.settings_effects.saved)
        # the status bar and the banner before the window: the owners of their texts are shared with the
        # areas, whose pages are built before the window
        status, banner = StatusBar(), OfflineBanner()
        last_sync = LastSync(status, self.catalog_cache.last_synced_at)  # the one writer of "Last sync"
        # the one owner of online/offline: the status bar, the banner (and its Retry), the probe; the
        # probe's call comes with the client (stage 2)
        self.connectivity = Connectivity(status=status, banner=banner, last_sync=lambda: last_sync.when,
                                         parent=self)
        self.services = Services(
            paths=paths, settings=self.settings, server_url=self.server_url, catalog_cache=self.catalog_cache,
            downloader=self.downloader, settings_effects=self.settings_effects, connectivity=self.connectivity,
            last_sync=last_sync, held=staged, account_hint=self._account_hint, cart=self.current_cart,
            cart_store=lambda: self.cart_store, signed_in=lambda: self.session is not None and self.session.signed_in,
            sign_in=self.sign_in, create_account=self.create_account,
        )
        # an area's page built now is painted with the window (the catalog); the others say "Loading…"
        # until stage 2 puts their pages in the place of these placeholders (see _finish)
        built = {area.key: area.build(self.services) for area in areas}
        pages = placeholder_pages(loading=[key for key, page in built.items() if page is None],
                                  widgets={key: page for key, page in built.items() if page is not None})
        self.window = MainWindow(pages, state=QSettings(str(paths.window_state_path), QSettings.Format.IniFormat),
                                 status=status, banner=banner)
        self.channel.set_window(self.window)
        self.accounts = AccountFlow(self.window, self.server_url, client=lambda: self.client,
                                    session=lambda: self.session, is_ready=lambda: self._ready,
                                    when_ready=self.when_ready, parent=self)
        for area in areas:
            area.wire(self.window, self.services)
        self._wire()
        if self._account_hint:  # as the session restore shows it, until stage 2 knows
            self.window.set_account(self._account_hint, verifying=True)
        if not staged:
            self.complete()

    def _remember_account(self, account: str | None) -> None:
        self.last_accounts.set(self.server_url, account)

    # -- stage 2 -----------------------------------------------------------------------------------
    @property
    def is_ready(self) -> bool:
        """Stage 2 is done (``ready`` was emitted)."""
        return self._ready

    def when_ready(self, action: Callable[[], object]) -> None:
        """Run ``action`` now when stage 2 is done, else once it is (in the order asked)."""
        if self._ready:
            action()
        else:
            self._waiting.append(action)

    def complete(self) -> None:
        """Run stage 2 now, on this thread (``staged=False`` does it in the constructor)."""
        if self._stage2_started:
            return
        self._stage2_started = True
        token_store, client = self._connect(self._account_hint)
        with self._lock:
            self._made_client = None
        self._finish(token_store, client)

    def _after_first_paint(self) -> None:
        """A staged start, once the window is painted: the catalog page's background work, stage 2."""
        if not self._closed:
            self.areas.catalog.release()
        self._begin_stage2()

    def _begin_stage2(self) -> None:
        """The token store and the client in a worker, then :meth:`_finish` on the GUI thread."""
        if self._stage2_started or self._closed:
            return
        self._stage2_started = True
        hint = self._account_hint
        tasks.QueryOp(self, lambda: self._connect(hint), self._connected, self._connect_failed).run_in_background()

    def _connect(self, account: str | None) -> tuple[TokenStore, MarketplaceClient]:
        """The token store, the account and the API client. No Qt here: in a staged start a worker runs
        it (importing keyring, httpx and the pydantic types, and reading the keyring, take their time
        there, not the window's)."""
        from desktop.api_client import ClientConfig, MarketplaceClient

        token_store = self.token_store if self.token_store is not None else default_token_store()
        client = self.client
        if client is None:
            if account is None:
                with contextlib.suppress(Exception):  # a locked or broken keyring: start signed out
                    account = token_store.current_account(self.server_url)
            language = resolve_language(str(self.settings.get("language")))  # applies after a restart
            config = ClientConfig(self.server_url, accept_language=language, **network_settings(self.settings.get))
            client = MarketplaceClient(config, token_store=token_store, account=account)
            with self._lock:
                if self._closed:  # the app quit meanwhile: nobody will close it
                    client.close()
                    raise RuntimeError("Bulkdesk is closing")
                self._made_client = client
        return token_store, client

    def _connected(self, made: tuple[TokenStore, MarketplaceClient]) -> None:
        with self._lock:
            self._made_client = None
            closed = self._closed
        if closed:
            if made[1] is not self.client:
                made[1].close()
            return
        self._finish(*made, sliced=True)

    def _connect_failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        errors.report_exception(exc, self.window)
        self.failed.emit(exc)

    def _finish(self, token_store: TokenStore, client: MarketplaceClient, *, sliced: bool = False) -> None:
        """Stage 2 on the GUI thread: the session, then each area (the catalog's client and sync
        controller, the Cart, Orders and Seller pages), then ``ready``. ``sliced``: one step per turn of
        the event loop (each takes 5-30 ms), so that input and paints go between them."""
        self.token_store, self.client = token_store, client
        self.connectivity.set_probe(client.catalog.health)
        steps: list[Callable[[], None]] = [
            self._finish_session, *(functools.partial(self._connect_area, area) for area in self.areas),
            self._finish_ready,
        ]
        if not sliced:
            for step in steps:
                step()
            return

        def next_step() -> None:
            if not self._closed:
                steps.pop(0)()
            if steps and not self._closed:
                QTimer.singleShot(0, self, next_step)

        next_step()

    def _finish_session(self) -> None:
        assert self.client is not None and self.token_store is not None
        self.session = Session(self.client, remember_account=self._remember_account, parent=self)
        self.accounts.wire_session()
        self._stage2_services = self.services.connected(self.client, self.token_store, self.session)

    def _connect_area(self, area: Area) -> None:
        assert self._stage2_services is not None  # the session's step runs first
        area.connect(self.window, self._stage2_services)

    def _finish_ready(self) -> None:
        self._ready = True
        if self._started:
            self._start_background()
        self.ready.emit()
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()

    @property
    def cart_store(self) -> CartStore:
        """The durable cart; made on first use (stage 2, or an "Add to cart" before it)."""
        if self._cart_store is None:
            from desktop.models.cart import CartStore

            self._cart_store = CartStore(self.paths.data / "cart.sqlite3")
        return self._cart_store

    def current_cart(self) -> Cart:
        s = self.session  # before stage 2 nobody is signed in yet: the guest cart, as before a restore
        return self.cart_store.cart(self.server_url, s.email if s is not None and s.signed_in else None)
    # -- the areas' parts, read-only ---------------------------------------------------------------
    @property
    def catalog_page(self) -> CatalogPage | None:
        return self.areas.catalog.page

    @property
    def sync_controller(self) -> SyncController | None:
        """The catalog's sync controller (stage 2)."""
        return self.areas.catalog.sync_controller

    @property
    def cart_page(self) -> CartPage | None:
        return self.areas.cart.page

    @property
    def orders_page(self) -> OrdersPage | None:
        return self.areas.orders.page

    @property
    def seller_page(self) -> SellerPage | None:
        return self.areas.seller.page

    def _wire(self) -> None:
        """Stage 1: the window's menus and the error channel (what needs the session waits for it)."""
        w, c = self.window, self.channel
        w.sign_in_requested.connect(self.sign_in)
        w.create_account_requested.connect(self.create_account)
        w.guest_requested.connect(lambda: self.when_ready(lambda: self.session.continue_as_guest()))
        w.sign_out_requested.connect(lambda: self.when_ready(lambda: self.session.sign_out(w)))
        w.settings_requested.connect(self.open_settings)
        w.quit_requested.connect(self.request_quit)
        w.set_close_guard(self._may_close)
        c.offline.connect(self.connectivity.went_offline)
        self.connectivity.reachable.connect(self._marketplace_reachable)
        c.auth_expired.connect(lambda exc: self.when_ready(lambda: self.session.expire(exc)))

    # -- quitting (desktop/views/shell/quit_guard.py) -----------------------------------------------
    def request_quit(self) -> UnsentChangesDialog | None:
        """Quit, unless the seller's outbox holds changes not yet sent: then ask (Wait and send, Quit
        anyway, Cancel); the changes stay kept whatever the answer."""
        seller = self.areas.seller
        count, runner = seller.unsent(), seller.runner()
        if count == 0 or runner is None or self._quitting:
            self._quit()
            return None
        if self.quit_dialog is not None and self.quit_dialog.isVisible():
            self.quit_dialog.raise_()
            return self.quit_dialog
        from desktop.views.shell.quit_guard import UnsentChangesDialog

        def send() -> None:  # offline: ask the marketplace again; once it answers, the runner drains
            if self.connectivity.online:
                runner.kick()
            else:
                self.retry_connection()

        dialog = self.quit_dialog = UnsentChangesDialog(unsent=seller.unsent, changed=runner.changed, send=send,
                                                        parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.quit_now.connect(self._quit)
        dialog.destroyed.connect(lambda: setattr(self, "quit_dialog", None))
        dialog.open()
        return dialog

    def _may_close(self) -> bool:
        """The window's close button: the same question as File > Quit (False: the window stays)."""
        if self._quitting or self._closed or self.areas.seller.unsent() == 0:
            return True
        self.request_quit()
        return False

    def _quit(self) -> None:
        self._quitting = True
        self._quit_app()

    # -- account (desktop/views/account/flow.py) --------------------------------------------------
    def sign_in(self, reason: str = "") -> SignInDialog | None:
        return self.accounts.sign_in(reason)

    def sign_in_again(self) -> None:
        self.accounts.sign_in_again()

    def create_account(self) -> CreateAccountDialog | None:
        return self.accounts.create_account()

    @property
    def sign_in_dialog(self) -> SignInDialog | None:
        return self.accounts.sign_in_dialog

    # -- settings ----------------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        from desktop.views.settings.dialog import SettingsDialog

        values = self.settings.values()
        values["server_url"] = values.get("server_url") or self.server_url
        dialog = SettingsDialog(values, set(self.settings.locked_fields), cache_size=self.cache_size,
                                clear_cache=self.clear_cache, parent=self.window, sources=self.settings.sources(),
                                seller=self.session is not None and self.session.is_seller,
                                connected_url=self.server_url)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._save_settings)
        dialog.open()
        return dialog

    def _save_settings(self, changes: dict[str, Any]) -> None:
        problems = self.settings.update(changes)  # its listeners apply what changed (settings_effects)
        if problems:
            errors.report_exception(ValueError("\n".join(problems)), self.window)

    def cache_size(self) -> int:
        """Bytes used by the offline catalog cache (database and thumbnails)."""
        return self.catalog_cache.size_bytes()

    def clear_cache(self) -> None:
        """Empty the offline catalog; the next sync downloads it again (before stage 2: its sync on start)."""
        self.catalog_cache.clear()
        self.areas.catalog.sync_now()

    # -- connectivity (owned by self.connectivity) ------------------------------------------------
    def went_offline(self, exc: BaseException | None = None) -> None:
        self.connectivity.went_offline(exc)

    def back_online(self) -> None:
        self.connectivity.reached()

    @property
    def last_sync(self) -> datetime | None:
        """When the offline catalog was last synced, as the status bar and the offline banner say."""
        return self.services.last_sync.when

    def set_last_sync(self, when: datetime) -> None:
        self.services.last_sync.set(when)

    def retry_connection(self) -> tasks.QueryOp | None:
        """``GET /health`` in the background (before stage 2: once the client is there, None now)."""
        return self.connectivity.retry()

    def _marketplace_reachable(self) -> None:
        session = self.session  # a session kept while offline at start is checked now
        if session is not None and session.pending_account and not session.signed_in:
            session.restore(self.window)

    # -- life cycle --------------------------------------------------------------------------------
    def start(self) -> None:
        """Show the window. The session restore and the sync start with stage 2: at once when it is
        done, else right after the window's first paint, when a staged start runs it."""
        self._started = True
        if self._staged and not self._stage2_started:
            self.window.first_painted.connect(self._after_first_paint)
            QTimer.singleShot(STAGE2_FALLBACK_MS, self, self._after_first_paint)  # a window never painted
        self.window.show()
        if self._ready:
            self._start_background()

    def _start_background(self) -> None:
        assert self.session is not None
        self.session.restore(self.window)
        for area in self.areas:
            area.start()
        self.settings_effects.trim_cache()  # the limit as saved, at start

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            made, self._made_client = self._made_client, None
        with contextlib.suppress(RuntimeError):
            self.window.save_state()
        self._unsubscribe_settings()
        self.connectivity.stop()
        for area in self.areas:  # their syncs, downloads and stores (before the shared parts they use)
            area.close()
        self.settings_effects.close()
        self.downloader.close()
        with contextlib.suppress(Exception):
            self.catalog_cache.close()
        for client in (self.client, made if made is not self.client else None):
            if client is not None:
                with contextlib.suppress(Exception):
                    client.close()
