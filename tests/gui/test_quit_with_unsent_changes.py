"""Quitting with changes not yet sent (issue 29, bug 1): File > Quit and the window's close button say how
many changes are not sent and offer Wait and send / Quit anyway / Cancel; the changes stay kept. And
Settings shows the address the app is connected to now (the demo's port), beside the saved one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.models.seller import Edit
from desktop.views.background import tasks
from desktop.views.settings.dialog import SettingsDialog
from desktop.views.shell.quit_guard import UnsentChangesDialog
from desktop.views.shell.shell import Shell
from tests.api_client.live import SELLER, signed_in
from tests.support.server import cleanup, make_server


@pytest.fixture
def own_server():
    server = make_server(offers=30, orders=0)
    server.start()
    yield server
    cleanup(server)


def test_quit_with_an_unsent_edit_asks_and_waits_until_it_is_sent(qtbot, own_server, app_folders, token_store,
                                                                   error_channel):
    quits: list[bool] = []
    shell = Shell(own_server.url, paths=app_folders, token_store=token_store, channel=error_channel,
                  quit_app=lambda: quits.append(True))
    qtbot.addWidget(shell.window)
    shell.window.show()
    try:
        with qtbot.waitSignal(shell.seller_page.workspace.identified, timeout=30_000):
            shell.session.signed_in_with(shell.client.auth.login(SELLER, "demo-password"))
        desk = shell.seller_page.workspace.desk
        offer = next(iter(signed_in(own_server.url, SELLER).seller.offers(limit=1)))
        qtbot.waitUntil(lambda: desk.listings.row(offer.id) is not None, timeout=30_000)
        qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
        own_server.stop()  # the marketplace stops answering; "+5 received" is kept, not sent
        desk.runner.queue_edits(desk.listings, [Edit(offer.id, {}, stock_delta=5)])
        qtbot.waitUntil(lambda: not desk.runner.busy and tasks.running_ops() == 0, timeout=30_000)
        assert desk.pending_count() == 1

        shell.window.quit_requested.emit()  # File > Quit
        dialog = shell.quit_dialog
        assert isinstance(dialog, UnsentChangesDialog) and dialog.isVisible() and quits == []
        assert dialog.message.text() == "1 change not yet sent to the marketplace."
        assert "kept" in dialog.detail.text()
        dialog.reject()  # Cancel: the app goes on
        qtbot.waitUntil(lambda: shell.quit_dialog is None, timeout=5_000)
        shell.window.close()  # the window's close button asks the same
        assert shell.window.isVisible() and quits == []
        dialog = shell.quit_dialog
        assert dialog is not None and dialog.isVisible()

        qtbot.mouseClick(dialog.wait_button, Qt.MouseButton.LeftButton)  # Wait and send
        assert dialog.waiting and not dialog.wait_button.isEnabled() and quits == []
        qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
        assert quits == [] and desk.pending_count() == 1  # still unreachable: still waiting
        own_server.start()  # the marketplace answers again (same port)
        shell.retry_connection()  # what the offline probe does on its own a little later
        qtbot.waitUntil(lambda: quits == [True], timeout=60_000)  # sent, then quit by itself
        assert desk.pending_count() == 0
        after = next(o for o in signed_in(own_server.url, SELLER).seller.offers(limit=500) if o.id == offer.id)
        assert after.stock_units == offer.stock_units + 5
        assert error_channel.current_dialog() is None
    finally:
        qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
        shell.shutdown()


def test_quit_anyway_quits_and_nothing_pending_quits_at_once(qtbot, app_folders, token_store):
    dialog = UnsentChangesDialog(unsent=lambda: 3)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.message.text() == "3 changes not yet sent to the marketplace."
    with qtbot.waitSignal(dialog.quit_now, timeout=1000):
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    quits: list[bool] = []
    shell = Shell("http://127.0.0.1:9", paths=app_folders, token_store=token_store,
                  quit_app=lambda: quits.append(True))
    qtbot.addWidget(shell.window)
    try:
        assert shell.request_quit() is None and quits == [True]  # no seller signed in: nothing to wait for
    finally:
        qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
        shell.shutdown()


def test_settings_show_the_address_connected_to_beside_the_saved_one(qtbot):
    dialog = SettingsDialog({"server_url": "http://127.0.0.1:8000"}, connected_url="http://127.0.0.1:54321")
    qtbot.addWidget(dialog)
    assert dialog.server_url.text() == "http://127.0.0.1:8000"
    assert dialog.connected_url.text() == ("Connected now to http://127.0.0.1:54321 (this session only; the "
                                           "address above is the one saved).")
    same = SettingsDialog({"server_url": "https://market.example"}, connected_url="https://market.example/")
    qtbot.addWidget(same)
    assert same.connected_url.text() == "Connected now to https://market.example."
