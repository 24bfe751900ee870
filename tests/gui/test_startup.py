"""The staged start-up: the main window with the cached catalog is painted before the API client (httpx,
pydantic, the keyring) exists; stage 2 then builds the Cart and Orders pages, the session and the sync."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.models.catalog_cache import CatalogCache
from desktop.models.infrastructure.demo_server import free_port
from desktop.views.background import tasks
from desktop.views.cart import CartPage
from desktop.views.orders import OrdersPage
from desktop.views.shell.shell import Shell
from desktop.views.window.main_window import EmptyState
from tests.unit.offer_factory import synthetic_offers

ROOT = Path(__file__).resolve().parents[2]
STAGE_2_MODULES = ("httpx", "pydantic", "keyring", "desktop.api_client._client", "desktop.views.cart",
                   "desktop.views.orders")

# The benchmark's way to see the first paint (benchmarks/catalog.py), reporting what is loaded then,
# and what the window holds when the app quits (BULKDESK_QUIT_AFTER_SHOWN: once stage 2 is done).
LAUNCHER = f"MODULES = {STAGE_2_MODULES!r}\n" + """
import json, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([sys.argv[0]])
report = {}

def describe(window):
    return {"modules": [m for m in MODULES if m in sys.modules],
            "pages": {key: type(window.page(key)).__name__ for key in window.page_keys(visible_only=False)},
            "rows": window.page("catalog").model.rowCount(),
            "f5": any(a.shortcut().toString() == "F5" for a in window.actions())}

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if ("first_paint" not in report and event.type() == QEvent.Type.Paint and obj.isWidgetType()
                and isinstance(obj.window(), QMainWindow)):
            report["first_paint"] = describe(obj.window())
        return False

def quitting():
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow))
    report["quit"] = describe(window)
    print("REPORT " + json.dumps(report), flush=True)

first_paint = FirstPaint()
app.installEventFilter(first_paint)
app.aboutToQuit.connect(quitting)
from desktop.app import main
sys.exit(main(sys.argv[1:]))
"""


def _filled_cache(cache_dir: Path, offers: int = 600) -> None:
    cache = CatalogCache(cache_dir / "catalog.sqlite3")
    try:
        cache.apply_changes(synthetic_offers(offers), [], "token-1")
    finally:
        cache.close()


def test_the_window_is_painted_before_the_client_exists_then_stage_2_builds_the_rest(tmp_path):
    home = tmp_path / "home"
    _filled_cache(home / "cache" / "Bulkdesk")
    env = {**os.environ, "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "QT_QPA_PLATFORM": "offscreen", "BULKDESK_QUIT_AFTER_SHOWN": "1",
           "BULKDESK_LOG_LEVEL": "warning", "PYTHONPATH": str(ROOT)}
    server = f"http://127.0.0.1:{free_port()}"  # nobody answers: the sync finds the app offline
    done = subprocess.run([sys.executable, "-c", LAUNCHER, "--server", server], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("REPORT "))
    report = json.loads(line.removeprefix("REPORT "))

    first = report["first_paint"]
    assert first["modules"] == []  # no httpx, pydantic, keyring, client, Cart or Orders page yet
    assert first["rows"] > 0  # the cached offers are in the table
    assert first["pages"] == {"catalog": "CatalogPage", "cart": "EmptyState", "orders": "EmptyState",
                              "seller": "EmptyState"}
    assert not first["f5"]  # the sync controller (and its F5) comes with stage 2

    after = report["quit"]
    assert set(after["modules"]) == set(STAGE_2_MODULES)
    assert after["pages"] == {"catalog": "CatalogPage", "cart": "CartPage", "orders": "OrdersPage",
                              "seller": "SellerPage"}
    assert after["f5"]


def test_a_staged_shell_is_ready_after_its_first_paint_and_runs_what_waited(qtbot, app_folders, token_store):
    _filled_cache(app_folders.cache, offers=50)
    shell = Shell(f"http://127.0.0.1:{free_port()}", paths=app_folders, token_store=token_store, staged=True)
    qtbot.addWidget(shell.window)
    try:
        window = shell.window
        assert not shell.is_ready and shell.client is None and shell.session is None
        assert isinstance(window.page("cart"), EmptyState) and isinstance(window.page("orders"), EmptyState)
        assert window.page_keys() == ["catalog", "cart", "orders"]  # every entry is there from the start
        assert shell.catalog_page.model.rowCount() == 50
        assert shell.sign_in() is None  # it needs the client: it waits for stage 2
        with qtbot.waitSignal(window.first_painted, timeout=10_000), qtbot.waitSignal(shell.ready, timeout=30_000):
            shell.start()
        assert shell.is_ready and shell.client is not None and shell.session is not None
        assert shell.catalog_page.client is shell.client and shell.catalog_page.detail.client is shell.client
        assert isinstance(window.page("cart"), CartPage) and window.page("cart") is shell.cart_page
        assert isinstance(window.page("orders"), OrdersPage) and window.page("orders") is shell.orders_page
        assert shell.sync_controller is not None
        assert shell.sign_in_dialog is not None and shell.sign_in_dialog.isVisible()  # the waiting sign-in
        shell.sign_in_dialog.reject()
    finally:
        # the sync (against nobody) and the thumbnail downloads end before the caches close
        if shell.sync_controller is not None:
            shell.sync_controller.stop()
        qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
        shell.shutdown()


def test_a_staged_start_restores_the_kept_session(qtbot, app_folders, token_store, live_server):
    from desktop.api_client import MarketplaceClient

    with MarketplaceClient(live_server.url, token_store=token_store) as client:  # as a past sign-in left it
        client.auth.login("buyer@demo.test", "demo-password")
    shell = Shell(live_server.url, paths=app_folders, token_store=token_store, staged=True)
    qtbot.addWidget(shell.window)
    try:
        with qtbot.waitSignal(shell.ready, timeout=30_000):
            shell.start()
        # stage 2 found the account in the token store (in a worker) and checks the token with GET /me
        qtbot.waitUntil(lambda: shell.session.signed_in, timeout=15_000)
        assert shell.session.email == "buyer@demo.test"
        assert shell.window.account_button.text() == "buyer@demo.test"
        assert shell.last_accounts.get(live_server.url) == "buyer@demo.test"
    finally:
        shell.sync_controller.stop()
        qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
        shell.shutdown()
    # the next start shows the kept account at once, as being checked, before stage 2
    again = Shell(live_server.url, paths=app_folders, token_store=token_store, staged=True)
    qtbot.addWidget(again.window)
    try:
        assert again.window.account_button.text() == "buyer@demo.test (checking…)"
    finally:
        again.shutdown()
