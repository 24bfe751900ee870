"""The composition root: ``bulkdesk [--server URL] [--demo] [--smoke]``.

Builds the settings, the token store, the API client, the session, the pages and the main window, and
wires them; nothing else constructs them. Everything long-running is a background op (views/tasks.py).

    main()                 → parse args, QApplication, theme, language, error channel, signals
      --demo               → DemoServer (models/demo_server.py) child + splash until /health answers
      Shell.build(url)     → client, session, pages, MainWindow, wiring; session.restore() in background
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QSocketNotifier, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from desktop.api_client import (
    ClientConfig,
    KeyringTokenStore,
    MarketplaceClient,
    MemoryTokenStore,
    TokenStore,
)
from desktop.models.cart import CartStore
from desktop.models.catalog_cache import CatalogCache
from desktop.models.demo_server import DemoServer
from desktop.models.settings import SettingsStore
from desktop.views import errors, tasks
from desktop.views.account_dialogs import CreateAccountDialog, SignInDialog
from desktop.views.errors import ErrorChannel
from desktop.views.i18n import install_translations
from desktop.views.main_window import EmptyState, MainWindow, Page
from desktop.views.session import Session
from desktop.views.settings_dialog import KEYS as SETTINGS_KEYS
from desktop.views.settings_dialog import SettingsDialog
from desktop.views.theme import apply_theme

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
        self.store.load()
        for warning in self.store.warnings:
            log.warning("settings: %s", warning)
        self._state = QSettings(str(paths.config / "state.ini"), QSettings.Format.IniFormat)

    def values(self) -> dict[str, Any]:
        return {key: self.store.get(key) for key in SETTINGS_KEYS}

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self.store.get(key)
        except KeyError:
            return default

    def locked(self) -> set[str]:
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
def placeholder_pages() -> list[Page]:
    """The pages until the real Catalog / Cart / Orders / Seller widgets are plugged in here."""
    catalog = EmptyState(
        "catalog",
        QCoreApplication.translate("app", "No offers yet"),
        QCoreApplication.translate(
            "app", "The catalog appears here after the first sync with the marketplace."
        ),
    )
    cart = EmptyState(
        "cart",
        QCoreApplication.translate("app", "Your cart is empty"),
        QCoreApplication.translate("app", "Add lots from the catalog; the cart is kept on this computer."),
    )
    orders = EmptyState(
        "orders",
        QCoreApplication.translate("app", "No orders yet"),
        QCoreApplication.translate(
            "app", "Orders you place appear here with their payment and shipping status."
        ),
    )
    seller = EmptyState(
        "seller",
        QCoreApplication.translate("app", "Your listings"),
        QCoreApplication.translate("app", "Manage your offers, stock and incoming orders here."),
    )
    return [
        Page("catalog", QCoreApplication.translate("app", "Catalog"), catalog, icon="catalog"),
        Page("cart", QCoreApplication.translate("app", "Cart"), cart, icon="cart"),
        Page("orders", QCoreApplication.translate("app", "Orders"), orders, icon="orders"),
        Page("seller", QCoreApplication.translate("app", "Seller"), seller, icon="seller", seller_only=True),
    ]


# -- the shell -----------------------------------------------------------------------------------
class Shell(QObject):
    """Owns the client, session, window and the error channel; connects them."""

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
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.prefs = prefs or Prefs(paths)
        self.server_url = server_url.rstrip("/")
        self.token_store = token_store if token_store is not None else default_token_store()
        account = self.prefs.last_account(self.server_url)
        if account is None:
            with contextlib.suppress(Exception):  # a locked or broken keyring: start signed out
                account = self.token_store.current_account(self.server_url)
        self.client = client or MarketplaceClient(
            ClientConfig(self.server_url), token_store=self.token_store, account=account
        )
        self.session = Session(self.client, remember_account=self._remember_account, parent=self)
        self.channel = channel or ErrorChannel(parent=self)
        self.last_sync: datetime | None = None
        # -- the stores: built once here, shared by the pages ---------------------------------------
        self.catalog_cache = CatalogCache(paths.cache / "catalog.sqlite3")
        self.cart_store = CartStore(paths.data / "cart.sqlite3")
        # -- catalog area: the real Catalog page replaces the placeholder ---------------------------
        page_list = list(pages or placeholder_pages())
        if pages is None:
            page_list = [self._build_catalog_page() if p.key == "catalog" else p for p in page_list]
        # -- end catalog area ------------------------------------------------------------------------
        # -- cart & checkout area: the real Cart page replaces the placeholder --------------------
        if pages is None:
            page_list = [self._build_cart_page() if p.key == "cart" else p for p in page_list]
        # -- end cart & checkout area ----------------------------------------------------------------
        # -- orders area: the real Orders page replaces the placeholder ----------------------------
        if pages is None:
            page_list = [self._build_orders_page() if p.key == "orders" else p for p in page_list]
        # -- end orders area -------------------------------------------------------------------------
        self.window = MainWindow(page_list, state=paths.window_state())
        self.channel.set_window(self.window)
        self.sign_in_dialog: SignInDialog | None = None
        self._wire_catalog()  # catalog area
        self._wire()
        self._wire_cart()  # cart & checkout area
        self._wire_orders()  # orders area

    def _remember_account(self, account: str | None) -> None:
        self.prefs.set_last_account(self.server_url, account)

    # -- catalog area ------------------------------------------------------------------------------
    def current_cart(self):
        return self.cart_store.cart(self.server_url, self.session.email if self.session.signed_in else None)

    def _build_catalog_page(self) -> Page:
        from desktop.views.catalog import CatalogPage

        self.catalog_page = CatalogPage(
            self.catalog_cache, self.client, cart=self.current_cart,
            currency=str(self.prefs.get("currency", "EUR") or "EUR"),
            signed_in=lambda: self.session.signed_in,
            online=lambda: self.window.status.online,
        )
        return Page("catalog", QCoreApplication.translate("app", "Catalog"), self.catalog_page, icon="catalog")

    def _wire_catalog(self) -> None:
        from desktop.models.sync import SyncEngine
        from desktop.views.catalog import SyncController

        page = getattr(self, "catalog_page", None)
        if page is None:
            self.sync_controller = None
            return
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
        self.channel.offline.connect(sc.went_offline)
        page.status_message.connect(lambda text: self.window.status.showMessage(text, 5000))
        page.sign_in_requested.connect(
            lambda: self.sign_in(QCoreApplication.translate("app", "Sign in to contact the seller."))
        )
        self.window.remember_splitter(page.splitter, "catalog")
    # -- end catalog area --------------------------------------------------------------------------

    # -- cart & checkout area ----------------------------------------------------------------------
    def _build_cart_page(self) -> Page:
        from desktop.views.cart import CartPage

        self.cart_page = CartPage(
            self.cart_store, self.client, self.session, server_url=self.server_url,
            cache=getattr(self, "catalog_cache", None), token_store=self.token_store,
            details_path=self.paths.data / "checkout-details.json",
            currency=lambda: str(self.prefs.get("currency", "EUR") or "EUR"),
            online=lambda: self.window.status.online,
        )
        return Page("cart", QCoreApplication.translate("app", "Cart"), self.cart_page, icon="cart")

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
    def _build_orders_page(self) -> Page:
        from desktop.views.orders import OrdersPage

        self.orders_page = OrdersPage(self.client, data_dir=self.paths.data, token_store=self.token_store,
                                      cart=self.current_cart)
        return Page("orders", QCoreApplication.translate("app", "Orders"), self.orders_page, icon="orders")

    def _wire_orders(self) -> None:
        page = getattr(self, "orders_page", None)
        if page is None:
            return
        page.notifier.status_bar = self.window.status
        s = self.session

        def account_changed() -> None:  # the signed-in account's orders; offline, the kept account's cache
            page.set_account(s.user.email if s.signed_in else s.pending_account, sync=s.signed_in)

        s.changed.connect(account_changed)
        self.window.page_changed.connect(lambda key: key == "orders" and s.signed_in and page.sync())
        self.window.remember_splitter(page.splitter, "orders")
        account_changed()
    # -- end orders area ---------------------------------------------------------------------------

    def _wire(self) -> None:
        w, s, c = self.window, self.session, self.channel
        w.sign_in_requested.connect(self.sign_in)
        w.create_account_requested.connect(self.create_account)
        w.guest_requested.connect(s.continue_as_guest)
        w.sign_out_requested.connect(lambda: s.sign_out(w))
        w.settings_requested.connect(self.open_settings)
        w.quit_requested.connect(QApplication.quit)
        w.banner.retry_requested.connect(self.retry_connection)
        s.changed.connect(self._session_changed)
        s.auth_expired.connect(self.sign_in_again)
        c.offline.connect(self.went_offline)
        c.auth_expired.connect(s.expire)
        self._session_changed()

    # -- account -----------------------------------------------------------------------------------
    def _session_changed(self) -> None:
        s = self.session
        self.window.set_account(s.email, guest=s.guest, seller=s.is_seller, verifying=s.verifying)

    def sign_in(self, reason: str = "") -> SignInDialog:
        """Open (or raise) the sign-in dialog over the window; nothing behind it is closed."""
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.raise_()
            self.sign_in_dialog.activateWindow()
            return self.sign_in_dialog
        dialog = SignInDialog(
            lambda email, password: self.client.auth.login(email, password),
            self.window, email=self.session.email or "", server=_host(self.server_url), reason=reason,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed_in.connect(self.session.signed_in_with)
        dialog.create_account_requested.connect(self.create_account)
        dialog.guest_requested.connect(self.session.continue_as_guest)
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

    def create_account(self) -> CreateAccountDialog:
        def register(email: str, password: str, company: dict, role: str) -> Any:
            return self.client.auth.register(email, password, company, role)

        dialog = CreateAccountDialog(register, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed_in.connect(self.session.signed_in_with)
        dialog.open()
        return dialog

    # -- settings ----------------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
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
        """Empty the offline catalog; the next sync downloads it again."""
        self.catalog_cache.clear()
        if self.sync_controller is not None:
            self.sync_controller.sync_now()

    # -- connectivity ------------------------------------------------------------------------------
    def went_offline(self, _exc: BaseException | None = None) -> None:
        self.window.status.set_online(False)
        self.window.banner.show_offline(self.last_sync)

    def back_online(self) -> None:
        self.window.status.set_online(True)
        self.window.banner.hide()

    def set_last_sync(self, when: datetime) -> None:
        self.last_sync = when
        self.window.status.set_last_sync(when)

    def retry_connection(self) -> tasks.QueryOp:
        self.window.banner.set_retrying(True)

        def failed(exc: BaseException) -> None:
            self.window.banner.set_retrying(False)
            errors.report_exception(exc, self.window)

        def ok(_result: object) -> None:
            self.back_online()
            if self.session.pending_account and not self.session.signed_in:
                self.session.restore(self.window)

        return tasks.QueryOp(self.window, self.client.catalog.health, ok, failed).run_in_background()

    # -- life cycle --------------------------------------------------------------------------------
    def start(self) -> None:
        self.window.show()
        self.session.restore(self.window)
        if self.sync_controller is not None:
            self.sync_controller.start()

    def shutdown(self) -> None:
        with contextlib.suppress(RuntimeError):
            self.window.save_state()
        if self.sync_controller is not None:
            self.sync_controller.stop()
            self.catalog_page.thumbnails.close()
        with contextlib.suppress(Exception):
            self.catalog_cache.close()
        if getattr(self, "orders_page", None) is not None:  # orders area
            self.orders_page.close_cache()
        with contextlib.suppress(Exception):
            self.client.close()


def _host(url: str) -> str:
    return url.split("://", 1)[-1].rstrip("/")


# -- signals -------------------------------------------------------------------------------------
def install_signal_handlers(app: QApplication) -> Callable[[], None]:
    """SIGTERM / SIGINT quit the Qt app cleanly. A socket wakes the event loop so Python's handler runs
    (Qt's loop otherwise never returns to the interpreter). Returns an uninstall function."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
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
        reader.close()
        writer.close()

    return uninstall


# -- demo ----------------------------------------------------------------------------------------
def start_demo(paths: AppPaths, on_ready: Callable[[DemoServer], None], on_failed: Callable[[str], None],
               parent: QWidget | None = None) -> DemoServer:
    """Start the demo server child and a splash; ``on_ready`` once /health answers (off the GUI thread)."""
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
                        help="quit as soon as the main window is shown (packaging and CI checks)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=os.environ.get("BULKDESK_LOG_LEVEL", "INFO").upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    QApplication.setApplicationName("Bulkdesk")
    QApplication.setOrganizationName("Bulkdesk")
    QApplication.setApplicationDisplayName("Bulkdesk")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    paths = AppPaths.default().ensure()
    prefs = Prefs(paths)
    apply_theme(app)
    translators = install_translations(app, str(prefs.get("language", "system")))
    channel = ErrorChannel()
    channel.install()
    uninstall_signals = install_signal_handlers(app)
    quit_after_shown = args.smoke or os.environ.get(QUIT_AFTER_SHOWN_ENV) == "1"
    holder: dict[str, Any] = {}
    exit_code = [0]

    def launch(server_url: str) -> None:
        shell = Shell(server_url, paths=paths, prefs=prefs, channel=channel)
        holder["shell"] = shell
        if quit_after_shown:
            shell.window.first_shown.connect(lambda: QTimer.singleShot(0, app.quit))
        shell.window.first_shown.connect(lambda: _announce_shown(holder))
        shell.start()

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
    return exit_code[0] or code


def _announce_shown(holder: dict[str, Any]) -> None:
    """One line on stdout when the window is up, with the demo's process group (for the smoke test)."""
    demo = holder.get("demo")
    pgid = demo.pgid if demo is not None else ""
    print(f"BULKDESK_SHOWN pgid={pgid}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
