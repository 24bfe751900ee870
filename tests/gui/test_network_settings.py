"""The proxy and the extra CA bundle of the settings (or the administrator's policy) reach every HTTP
client the app builds: the API client, a guest checkout's client, the offer pictures' downloads. A real
proxy on loopback counts what goes through it; a real marketplace behind TLS has a private CA that only
the settings/policy give (issue 11)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.api_client import TlsError
from desktop.models.settings import SettingsStore
from desktop.views.orders.orders_page import guest_account
from desktop.views.shell.shell import Shell
from tests.support.proxy import CountingProxy
from tests.support.server import cleanup, make_server, use_tls
from tests.support.tls import make_ca_and_cert


@pytest.fixture
def proxy():
    with CountingProxy() as p:
        yield p


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """The real reference server (demo data) served over HTTPS with a certificate of a private CA."""
    ca, cert, key = make_ca_and_cert(tmp_path_factory.mktemp("tls"), name="Bulkdesk Test Inspecting Proxy CA")
    server = use_tls(make_server(offers=40, orders=0), cert, key, ca)
    server.start()
    yield server, ca
    cleanup(server)


def _shell(qtbot, app_folders, token_store, url, settings=None):
    shell = Shell(url, paths=app_folders, settings=settings, token_store=token_store)
    qtbot.addWidget(shell.window)
    return shell


def _first_picture(shell) -> str:
    offer = next(o for o in shell.client.catalog.offers(limit=20) if o.image_urls)
    return offer.image_urls[0]


def _load_picture(qtbot, shell, url: str) -> None:
    thumbs = shell.catalog_page.thumbnails
    with qtbot.waitSignal(thumbs.loaded, timeout=15_000, check_params_cb=lambda u: u == url):
        assert thumbs.pixmap(url, 40) is None  # not on disk yet: a download starts
    assert thumbs.pixmap(url, 40) is not None


def test_the_proxy_in_the_settings_carries_every_client(qtbot, app_folders, token_store, live_server, proxy):
    SettingsStore(app_folders.config / "settings.json").set("proxy_url", proxy.url)
    shell = _shell(qtbot, app_folders, token_store, live_server.url)
    try:
        shell.client.catalog.health()
        assert f"GET {live_server.api}/health" in proxy.requests  # the main client
        picture = _first_picture(shell)
        _load_picture(qtbot, shell, picture)
        assert f"GET {picture}" in proxy.requests  # the thumbnails' downloads
        token_store.set(shell.client.server_url, guest_account("G-TEST"), "a-guest-token")
        guest = shell.orders_page._guest_client("G-TEST")  # the orders page's guest-checkout client
        try:
            before = len(proxy.requests)
            guest.catalog.currencies()
            assert proxy.requests[before:] == [f"GET {live_server.api}/currencies"]
        finally:
            guest.close()
    finally:
        shell.shutdown()


def _save_in_the_dialog(qtbot, shell, **fields):
    dialog = shell.open_settings()
    for name, text in fields.items():
        getattr(dialog, name).setText(text)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def test_a_proxy_saved_later_reaches_the_running_clients(qtbot, app_folders, token_store, live_server, proxy):
    shell = _shell(qtbot, app_folders, token_store, live_server.url)
    try:
        shell.client.catalog.health()
        picture = _first_picture(shell)
        assert proxy.requests == []  # no proxy set: the system's (none here)
        _save_in_the_dialog(qtbot, shell, proxy_url=proxy.url)
        assert SettingsStore.at(shell.paths).get("proxy_url") == proxy.url
        shell.client.catalog.health()
        assert proxy.requests == [f"GET {live_server.api}/health"]
        _load_picture(qtbot, shell, picture)
        assert f"GET {picture}" in proxy.requests
        _save_in_the_dialog(qtbot, shell, proxy_url="")  # back to the system's settings
        shell.client.catalog.health()
        assert len(proxy.requests) == 2
    finally:
        shell.shutdown()


def test_a_bad_proxy_or_ca_file_is_said_in_the_dialog_and_nothing_is_lost(qtbot, app_folders, token_store,
                                                                          tmp_path):
    shell = _shell(qtbot, app_folders, token_store, "http://127.0.0.1:9")
    try:
        dialog = shell.open_settings()  # the window's child, deleted on close: not qtbot's to close
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        dialog.proxy_url.setText("proxy.example.com:3128")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.field_error.isVisible()
        assert "http://" in dialog.field_error.text()
        assert dialog.proxy_url.text() == "proxy.example.com:3128"  # what was typed stays
        not_pem = tmp_path / "notes.txt"
        not_pem.write_text("hello")
        dialog.proxy_url.setText("http://127.0.0.1:3128")
        for path, said in ((tmp_path / "missing.pem", "existing PEM file"), (not_pem, "no PEM certificate")):
            dialog.ca_bundle.setText(str(path))
            qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
            assert dialog.isVisible() and said in dialog.field_error.text()
        assert SettingsStore.at(shell.paths).get("proxy_url") is None  # nothing saved meanwhile
        dialog.reject()
    finally:
        shell.shutdown()


def test_a_ca_bundle_saved_in_the_dialog_reaches_the_running_client(qtbot, app_folders, token_store, tls_server):
    server, ca = tls_server
    shell = _shell(qtbot, app_folders, token_store, server.url)
    try:
        with pytest.raises(TlsError):
            shell.client.catalog.health()
        _save_in_the_dialog(qtbot, shell, ca_bundle=str(ca))
        assert shell.client.catalog.health()["status"] == "ok"
    finally:
        shell.shutdown()


def test_network_fields_locked_by_the_policy_are_disabled(qtbot, app_folders, token_store, tmp_path):
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"locked": {"proxy_url": "http://127.0.0.1:3128"}}))
    settings = SettingsStore.at(app_folders, policy)
    shell = _shell(qtbot, app_folders, token_store, "http://127.0.0.1:9", settings=settings)
    try:
        dialog = shell.open_settings()  # the window's child, deleted on close: not qtbot's to close
        assert not dialog.proxy_url.isEnabled() and dialog.proxy_url.text() == "http://127.0.0.1:3128"
        assert dialog.proxy_url.toolTip() == "Set by your administrator"
        assert dialog.ca_bundle.isEnabled() and dialog.ca_browse.isEnabled()
        dialog.reject()
    finally:
        shell.shutdown()


def test_a_ca_bundle_from_the_policy_reaches_a_server_behind_tls(qtbot, app_folders, token_store, tls_server,
                                                                  proxy, tmp_path):
    server, ca = tls_server
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"locked": {"extra_ca_bundle": str(ca)}, "defaults": {"proxy_url": proxy.url}}))
    shell = _shell(qtbot, app_folders, token_store, server.url, settings=SettingsStore.at(app_folders, policy))
    try:
        with qtbot.waitSignal(shell.sync_controller.synced, timeout=60_000):
            shell.sync_controller.sync_now()
        page = shell.catalog_page
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)  # the offers are on screen
        assert f"CONNECT 127.0.0.1:{server.port}" in proxy.requests  # through the company's proxy
        picture = _first_picture(shell)
        assert picture.startswith("https://")
        _load_picture(qtbot, shell, picture)  # the pictures trust the same CA
    finally:
        shell.shutdown()


def test_without_the_ca_bundle_the_sync_fails_on_the_certificate(qtbot, app_folders, token_store, tls_server,
                                                                 error_channel):
    server, _ca = tls_server
    shell = _shell(qtbot, app_folders, token_store, server.url)
    try:
        with qtbot.waitSignal(shell.sync_controller.failed, timeout=30_000) as failed:
            shell.sync_controller.sync_now()
        error = failed.args[0]
        assert isinstance(error, TlsError)  # not "offline": the banner would hide a setting to fix
        assert "certificate" in str(error).lower()
        qtbot.waitUntil(lambda: error_channel.current_dialog() is not None, timeout=5000)
        dialog = error_channel.current_dialog()
        qtbot.addWidget(dialog)
        assert not shell.window.banner.isVisible()
        # one dialog, no crash; its details (Copy details) name the TLS failure
        assert "TLS handshake failed" in dialog.details_text()
        assert "certificate verify failed" in dialog.details_text()
    finally:
        shell.shutdown()


def test_the_certificate_failure_is_told_in_words(qtbot, app_folders, token_store, tls_server, error_channel):
    server, _ca = tls_server
    shell = _shell(qtbot, app_folders, token_store, server.url)
    try:
        shell.sync_controller.sync_now()
        qtbot.waitUntil(lambda: error_channel.current_dialog() is not None, timeout=30_000)
        dialog = error_channel.current_dialog()
        qtbot.addWidget(dialog)
        said = (dialog.title_label.text() + " " + dialog.message_label.text()).lower()
        assert "certificate" in said and "unexpected" not in said
    finally:
        shell.shutdown()
