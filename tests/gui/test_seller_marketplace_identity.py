"""A seller's unsent changes belong to the account on the marketplace as it identifies itself, not to the
URL (issue 29, bug 1): the shell against the real reference server, moved to a new port, replaced by
another marketplace at the same address, and an entry left "sending" by a quit app."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.api_client import MarketplaceClient
from desktop.models.infrastructure.server_process import free_port
from desktop.models.seller import Edit, OfferHandlers, SellerFiles, Sender, Status, queue_edits
from desktop.views.background import tasks
from desktop.views.shell.shell import Shell
from tests.api_client.live import SELLER, signed_in
from tests.support.server import ServerProcess, cleanup, make_server

PASSWORD = "demo-password"


@pytest.fixture
def north():
    server = make_server(offers=40, orders=0, extra_env={"BULKDESK_MARKETPLACE_NAME": "North depot"})
    server.start()
    yield server
    cleanup(server)


def _move(server: ServerProcess, port: int | None = None) -> None:
    """The same marketplace (its database) started again on another port (the demo's next launch)."""
    server.stop()
    server.port = port or free_port()
    server.url = f"http://127.0.0.1:{server.port}"
    server.start()


def _signed_in_shell(qtbot, url, app_folders, token_store, error_channel) -> Shell:
    shell = Shell(url, paths=app_folders, token_store=token_store, channel=error_channel)
    qtbot.addWidget(shell.window)
    workspace = shell.seller_page.workspace
    with qtbot.waitSignal(workspace.identified, timeout=30_000):
        shell.session.signed_in_with(shell.client.auth.login(SELLER, PASSWORD))
    return shell


def _close(qtbot, shell: Shell) -> None:
    qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
    shell.shutdown()


def _queue_offline(qtbot, shell: Shell, server: ServerProcess, offer_id: int, delta: int = 5) -> None:
    """The marketplace stops answering; the seller edits the stock anyway ("+5 received")."""
    desk = shell.seller_page.workspace.desk
    qtbot.waitUntil(lambda: desk.listings.row(offer_id) is not None, timeout=30_000)
    qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
    server.stop()
    desk.runner.queue_edits(desk.listings, [Edit(offer_id, {}, stock_delta=delta)])
    qtbot.waitUntil(lambda: not desk.runner.busy and tasks.running_ops() == 0, timeout=30_000)
    # its attempt met a closed port: kept, "sending" (it may have gone out) until the next attempt
    assert [e.status for e in desk.runner.entries()] in ([Status.WAITING], [Status.SENDING])
    assert desk.pending_count() == 1


def test_the_same_marketplace_at_a_new_port_finds_the_unsent_edit_and_sends_it(
        qtbot, north, app_folders, token_store, error_channel):
    offer = next(iter(signed_in(north.url, SELLER).seller.offers(limit=1)))
    shell = _signed_in_shell(qtbot, north.url, app_folders, token_store, error_channel)
    try:
        _queue_offline(qtbot, shell, north, offer.id)
    finally:
        _close(qtbot, shell)
    _move(north)  # the demo's next launch: another port, the same database
    shell = _signed_in_shell(qtbot, north.url, app_folders, token_store, error_channel)
    try:
        desk = shell.seller_page.workspace.desk
        qtbot.waitUntil(lambda: bool(desk.runner.entries()) and desk.pending_count() == 0, timeout=30_000)
        assert [e.status for e in desk.runner.entries()] == [Status.SENT]
        now = signed_in(north.url, SELLER).seller.offers(limit=500)
        after = next(o for o in now if o.id == offer.id)
        assert after.stock_units == offer.stock_units + 5 and after.version == offer.version + 1
        assert not desk.kept_elsewhere.isVisibleTo(desk.pending_view)
        assert error_channel.current_dialog() is None
    finally:
        _close(qtbot, shell)


def test_another_marketplace_at_the_same_address_keeps_the_edit_and_says_so_until_the_first_is_back(
        qtbot, north, app_folders, token_store, error_channel):
    offer = next(iter(signed_in(north.url, SELLER).seller.offers(limit=1)))
    address, port = north.url, north.port
    shell = _signed_in_shell(qtbot, address, app_folders, token_store, error_channel)
    try:
        _queue_offline(qtbot, shell, north, offer.id)
    finally:
        _close(qtbot, shell)
    south = make_server(offers=40, orders=0)  # another marketplace (its own database), at the same address
    south.port, south.url = port, address
    south.start()
    try:
        before = next(o for o in signed_in(address, SELLER).seller.offers(limit=500) if o.id == offer.id)
        shell = Shell(address, paths=app_folders, token_store=token_store, channel=error_channel)
        qtbot.addWidget(shell.window)
        try:
            workspace = shell.seller_page.workspace
            with qtbot.waitSignal(workspace.identified, timeout=30_000) as identified:
                shell.session.signed_in_with(shell.client.auth.login(SELLER, PASSWORD))
            result = identified.args[0]
            assert result.moved and result.previous.name == "North depot"
            assert result.marketplace.name == "Bulkdesk demo marketplace"
            desk = workspace.desk
            assert desk.pending_count() == 0 and desk.runner.entries() == []  # South's own outbox
            bar = desk.kept_elsewhere
            assert bar.isVisibleTo(desk.pending_view)
            assert bar.rows[0][0].text() == ("1 change for another marketplace (North depot) kept: sent when "
                                             "Bulkdesk is connected to it again.")
            assert "now answers as Bulkdesk demo marketplace" in shell.window.status.currentMessage()
            qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
            now = next(o for o in signed_in(address, SELLER).seller.offers(limit=500) if o.id == offer.id)
            assert (now.stock_units, now.version) == (before.stock_units, before.version)  # never sent to South
        finally:
            _close(qtbot, shell)
    finally:
        cleanup(south)
    _move(north)  # North is back, at another address: its edit goes there
    shell = _signed_in_shell(qtbot, north.url, app_folders, token_store, error_channel)
    try:
        desk = shell.seller_page.workspace.desk
        qtbot.waitUntil(lambda: bool(desk.runner.entries()) and desk.pending_count() == 0, timeout=30_000)
        after = next(o for o in signed_in(north.url, SELLER).seller.offers(limit=500) if o.id == offer.id)
        assert after.stock_units == offer.stock_units + 5 and after.version == offer.version + 1
        assert error_channel.current_dialog() is None
    finally:
        _close(qtbot, shell)


def test_an_entry_left_sending_by_a_quit_app_is_sent_again_once(qtbot, north, app_folders, token_store):
    client = MarketplaceClient(north.url, token_store=token_store)  # the sign-in the last session kept
    client.auth.login(SELLER, PASSWORD)
    try:
        offer = next(iter(client.seller.offers(limit=1)))
        files = SellerFiles(app_folders.data, north.url)
        files.use(files.identify(SELLER, client.catalog.marketplace))
        listings, outbox = files.listings(SELLER), files.outbox(SELLER)
        listings.replace_all(o.model_dump(mode="json") for o in client.seller.offers(limit=500))
        [entry] = queue_edits(outbox, listings, [Edit(offer.id, {}, stock_delta=5)])
        sender = Sender(outbox, client)
        OfferHandlers(listings).install(sender)
        assert len(sender.drain().sent) == 1  # it reached the server ...
        path = outbox.path
        listings.close()
        outbox.close()
    finally:
        client.close()
    with sqlite3.connect(path) as conn:  # ... and the app was gone before its answer was recorded
        conn.execute("UPDATE entries SET status = 'sending', sent_at = NULL, result = NULL WHERE id = ?", (entry.id,))
    conn.close()
    applied = next(o for o in signed_in(north.url, SELLER).seller.offers(limit=500) if o.id == offer.id)
    assert applied.stock_units == offer.stock_units + 5

    shell = Shell(north.url, paths=app_folders, token_store=token_store, staged=True)
    qtbot.addWidget(shell.window)
    try:
        with qtbot.waitSignal(shell.ready, timeout=30_000):
            shell.start()
        qtbot.waitUntil(lambda: shell.seller_page.workspace is not None
                        and shell.seller_page.workspace.desk is not None, timeout=30_000)
        desk = shell.seller_page.workspace.desk
        qtbot.waitUntil(lambda: [e.status for e in desk.runner.entries()] == [Status.SENT], timeout=30_000)
        assert desk.runner.entries()[0].attempts == 2  # sent again, with its stored key ...
        now = next(o for o in signed_in(north.url, SELLER).seller.offers(limit=500) if o.id == offer.id)
        assert (now.stock_units, now.version) == (applied.stock_units, applied.version)  # ... written once
    finally:
        shell.sync_controller.stop()
        _close(qtbot, shell)


def test_the_kept_elsewhere_line_asks_before_discarding(qtbot):
    from PySide6.QtWidgets import QMessageBox

    from desktop.models.seller import KeptElsewhere, MarketplaceIdentity
    from desktop.views.seller.kept_elsewhere import KeptElsewhereBar

    bar = KeptElsewhereBar()
    qtbot.addWidget(bar)
    kept = KeptElsewhere(MarketplaceIdentity("north-id", "North depot"), 3)
    bar.show_kept([kept])
    assert not bar.isHidden() and len(bar.rows) == 1
    assert bar.rows[0][0].text().startswith("3 changes for another marketplace (North depot) kept")
    box = bar.confirm_discard(kept)
    assert box.text() == "Discard 3 changes never sent to North depot? This cannot be undone."
    with qtbot.assertNotEmitted(bar.discard_requested):
        box.button(QMessageBox.StandardButton.Cancel).click()
    box = bar.confirm_discard(kept)
    discard = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    with qtbot.waitSignal(bar.discard_requested, timeout=1000) as asked:
        discard.click()
    assert asked.args == [kept]
    bar.show_kept([])
    assert bar.isHidden() and bar.rows == []
