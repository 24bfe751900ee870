"""The composition root: ``bulkdesk [--server URL] [--demo] [--smoke]``.

Builds the settings, the token store, the API client, the session, the pages and the main window, and
wires them; nothing else constructs them. Everything long-running is a background op (views/tasks.py).

    main()                 → parse args, QApplication, theme, language, error channel, signals
      --demo               → DemoServer (models/demo_server.py) child + splash until /health answers
      Shell(url, staged=True).start()
        stage 1            → settings, catalog cache, Catalog page, MainWindow (Cart, Orders: placeholders)
        (first paint)      → the window with the cached catalog is on screen
        stage 2            → token store + API client in a worker (keyring, httpx, pydantic), then the
                             session, the sync controller, the Cart and Orders pages; session.restore()
                             and the sync in background; ``Shell.ready``

Stage 1 imports no httpx, pydantic or keyring, and touches no network: they cost most of a second,
which the first paint does not wait for. Dialogs are imported when they open.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QSocketNotifier, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from desktop.models.catalog_cache import CatalogCache
from desktop.models.crash_log import CrashLog
from desktop.models.settings import SettingsStore
from desktop.views import errors, tasks
from desktop.views.errors import ErrorChannel
from desktop.views.i18n import install_translations
from desktop.views.main_window import EmptyState, MainWindow, Page
from desktop.views.session import Session
from desktop.views.theme import apply_style_sheet, apply_theme

if TYPE_CHECKING:
    from desktop.api_client import TokenStore
    from desktop.models.cart import CartStore
    from desktop.models.demo_server import DemoServer
    from desktop.views.account_dialogs import CreateAccountDialog, SignInDialog
    from desktop.views.settings_dialog import SettingsDialog

__all__ = ["AppPaths", "Prefs", "Shell", "main", "parse_args"]

log = logging.getLogger("desktop.app")

DEFAULT_SERVER = "http://127.0.0.1:8000"
QUIT_AFTER_SHOWN_ENV = "BULKDESK_QUIT_AFTER_SHOWN"


# -- folders and preferences ---------------------------------------------------------------------
@dataclass(frozen=True)
class AppPaths:
    """Where the app keeps its files (platformdirs; injectable for tests)."""

    config: Path
    data: Path
    cache: Path

    @classmethod
    def default(cls) -> AppPaths:
        import platformdirs

        return cls(
            config=Path(platformdirs.user_config_dir("Bulkdesk", appauthor=False)),
            data=Path(platformdirs.user_data_dir("Bulkdesk", appauthor=False)),
            cache=Path(platformdirs.user_cache_dir("Bulkdesk", appauthor=False)),
        )

    def ensure(self) -> AppPaths:
        for folder in (self.config, self.data, self.cache):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    def window_state(self) -> QSettings:
        return QSettings(str(self.config / "window.ini"), QSettings.Format.IniFormat)


class Prefs:
    """The user's settings as the shell needs them: the settings dialog's fields (through the
    :class:`~desktop.models.settings.SettingsStore` and its policy.json locks), and the last account
    per server (a small state file beside them; the token itself is only in the keyring)."""

    def __init__(
        self, paths: AppPaths, *, store: SettingsStore | None = None, policy_path: Path | None = None
    ) -> None:
        self.paths = paths
        self.store = store or SettingsStore(paths.config / "settings.json", policy_path)
        self.store.read()  # this runs before the window is shown: no Settings object is built
        for warning in self.store.warnings:
            log.warning("settings: %s", warning)
        self._state = QSettings(str(paths.config / "state.ini"), QSettings.Format.IniFormat)

    def values(self) -> dict[str, Any]:
        from desktop.views.settings_dialog import KEYS as SETTINGS_KEYS

        return {key: self.store.get(key) for key in SETTINGS_KEYS}

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self.store.get(key)
        except KeyError:
            return default

    def locked(self) -> set[str]:
        from desktop.views.settings_dialog import KEYS as SETTINGS_KEYS

        return set(self.store.locked_fields) & set(SETTINGS_KEYS)

    def update(self, changes: dict[str, Any]) -> list[str]:
        """Save the changed fields; returns the messages of those refused (invalid or locked)."""
        problems = []
        for key, value in changes.items():
            try:
                self.store.set(key, value)
            except (KeyError, ValueError) as exc:
                problems.append(str(exc))
        return problems

    def last_account(self, server_url: str) -> str | None:
        value = self._state.value(f"accounts/{_server_key(server_url)}")
        return str(value) if value else None

    def set_last_account(self, server_url: str, account: str | None) -> None:
        key = f"accounts/{_server_key(server_url)}"
        if account:
            self._state.setValue(key, account)
        else:
            self._state.remove(key)
        self._state.sync()


def _server_key(server_url: str) -> str:
    return server_url.strip().rstrip("/").replace("://", "_").replace("/", "_").replace(":", "_")


def default_token_store() -> TokenStore:
    """The OS keyring; an in-memory store (and a log line) when this system has no usable keyring."""
    from desktop.api_client import KeyringTokenStore, MemoryTokenStore

    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            raise RuntimeError("no keyring backend")
        return KeyringTokenStore()
    except Exception as exc:
        log.warning("no OS keyring (%s): sign-ins last until Bulkdesk quits", exc)
        return MemoryTokenStore()


# -- pages ---------------------------------------------------------------------------------------
def placeholder_pages(loading: Collection[str] = (), widgets: Mapping[str, QWidget] | None = None) -> list[Page]:
    """The pages until the real Catalog / Cart / Orders / Seller widgets are plugged in here: a page
    in ``widgets`` is that widget; one in ``loading`` says so (the app builds it a moment after its
    window is shown)."""
    widgets = widgets or {}

    def page(key: str, title: str, empty: Callable[[], tuple[str, str]], seller_only: bool = False) -> Page:
        widget = widgets.get(key)
        if widget is None:
            text = (QCoreApplication.translate("app", "Loading…"), "") if key in loading else empty()
            widget = EmptyState(key, *text)
        return Page(key, title, widget, icon=key, seller_only=seller_only)

    return [
        page("catalog", QCoreApplication.translate("app", "Catalog"), lambda: (
            QCoreApplication.translate("app", "No offers yet"),
            QCoreApplication.translate("app", "The catalog appears here after the first sync with the marketplace."),
        )),
        page("cart", QCoreApplication.translate("app", "Cart"), lambda: (
            QCoreApplication.translate("app", "Your cart is empty"),
            QCoreApplication.translate("app", "Add lots from the catalog; the cart is kept on this computer."),
        )),
        page("orders", QCoreApplication.translate("app", "Orders"), lambda: (
            QCoreApplication.translate("app", "No orders yet"),
            QCoreApplication.translate("app", "Orders you place appear here with their payment and shipping status."),
        )),
        page("seller", QCoreApplication.translate("app", "Seller"), lambda: (
            QCoreApplication.translate("app", "Your listings"),
            QCoreApplication.translate("app", "Manage your offers, stock and incoming orders here."),
        ), seller_only=True),
    ]


# -- the shell -----------------------------------------------------------------------------------
# a staged start runs stage 2 after the first paint, or after this long (a window shown minimised)
STAGE2_FALLBACK_MS = 1000


class Shell(QObject):
    """Owns the client, session, window and the error channel; connects them.

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
        prefs: Prefs | None = None,
        token_store: TokenStore | None = None,
        pages: Sequence[Page] | None = None,
        channel: ErrorChannel | None = None,
        client: Any = None,
        staged: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.prefs = prefs or Prefs(paths)
        self.server_url = server_url.rstrip("/")
        self.channel = channel or ErrorChannel(parent=self)
        self.last_sync: datetime | None = None
        # -- made by stage 2 (a token store or client given here is used as it is) -----------------
        self.token_store: TokenStore | None = token_store
        self.client: Any = client
        self.session: Session | None = None
        self.sync_controller: Any = None
        self._cart_store: CartStore | None = None
        self._staged = staged
        self._stage2_started = False
        self._ready = False
        self._started = False
        self._waiting: list[Callable[[], object]] = []
        self._lock = threading.Lock()  # guards _closed and _made_client, shared with the stage-2 worker
        self._closed = False
        self._made_client: Any = None  # a client the worker made, until the GUI thread has it
        self._account_hint = self.prefs.last_account(self.server_url)
        # -- stage 1 --------------------------------------------------------------------------------
        self.catalog_cache = CatalogCache(paths.cache / "catalog.sqlite3")
        self._real_pages = pages is None
        if pages is None:
            # catalog area: the real Catalog page now; cart & checkout, orders areas: stage 2 puts
            # their pages in the place of these placeholders (see _finish)
            pages = placeholder_pages(loading=("cart", "orders"), widgets={"catalog": self._build_catalog_page()})
        page_list = list(pages)
        self.window = MainWindow(page_list, state=paths.window_state())
        self.channel.set_window(self.window)
        self.sign_in_dialog: SignInDialog | None = None
        self._wire_catalog_page()  # catalog area
        self._wire()
        if self._account_hint:  # as the session restore shows it, until stage 2 knows
            self.window.set_account(self._account_hint, verifying=True)
        if not staged:
            self.complete()

    def _remember_account(self, account: str | None) -> None:
        self.prefs.set_last_account(self.server_url, account)

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
        page = getattr(self, "catalog_page", None)
        if page is not None and not self._closed:
            page.release()
        self._begin_stage2()

    def _begin_stage2(self) -> None:
        """The token store and the client in a worker, then :meth:`_finish` on the GUI thread."""
        if self._stage2_started or self._closed:
            return
        self._stage2_started = True
        hint = self._account_hint
        tasks.QueryOp(self, lambda: self._connect(hint), self._connected, self._connect_failed).run_in_background()

    def _connect(self, account: str | None) -> tuple[TokenStore, Any]:
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
            client = MarketplaceClient(ClientConfig(self.server_url), token_store=token_store, account=account)
            with self._lock:
                if self._closed:  # the app quit meanwhile: nobody will close it
                    client.close()
                    raise RuntimeError("Bulkdesk is closing")
                self._made_client = client
        return token_store, client

    def _connected(self, made: tuple[TokenStore, Any]) -> None:
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

    def _finish(self, token_store: TokenStore, client: Any, *, sliced: bool = False) -> None:
        """Stage 2 on the GUI thread: the session and the sync controller, the Cart page, the Orders
        page, then ``ready``. ``sliced``: one step per turn of the event loop (each takes 5-30 ms), so
        that input and paints go between them."""
        self.token_store, self.client = token_store, client
        steps = [self._finish_session, self._finish_cart, self._finish_orders, self._finish_ready]
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
        self.session = Session(self.client, remember_account=self._remember_account, parent=self)
        self._wire_session()
        self._wire_catalog()  # catalog area

    def _finish_cart(self) -> None:  # cart & checkout area: the real Cart page replaces the placeholder
        if self._real_pages:
            self.window.replace_page("cart", self._build_cart_page())
        self._wire_cart()

    def _finish_orders(self) -> None:  # orders area: the real Orders page replaces the placeholder
        if self._real_pages:
            self.window.replace_page("orders", self._build_orders_page())
        self._wire_orders()

    def _finish_ready(self) -> None:
        self._ready = True
        if self._started:
            self._start_background()
        self.ready.emit()
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()

    # -- catalog area ------------------------------------------------------------------------------
    @property
    def cart_store(self) -> CartStore:
        """The durable cart; made on first use (stage 2, or an "Add to cart" before it)."""
        if self._cart_store is None:
            from desktop.models.cart import CartStore

            self._cart_store = CartStore(self.paths.data / "cart.sqlite3")
        return self._cart_store

    def current_cart(self):
        s = self.session  # before stage 2 nobody is signed in yet: the guest cart, as before a restore
        return self.cart_store.cart(self.server_url, s.email if s is not None and s.signed_in else None)

    def _build_catalog_page(self) -> QWidget:
        from desktop.views.catalog.catalog_page import CatalogPage

        self.catalog_page = CatalogPage(
            self.catalog_cache, self.client, cart=self.current_cart,
            currency=str(self.prefs.get("currency", "EUR") or "EUR"),
            signed_in=lambda: self.session is not None and self.session.signed_in,
            online=lambda: self.window.status.online,
            held=self._staged,  # no worker, no download before the first paint (see _after_first_paint)
        )
        return self.catalog_page

    def _wire_catalog_page(self) -> None:
        """Stage 1: what the page needs from the window before it is shown."""
        page = getattr(self, "catalog_page", None)
        if page is None:
            return
        page.status_message.connect(lambda text: self.window.status.showMessage(text, 5000))
        page.sign_in_requested.connect(
            lambda: self.sign_in(QCoreApplication.translate("app", "Sign in to contact the seller."))
        )
        self.window.remember_splitter(page.splitter, "catalog")
        with contextlib.suppress(Exception):  # the sync controller says it again when it starts
            self.window.status.set_last_sync(self.catalog_cache.last_synced_at())

    def _wire_catalog(self) -> None:
        """Stage 2: the client and the sync controller."""
        from desktop.models.sync import SyncEngine
        from desktop.views.catalog.sync_controller import SyncController

        page = getattr(self, "catalog_page", None)
        if page is None:
            self.sync_controller = None
            return
        page.set_client(self.client)
        sc = self.sync_controller = SyncController(
            SyncEngine(self.client, self.catalog_cache), self.client, self.catalog_cache,
            status=self.window.status, banner=self.window.banner, shortcut_parent=self.window,
            interval_minutes=int(self.prefs.get("sync_interval_minutes", 15) or 15), parent=self,
        )
        sc.synced.connect(page.catalog_synced)
        sc.started.connect(lambda _full: page.set_syncing(True))
        sc.synced.connect(lambda _r: page.set_syncing(False))
        sc.failed.connect(lambda _e: page.set_syncing(False))
        sc.online_changed.connect(lambda online: online and page.back_online())
        # the cart (built after this page) checks itself with the server again once back online
        sc.online_changed.connect(lambda online: getattr(self, "cart_page", None) and self.cart_page.set_online(online))
        sc.synced.connect(lambda _r: self.set_last_sync(self.catalog_cache.last_synced_at()))
        # the error channel's offline signal reaches the controller through _offline (connected in stage 1)
    # -- end catalog area --------------------------------------------------------------------------

    # -- cart & checkout area ----------------------------------------------------------------------
    def _build_cart_page(self) -> QWidget:
        from desktop.views.cart import CartPage

        self.cart_page = CartPage(
            self.cart_store, self.client, self.session, server_url=self.server_url,
            cache=getattr(self, "catalog_cache", None), token_store=self.token_store,
            details_path=self.paths.data / "checkout-details.json",
            currency=lambda: str(self.prefs.get("currency", "EUR") or "EUR"),
            online=lambda: self.window.status.online,
        )
        return self.cart_page

    def _wire_cart(self) -> None:
        page = getattr(self, "cart_page", None)
        if page is None:
            return
        page.sign_in_requested.connect(self.sign_in)
        page.create_account_requested.connect(self.create_account)
        page.view_orders_requested.connect(lambda: self.window.show_page("orders"))
        page.status_message.connect(lambda text: self.window.statusBar().showMessage(text, 5000))
    # -- end cart & checkout area ------------------------------------------------------------------

    # -- orders area -------------------------------------------------------------------------------
    def _build_orders_page(self) -> QWidget:
        from desktop.views.orders import OrdersPage

        self.orders_page = OrdersPage(self.client, data_dir=self.paths.data, token_store=self.token_store,
                                      cart=self.current_cart)
        return self.orders_page

    def _wire_orders(self) -> None:
        page = getattr(self, "orders_page", None)
        if page is None:
            return
        page.notifier.status_bar = self.window.status
        s = self.session
        assert s is not None

        def account_changed() -> None:  # the signed-in account's orders; offline, the kept account's cache
            page.set_account(s.user.email if s.signed_in else s.pending_account, sync=s.signed_in)

        s.changed.connect(account_changed)
        self.window.page_changed.connect(lambda key: key == "orders" and s.signed_in and page.sync())
        self.window.remember_splitter(page.splitter, "orders")
        account_changed()
    # -- end orders area ---------------------------------------------------------------------------

    def _wire(self) -> None:
        """Stage 1: the window's menus and the error channel (what needs the session waits for it)."""
        w, c = self.window, self.channel
        w.sign_in_requested.connect(self.sign_in)
        w.create_account_requested.connect(self.create_account)
        w.guest_requested.connect(lambda: self.when_ready(lambda: self.session.continue_as_guest()))
        w.sign_out_requested.connect(lambda: self.when_ready(lambda: self.session.sign_out(w)))
        w.settings_requested.connect(self.open_settings)
        w.quit_requested.connect(QApplication.quit)
        w.banner.retry_requested.connect(self.retry_connection)
        c.offline.connect(self._offline)
        c.auth_expired.connect(lambda exc: self.when_ready(lambda: self.session.expire(exc)))

    def _wire_session(self) -> None:
        """Stage 2: the session's changes to the window."""
        s = self.session
        assert s is not None
        s.changed.connect(self._session_changed)
        s.auth_expired.connect(self.sign_in_again)
        self._session_changed()

    # -- account -----------------------------------------------------------------------------------
    def _session_changed(self) -> None:
        s = self.session
        if s is not None:
            self.window.set_account(s.email, guest=s.guest, seller=s.is_seller, verifying=s.verifying)

    def sign_in(self, reason: str = "") -> SignInDialog | None:
        """Open (or raise) the sign-in dialog over the window; nothing behind it is closed. Before stage
        2 it opens once the client is there (None now)."""
        if not self._ready:
            self.when_ready(lambda: self.sign_in(reason))
            return None
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.raise_()
            self.sign_in_dialog.activateWindow()
            return self.sign_in_dialog
        from desktop.views.account_dialogs import SignInDialog

        session = self.session
        assert session is not None
        dialog = SignInDialog(
            lambda email, password: self.client.auth.login(email, password),
            self.window, email=session.email or "", server=_host(self.server_url), reason=reason,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed_in.connect(session.signed_in_with)
        dialog.create_account_requested.connect(self.create_account)
        dialog.guest_requested.connect(session.continue_as_guest)
        dialog.finished.connect(self._sign_in_closed)
        self.sign_in_dialog = dialog
        dialog.open()
        return dialog

    def _sign_in_closed(self, *_: object) -> None:
        self.sign_in_dialog = None

    def sign_in_again(self) -> None:
        self.sign_in(QCoreApplication.translate(
            "app", "Your session has expired. Sign in again to continue where you were."
        ))

    def create_account(self) -> CreateAccountDialog | None:
        """The create-account dialog (before stage 2: once the client is there, None now)."""
        if not self._ready:
            self.when_ready(self.create_account)
            return None
        from desktop.views.account_dialogs import CreateAccountDialog

        def register(email: str, password: str, company: dict, role: str) -> Any:
            return self.client.auth.register(email, password, company, role)

        session = self.session
        assert session is not None
        dialog = CreateAccountDialog(register, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed_in.connect(session.signed_in_with)
        dialog.open()
        return dialog

    # -- settings ----------------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        from desktop.views.settings_dialog import SettingsDialog

        values = self.prefs.values()
        values["server_url"] = values.get("server_url") or self.server_url
        dialog = SettingsDialog(values, self.prefs.locked(), cache_size=self.cache_size,
                                clear_cache=self.clear_cache, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._save_settings)
        dialog.open()
        return dialog

    def _save_settings(self, changes: dict[str, Any]) -> None:
        problems = self.prefs.update(changes)
        if problems:
            errors.report_exception(ValueError("\n".join(problems)), self.window)

    def cache_size(self) -> int:
        """Bytes used by the offline catalog cache (database and thumbnails)."""
        return self.catalog_cache.size_bytes()

    def clear_cache(self) -> None:
        """Empty the offline catalog; the next sync downloads it again (before stage 2: its sync on start)."""
        self.catalog_cache.clear()
        if self.sync_controller is not None:
            self.sync_controller.sync_now()

    # -- connectivity ------------------------------------------------------------------------------
    def _offline(self, exc: BaseException | None = None) -> None:
        """An OfflineError from anywhere: the sync controller probes the marketplace (once stage 2 made
        it), then the banner shows the catalog's age as the shell knows it."""
        if self.sync_controller is not None:
            self.sync_controller.went_offline(exc)
        self.went_offline(exc)

    def went_offline(self, _exc: BaseException | None = None) -> None:
        self.window.status.set_online(False)
        self.window.banner.show_offline(self.last_sync)

    def back_online(self) -> None:
        self.window.status.set_online(True)
        self.window.banner.hide()

    def set_last_sync(self, when: datetime) -> None:
        self.last_sync = when
        self.window.status.set_last_sync(when)

    def retry_connection(self) -> tasks.QueryOp | None:
        """``GET /health`` in the background (before stage 2: once the client is there, None now)."""
        if not self._ready:
            self.when_ready(self.retry_connection)
            return None
        self.window.banner.set_retrying(True)

        def failed(exc: BaseException) -> None:
            self.window.banner.set_retrying(False)
            errors.report_exception(exc, self.window)

        def ok(_result: object) -> None:
            self.back_online()
            session = self.session
            if session is not None and session.pending_account and not session.signed_in:
                session.restore(self.window)

        return tasks.QueryOp(self.window, self.client.catalog.health, ok, failed).run_in_background()

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
        if self.sync_controller is not None:
            self.sync_controller.start()

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            made, self._made_client = self._made_client, None
        with contextlib.suppress(RuntimeError):
            self.window.save_state()
        if self.sync_controller is not None:
            self.sync_controller.stop()
        page = getattr(self, "catalog_page", None)
        if page is not None:
            page.thumbnails.close()
        with contextlib.suppress(Exception):
            self.catalog_cache.close()
        if getattr(self, "orders_page", None) is not None:  # orders area
            self.orders_page.close_cache()
        for client in (self.client, made if made is not self.client else None):
            if client is not None:
                with contextlib.suppress(Exception):
                    client.close()


def _host(url: str) -> str:
    return url.split("://", 1)[-1].rstrip("/")


# -- signals -------------------------------------------------------------------------------------
def install_signal_handlers(app: QApplication) -> Callable[[], None]:
    """SIGTERM / SIGINT quit the Qt app cleanly. A pipe (a socket pair on Windows) wakes the event loop
    so Python's handler runs (Qt's loop otherwise never returns to the interpreter). Returns an
    uninstall function."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    if os.name == "posix":  # a pipe: the socket module costs start-up time for nothing here
        read_fd, write_fd = os.pipe()
        os.set_blocking(read_fd, False)
        os.set_blocking(write_fd, False)

        def drain() -> None:
            with contextlib.suppress(OSError):
                os.read(read_fd, 64)

        def close() -> None:
            os.close(read_fd)
            os.close(write_fd)
    else:
        import socket

        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        read_fd, write_fd = reader.fileno(), writer.fileno()

        def drain() -> None:
            with contextlib.suppress(OSError):
                reader.recv(64)

        def close() -> None:
            reader.close()
            writer.close()

    notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read, app)
    notifier.activated.connect(drain)
    previous_fd = signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
    handled = [s for s in (signal.SIGTERM, signal.SIGINT) if s is not None]
    previous = {s: signal.getsignal(s) for s in handled}

    def handler(signum: int, _frame: object) -> None:
        log.info("signal %s: quitting", signum)
        app.quit()

    for s in handled:
        signal.signal(s, handler)

    def uninstall() -> None:
        for s, h in previous.items():
            signal.signal(s, h)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        close()

    return uninstall


# -- demo ----------------------------------------------------------------------------------------
def start_demo(paths: AppPaths, on_ready: Callable[[DemoServer], None], on_failed: Callable[[str], None],
               parent: QWidget | None = None) -> DemoServer:
    """Start the demo server child and a splash; ``on_ready`` once /health answers (off the GUI thread)."""
    from desktop.models.demo_server import DemoServer

    demo = DemoServer(paths.data / "demo")
    demo.start()  # on the GUI thread: a fast fork; waiting is what happens in the background
    splash = QProgressDialog(
        QCoreApplication.translate("app", "Starting the demo marketplace…"),
        QCoreApplication.translate("app", "Cancel"), 0, 0, parent,
    )
    splash.setWindowTitle("Bulkdesk")
    splash.setMinimumDuration(0)
    splash.setMinimumWidth(360)
    splash.setAutoClose(False)
    splash.setAutoReset(False)
    splash.setWindowModality(Qt.WindowModality.ApplicationModal)
    op_box: list[tasks.QueryOp] = []

    def ready(_r: object) -> None:
        splash.close()
        splash.deleteLater()
        on_ready(demo)

    def failed(exc: BaseException) -> None:
        splash.close()
        splash.deleteLater()
        demo.stop()
        on_failed(str(exc) if not isinstance(exc, InterruptedError) else "")

    op = tasks.QueryOp(None, lambda: demo.wait_until_healthy(cancelled=op_box[0].cancel_event.is_set),
                       ready, failed)
    op_box.append(op)
    splash.canceled.connect(op.cancel_event.set)
    splash.show()
    op.run_in_background()
    return demo


# -- main ----------------------------------------------------------------------------------------
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bulkdesk", description="Bulkdesk — surplus stock for procurement.")
    parser.add_argument("--server", metavar="URL", help="the marketplace to connect to")
    parser.add_argument("--demo", action="store_true",
                        help="start the reference marketplace with demo data and connect to it")
    parser.add_argument("--smoke", action="store_true",
                        help="quit as soon as the main window is shown and the app fully started "
                             "(packaging and CI checks)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    paths = AppPaths.default().ensure()
    crash_log = CrashLog(paths.data)
    last_crash = crash_log.start()  # first: a native crash from here on leaves its traceback in crash.log
    logging.basicConfig(level=os.environ.get("BULKDESK_LOG_LEVEL", "INFO").upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    QApplication.setApplicationName("Bulkdesk")
    QApplication.setOrganizationName("Bulkdesk")
    QApplication.setApplicationDisplayName("Bulkdesk")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    prefs = Prefs(paths)
    apply_theme(app, style_sheet=False)  # the rules once the window is built (see launch)
    translators = install_translations(app, str(prefs.get("language", "system")))
    channel = ErrorChannel()
    channel.install()
    uninstall_signals = install_signal_handlers(app)
    quit_after_shown = args.smoke or os.environ.get(QUIT_AFTER_SHOWN_ENV) == "1"
    holder: dict[str, Any] = {}
    exit_code = [0]

    def start_failed(_exc: BaseException) -> None:
        exit_code[0] = 1
        QTimer.singleShot(0, app.quit)

    def launch(server_url: str) -> None:
        shell = Shell(server_url, paths=paths, prefs=prefs, channel=channel, staged=True)
        apply_style_sheet(app)
        holder["shell"] = shell
        if quit_after_shown:  # once the whole app is built: the smoke test covers stage 2 too
            shell.ready.connect(lambda: QTimer.singleShot(0, app.quit))
            shell.failed.connect(start_failed)
        shell.window.first_shown.connect(lambda: _announce_shown(holder))
        # the app is built: its objects stay out of the full garbage collections a sync sets off
        shell.ready.connect(tasks.freeze_start_up_objects)
        if last_crash is not None:  # told once the window is painted, beside it (not modal)
            shell.window.first_painted.connect(lambda: QTimer.singleShot(0, shell.window, tell_crash))
        shell.start()

    def tell_crash() -> None:
        from desktop.views.crash_report import show_crash_notice

        holder["crash_notice"] = show_crash_notice(last_crash, holder["shell"].window)

    def demo_failed(message: str) -> None:
        if message:
            errors.report_exception(RuntimeError(message))
            print(f"bulkdesk: the demo marketplace did not start: {message[:2000]}", file=sys.stderr)
            exit_code[0] = 1
        QTimer.singleShot(0, app.quit)

    if args.demo:
        holder["demo"] = start_demo(paths, lambda demo: launch(demo.url), demo_failed)
    else:
        launch(args.server or str(prefs.get("server_url") or DEFAULT_SERVER))

    try:
        code = app.exec()
    finally:
        shell = holder.get("shell")
        if shell is not None:
            shell.shutdown()
        demo = holder.get("demo")
        if demo is not None:
            demo.stop()
        tasks.wait_all(3000)
        uninstall_signals()
        channel.uninstall()
        del translators
        crash_log.stop()
    return exit_code[0] or code


def _announce_shown(holder: dict[str, Any]) -> None:
    """One line on stdout when the window is up, with the demo's process group (for the smoke test)."""
    demo = holder.get("demo")
    pgid = demo.pgid if demo is not None else ""
    print(f"BULKDESK_SHOWN pgid={pgid}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
