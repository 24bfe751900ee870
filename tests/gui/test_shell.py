"""The shell: main window, status bar, error channel, offline banner, account and settings dialogs."""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, datetime
from types import SimpleNamespace

import httpx
import pytest
import respx
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.api_client import (
    AuthExpiredError,
    MarketplaceClient,
    OfflineError,
    ServerError,
    ThrottledError,
)
from desktop.models.infrastructure.demo_server import free_port
from desktop.models.settings import SettingsStore
from desktop.views.account.dialogs import CreateAccountDialog, SignInDialog
from desktop.views.settings.dialog import SettingsDialog
from desktop.views.shell.placeholders import placeholder_pages
from desktop.views.shell.shell import Shell
from desktop.views.window.main_window import MainWindow
from tests.support.server import cleanup, make_server


@pytest.fixture
def shell(qtbot, app_folders, token_store, error_channel):
    s = Shell(f"http://127.0.0.1:{free_port()}", paths=app_folders, token_store=token_store,
              channel=error_channel)
    qtbot.addWidget(s.window)
    s.window.show()
    qtbot.waitExposed(s.window)
    yield s
    s.shutdown()


def answering_sign_ins(server):
    """The server, once POST /auth/login answers an unknown account 401. A server that does not answer,
    or answers anything else, raises: the sign-in tests fail on a broken server, they never skip."""
    body = {"email": "nobody@example.test", "password": "x" * 10}
    r = httpx.post(server.api + "/auth/login", json=body, timeout=30)
    assert r.status_code == 401, f"POST /auth/login answers {r.status_code}, not 401: {r.text[:300]}"
    return server


@pytest.fixture
def auth_server(live_server):
    """The real server (tests/conftest.py's live_server); one that does not start fails the test."""
    return answering_sign_ins(live_server)


# -- main window ---------------------------------------------------------------------------------
def test_main_window_title_pages_and_shortcuts(qtbot, shell):
    w = shell.window
    assert w.windowTitle() == "Bulkdesk"
    assert w.page_keys() == ["catalog", "cart", "orders"]  # Seller hidden for a guest / buyer
    assert w.current_page_key() == "catalog"
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    for key, page in ((Qt.Key.Key_2, "cart"), (Qt.Key.Key_3, "orders"), (Qt.Key.Key_1, "catalog")):
        qtbot.keyClick(w, key, Qt.KeyboardModifier.ControlModifier)
        assert w.current_page_key() == page
        assert w.stack.currentWidget() is w.page(page)
    assert w.page_actions["cart"].shortcut().toString() == "Ctrl+2"


def test_main_window_takes_its_pages_from_the_caller(qtbot):
    pages = placeholder_pages()
    w = MainWindow(pages)
    qtbot.addWidget(w)
    assert [w.page(p.key) for p in pages] == [p.widget for p in pages]


def test_seller_page_only_for_a_seller_account(qtbot, shell):
    w = shell.window
    w.set_account("seller@demo.test", seller=True)
    assert w.page_keys() == ["catalog", "cart", "orders", "seller"]
    assert w.show_page("seller")
    assert w.account_button.text() == "seller@demo.test"
    assert w.sign_out_action.isVisible() and not w.sign_in_action.isVisible()
    w.set_account("buyer@demo.test", seller=False)
    assert "seller" not in w.page_keys()
    assert w.current_page_key() == "catalog"
    assert not w.show_page("seller")


def test_quit_action_has_ctrl_q(qtbot, shell):
    assert shell.window.quit_action.shortcut().toString() == "Ctrl+Q"
    with qtbot.waitSignal(shell.window.quit_requested, timeout=1000):
        shell.window.quit_action.trigger()


def test_window_size_and_splitter_are_remembered(qtbot, app_folders):
    state = QSettings(str(app_folders.config / "window.ini"), QSettings.Format.IniFormat)
    w1 = MainWindow(placeholder_pages(), state=state)
    qtbot.addWidget(w1)
    w1.show()
    w1.resize(700, 480)  # the offscreen screen is 800×600
    w1.splitter.setSizes([230, 470])
    qtbot.waitUntil(lambda: w1.width() == 700)
    sizes = w1.splitter.sizes()
    w1.close()  # saves
    w2 = MainWindow(placeholder_pages(), state=QSettings(str(app_folders.config / "window.ini"),
                                                         QSettings.Format.IniFormat))
    qtbot.addWidget(w2)
    w2.show()
    assert (w2.width(), w2.height()) == (700, 480)
    assert w2.splitter.sizes() == sizes


# -- status bar ----------------------------------------------------------------------------------
def test_status_bar_online_last_sync_and_progress_with_cancel(qtbot, shell):
    status = shell.window.status
    status.set_online(False)
    assert status.online_label.text() == "Offline"
    status.set_online(True)
    assert status.online_label.text() == "Online"
    status.set_last_sync(datetime(2026, 3, 1, 9, 30, tzinfo=UTC))
    assert status.sync_label.text().startswith("Last sync: ")

    cancelled: list[bool] = []
    status.begin_progress("Syncing the catalog…", 200, lambda: cancelled.append(True))
    assert status.in_progress and status.progress_bar.maximum() == 200
    status.update_progress(50)
    assert status.progress_bar.value() == 50
    with qtbot.waitSignal(status.cancel_requested, timeout=1000):
        qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
    assert cancelled == [True]
    status.end_progress()
    assert not status.in_progress


# -- error channel -------------------------------------------------------------------------------
def _server_error() -> ServerError:
    try:
        raise ServerError("GET /offers → 500 internal_error", status=500, code="internal_error",
                          detail="Something went wrong on the server; nothing was saved.",
                          request_id="req-1234abcd")
    except ServerError as exc:
        return exc


def test_errors_reach_the_user_as_one_dialog_with_copy_details(qtbot, shell, error_channel):
    dialogs: list = []
    error_channel.dialog_shown.connect(dialogs.append)
    error_channel.report(_server_error())
    error_channel.report(RuntimeError("second problem"))
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.isVisible()
    assert dialog.title_label.text() == "The marketplace had a problem"
    assert "1 more error" in dialog.more_label.text()
    assert dialog.details.isHidden()
    qtbot.mouseClick(dialog.details_button, Qt.MouseButton.LeftButton)
    assert not dialog.details.isHidden()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "Request id: req-1234abcd" in copied
    assert "Traceback" in copied and "second problem" in copied
    dialog.close()
    assert error_channel.current_dialog() is None


@pytest.mark.qt_no_exception_capture
def test_sys_excepthook_goes_to_the_error_channel(qtbot, shell, error_channel):
    dialogs: list = []
    error_channel.dialog_shown.connect(dialogs.append)
    try:
        raise KeyError("unexpected")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    assert len(dialogs) == 1
    assert "KeyError" in dialogs[0].details_text()
    dialogs[0].close()


def test_offline_is_a_banner_with_retry_not_a_dialog(qtbot, shell, error_channel):
    dialogs: list = []
    error_channel.dialog_shown.connect(dialogs.append)
    shell.set_last_sync(datetime(2026, 3, 1, 9, 30, tzinfo=UTC))
    error_channel.report(OfflineError("GET /offers: connection refused"))
    banner = shell.window.banner
    assert dialogs == []
    assert banner.isVisible()
    assert banner.label.text().startswith("Offline — catalog as of ")
    assert shell.window.status.online_label.text() == "Offline"
    # Retry against a server that is still down: the banner stays, no dialog.
    op = shell.retry_connection()
    assert not banner.retry_button.isEnabled()
    qtbot.waitSignal(op.finished, timeout=10_000).wait()
    assert banner.isVisible() and banner.retry_button.isEnabled() and dialogs == []


def test_banner_hides_when_back_online(qtbot, shell):
    shell.went_offline()
    assert shell.window.banner.isVisible()
    assert "no catalog downloaded yet" in shell.window.banner.label.text()
    shell.back_online()
    assert not shell.window.banner.isVisible()


# -- session -------------------------------------------------------------------------------------
def test_a_401_reopens_sign_in_without_losing_the_page(qtbot, shell, error_channel):
    w = shell.window
    w.show_page("orders")
    with qtbot.waitSignal(shell.session.auth_expired, timeout=1000):
        error_channel.report(AuthExpiredError("GET /orders → 401", status=401, code="token_expired"))
    dialog = shell.sign_in_dialog
    assert isinstance(dialog, SignInDialog) and dialog.isVisible()
    assert "expired" in dialog.reason_label.text()
    assert w.isVisible() and w.current_page_key() == "orders"
    # A second 401 raises the same dialog rather than stacking another one.
    error_channel.report(AuthExpiredError("GET /cart → 401", status=401))
    assert shell.sign_in_dialog is dialog
    dialog.reject()


def test_sign_in_dialog_shows_throttling_as_a_general_message(qtbot):
    def login(_email: str, _password: str):
        raise ThrottledError("429", status=429, code="too_many_attempts", detail="Too many")

    dialog = SignInDialog(login, email="someone@example.test")
    qtbot.addWidget(dialog)
    dialog.password.setText("whatever-123")
    dialog.submit()
    qtbot.waitSignal(dialog.op.finished, timeout=5000).wait()
    assert "Too many failed attempts" in dialog.general_error.text()
    assert dialog.field_error("password") is None


def test_sign_in_dialog_requires_both_fields_locally(qtbot):
    dialog = SignInDialog(lambda e, p: None)
    qtbot.addWidget(dialog)
    assert dialog.submit() is None
    assert dialog.field_error("email") == "Enter your email."
    assert dialog.field_error("password") == "Enter your password."


def test_sign_in_field_errors_from_the_real_server(qtbot, auth_server, token_store):
    client = MarketplaceClient(auth_server.url, token_store=token_store)
    try:
        dialog = SignInDialog(lambda e, p: client.auth.login(e, p), email=f"{uuid.uuid4().hex}@example.test")
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.password.setText("wrong-password-1")
        dialog.submit()
        qtbot.waitSignal(dialog.op.finished, timeout=15_000).wait()
        assert dialog.field_error("password") == "The email or the password is wrong."
        assert dialog.field_error("email") is None
        assert dialog.isVisible()

        # the demo buyer signs in with Return in the password field, as people do (it once pressed the
        # dialog's first other button, "Create account…"): the token goes to the token store, it closes
        dialog.email.setText("buyer@demo.test")
        dialog.password.setText("demo-password")
        elsewhere = []
        dialog.create_account_requested.connect(lambda: elsewhere.append("create account"))
        dialog.guest_requested.connect(lambda: elsewhere.append("guest"))
        dialog.password.setFocus()
        with qtbot.waitSignal(dialog.signed_in, timeout=15_000) as got:
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert elsewhere == []
        assert got.args[0].user.email == "buyer@demo.test"
        assert token_store.get(auth_server.url, "buyer@demo.test") is not None
        assert not dialog.isVisible()
    finally:
        client.close()


def _raised(server) -> BaseException | None:
    """What answering_sign_ins raises for ``server``: caught as BaseException, so a skip (which is not an
    Exception) is seen too."""
    try:
        answering_sign_ins(server)
    except BaseException as exc:  # a skip too: it is no Exception
        return exc
    return None


def test_a_server_that_does_not_answer_fails_the_sign_in_tests():
    dead = SimpleNamespace(api=f"http://127.0.0.1:{free_port()}/api/v1")  # nothing listens there
    assert isinstance(_raised(dead), httpx.ConnectError)


def test_a_server_answering_sign_ins_wrongly_fails_the_sign_in_tests():
    with respx.mock:
        respx.post("http://127.0.0.1:9/api/v1/auth/login").respond(500, json={"detail": "boom"})
        raised = _raised(SimpleNamespace(api="http://127.0.0.1:9/api/v1"))
    assert isinstance(raised, AssertionError) and "answers 500, not 401" in str(raised)


def test_create_account_field_errors_from_the_real_server(qtbot, auth_server, token_store):
    client = MarketplaceClient(auth_server.url, token_store=token_store)

    def register(email, password, company, role):
        return client.auth.register(email, password, company, role)

    try:
        dialog = CreateAccountDialog(register)
        qtbot.addWidget(dialog)
        dialog.company.setText("Field Errors GmbH")
        dialog.country.setCurrentText("DE")

        def submit() -> None:
            dialog.submit()
            qtbot.waitSignal(dialog.op.finished, timeout=15_000).wait()

        dialog.email.setText(f"{uuid.uuid4().hex}@example.test")
        dialog.password.setText("short")
        submit()
        assert dialog.field_error("password") == "Use at least 10 characters."

        dialog.email.setText("buyer@demo.test")
        dialog.password.setText("long-enough-password")
        submit()
        assert dialog.field_error("email") == "An account with this email already exists."
        assert dialog.field_error("password") is None

        dialog.email.setText("not-an-email")
        submit()
        assert dialog.field_error("email")  # validation_error mapped by field name
    finally:
        client.close()


# -- settings ------------------------------------------------------------------------------------
def test_settings_dialog_respects_locked_policy_fields(qtbot):
    cleared: list[bool] = []
    dialog = SettingsDialog(
        {"server_url": "https://market.example", "currency": "CHF", "language": "fr",
         "sync_interval_minutes": 30, "cache_max_mb": 800},
        locked={"server_url", "sync_interval_minutes"},
        cache_size=lambda: 5 * 1024 * 1024,
        clear_cache=lambda: cleared.append(True),
    )
    qtbot.addWidget(dialog)
    assert not dialog.server_url.isEnabled()
    assert dialog.server_url.toolTip() == "Set by your administrator"
    assert not dialog.sync_interval.isEnabled()
    assert dialog.currency.isEnabled() and dialog.currency.toolTip() == ""
    assert dialog.currency.count() == 12 and dialog.currency.currentData() == "CHF"
    assert dialog.language.currentData() == "fr"
    assert "restart" in dialog.restart_note.text()
    qtbot.waitUntil(lambda: "MB" in dialog.cache_usage.text() or "MiB" in dialog.cache_usage.text())

    with qtbot.waitSignal(dialog.cache_cleared, timeout=5000):
        qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert cleared == [True]

    dialog.currency.setCurrentIndex(dialog.currency.findData("PLN"))
    with qtbot.waitSignal(dialog.saved, timeout=1000) as saved:
        dialog._save()
    assert saved.args[0] == {"currency": "PLN"}


def test_the_seller_settings_show_for_sellers_only_and_check_the_folder(qtbot, tmp_path):
    buyer = SettingsDialog({"server_url": "https://market.example"})
    qtbot.addWidget(buyer)
    buyer.show()
    assert not buyer.seller_box.isVisible()
    dialog = SettingsDialog({"server_url": "https://market.example", "low_stock_units": 25}, seller=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.seller_box.isVisible() and dialog.low_stock.value() == 25
    dialog.low_stock.setValue(0)
    assert dialog.low_stock.text() == "Never"  # 0 flags no offer as low
    dialog.watch_folder.setText("import/csv")
    with qtbot.assertNotEmitted(dialog.saved):
        dialog._save()
    assert dialog.isVisible() and "full path" in dialog.field_error.text()
    assert dialog.watch_folder.text() == "import/csv"  # nothing typed is lost
    dialog.watch_folder.setText(str(tmp_path))
    with qtbot.waitSignal(dialog.saved, timeout=1000) as saved:
        dialog._save()
    assert saved.args[0] == {"low_stock_units": 0, "seller_watch_folder": str(tmp_path)}


def test_settings_saved_through_the_shell(qtbot, shell):
    dialog = shell.open_settings()
    dialog.currency.setCurrentIndex(dialog.currency.findData("SEK"))
    dialog._save()
    assert SettingsStore.at(shell.paths).values()["currency"] == "SEK"


def test_policy_locked_fields_are_disabled_in_the_shells_settings(qtbot, app_folders, token_store, tmp_path):
    import json

    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"defaults": {"currency": "CHF"},
                                  "locked": {"server_url": "https://market.example.com"}}))
    settings = SettingsStore.at(app_folders, policy)
    s = Shell("https://market.example.com", paths=app_folders, settings=settings, token_store=token_store)
    qtbot.addWidget(s.window)
    dialog = s.open_settings()
    assert not dialog.server_url.isEnabled()
    assert dialog.server_url.toolTip() == "Set by your administrator"
    assert dialog.server_url.text() == "https://market.example.com"
    assert dialog.currency.isEnabled() and dialog.currency.currentData() == "CHF"
    dialog.reject()
    s.shutdown()


@pytest.fixture
def logging_server():
    """A real server of the test's own that logs every request (one line each, with its path)."""
    server = make_server(offers=60, orders=5, extra_env={"BULKDESK_LOG_LEVEL": "info"})
    server.start()
    yield server
    cleanup(server)


def test_one_retry_click_sends_one_health_probe_and_every_part_hears_back_online(qtbot, app_folders, token_store,
                                                                                  error_channel, logging_server):
    """One owner of online/offline: the banner's Retry was connected to the shell and to the sync
    controller, each probing (one click, two GET /health). Counted in the real server's request log."""
    live_server = logging_server
    shell = Shell(live_server.url, paths=app_folders, token_store=token_store, channel=error_channel)
    qtbot.addWidget(shell.window)
    shell.window.show()
    try:
        qtbot.waitUntil(lambda: shell.sync_controller is not None and not shell.sync_controller.running
                        and shell.connectivity.probe_op is None, timeout=30_000)

        def health_requests() -> int:
            return sum(" GET /api/v1/health " in line for line in live_server.log_path.read_text().splitlines())

        heard: list[bool] = []
        shell.connectivity.changed.connect(heard.append)
        shell.sync_controller.connectivity.timer.setInterval(60_000)  # only the click probes here
        error_channel.report(OfflineError("GET /offers: connection refused"))
        assert shell.window.banner.isVisible() and not shell.connectivity.online
        assert not shell.cart_page.is_online() and not shell.orders_page.online  # each page heard it
        before = health_requests()
        with qtbot.waitSignal(shell.connectivity.changed, timeout=10_000):
            qtbot.mouseClick(shell.window.banner.retry_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: health_requests() > before, timeout=5000)
        qtbot.waitUntil(lambda: shell.connectivity.probe_op is None and not shell.sync_controller.running,
                        timeout=30_000)
        assert health_requests() - before == 1
        assert heard == [False, True]
        assert shell.connectivity.online and shell.sync_controller.online and shell.cart_page.is_online()
        assert shell.orders_page.online and not shell.window.banner.isVisible()
        assert shell.window.status.online_label.text() == "Online"
    finally:
        shell.shutdown()


def test_the_last_account_written_by_earlier_versions_is_still_known(app_folders):
    """Earlier versions kept the last account through QSettings; the settings package reads that file."""
    from desktop.models.settings import LastAccounts

    state = QSettings(str(app_folders.account_state_path), QSettings.Format.IniFormat)
    state.setValue("accounts/http_127.0.0.1_8000", "buyer@demo.test")
    state.sync()
    accounts = LastAccounts(app_folders.account_state_path)
    assert accounts.get("http://127.0.0.1:8000/") == "buyer@demo.test"
    accounts.set("https://market.example.com", "seller@demo.test")
    accounts.set("http://127.0.0.1:8000", None)
    again = LastAccounts(app_folders.account_state_path)
    assert again.get("http://127.0.0.1:8000") is None and again.get("https://market.example.com") == "seller@demo.test"
    app_folders.account_state_path.write_bytes(b"\xff\xfe not an ini [")
    assert LastAccounts(app_folders.account_state_path).get("https://market.example.com") is None
