"""Saved searches and watches on the catalog page, against the real reference server: a search saved from
the page alerts once after a real delta sync, the list counts its new matches, opening it marks them;
a "back in stock" watch fires; everything is still there after a restart (a new page on the same file)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from desktop.api_client import MarketplaceClient, MemoryTokenStore
from desktop.api_client.types.seller import OfferPatch
from desktop.models.saved_searches import Alert, SavedSearchStore
from desktop.views.background import tasks
from desktop.views.catalog import CatalogPage
from desktop.views.catalog.offer_table_model import NEW_MATCH_ROLE, Column
from desktop.views.catalog.saved_searches_model import NEW_COUNT_ROLE, SavedSearchesModel
from desktop.views.locale.formatting import format_money
from tests.gui.catalog_support import CatalogUi


def seller_client(url: str) -> MarketplaceClient:
    client = MarketplaceClient(url, token_store=MemoryTokenStore())
    client.auth.login("seller@demo.test", "demo-password")
    return client


def set_stock(seller: MarketplaceClient, offer, stock: int):
    return seller.seller.update_offer(offer.id, OfferPatch(stock_units=stock), version=offer.version)


def save_from_page(qtbot, ui: CatalogUi, name: str):
    """"Save search…" on the page, a name typed in its dialog, OK: the search and its matches are saved."""
    qtbot.mouseClick(ui.page.saved.save_button, Qt.MouseButton.LeftButton)
    dialog = ui.page.saved.name_dialog
    assert isinstance(dialog, QInputDialog) and dialog.isVisible()
    dialog.setTextValue(name)
    with qtbot.waitSignal(ui.page.saved.saved, timeout=10_000) as blocker:
        dialog.accept()
    return blocker.args[0]


def list_texts(ui: CatalogUi) -> list[str]:
    model = ui.page.saved.model
    return [model.index(r).data() for r in range(model.rowCount())]


def test_saved_search_alerts_once_after_a_real_sync_and_opens_with_new_matches_marked(qtbot, qtmodeltester,
                                                                                      private_server, tmp_path):
    store = SavedSearchStore(tmp_path / "saved_searches.sqlite3")
    ui = CatalogUi(qtbot, private_server.url, tmp_path, saved_searches=store)
    seller = seller_client(private_server.url)
    try:
        own = seller.seller.offers().take(3)
        back_a, back_b, watched = (set_stock(seller, o, 0) for o in own)
        ui.sync(qtbot)
        page = ui.page
        assert page.saved.isVisible() and page.saved.empty_label.isVisible()

        # the seller's offers in stock: a search with filters only, saved from the page
        seller_id = back_a.seller.id
        page.seller_combo.setCurrentIndex(page.seller_combo.findData(seller_id))
        with qtbot.waitSignal(page.results_changed, timeout=5000):
            page.in_stock_check.setChecked(True)
        assert back_a.id not in page.model.ids and page.model.rowCount() > 0
        search = save_from_page(qtbot, ui, "  My stock  in stock ")
        assert search.name == "My stock in stock" and list_texts(ui) == ["My stock in stock"]
        assert search.query.seller_id == seller_id and search.query.in_stock

        # a watch from the offer detail: out of stock, "Notify me when back in stock"
        page.show_offer(watched.id)
        box = page.detail.watches
        assert box.stock_button.isVisible()
        qtbot.mouseClick(box.stock_button, Qt.MouseButton.LeftButton)
        assert not box.stock_button.isVisible()
        assert [label.text() for label, _ in box.watch_rows] == ["You will be notified when it is back in stock."]

        # two of the seller's offers come back in stock (the watched one too); a real delta sync
        for offer in (back_a, back_b, watched):
            set_stock(seller, offer, 40)
        notified: list = []
        ui.alerts.notified.connect(lambda alert, title, text: notified.append((alert, title, text)))
        with qtbot.waitSignal(ui.alerts.evaluated, timeout=30_000):
            ui.sync(qtbot)
        searches = [n for n in notified if n[0].kind == "search"]
        assert len(searches) == 1  # one per search and sync, not one per offer
        alert, title, text = searches[0]
        assert alert.search_id == search.id and set(alert.offer_ids) == {back_a.id, back_b.id, watched.id}
        assert (title, text) == ("Saved search “My stock in stock”", "3 new matching offers")
        watch_alerts = [n[0] for n in notified if n[0].kind == "back_in_stock"]
        assert [(a.offer_ids, a.title) for a in watch_alerts] == [((watched.id,), watched.title)]
        assert ui.window.status.currentMessage()  # the last notification, in the status bar
        assert list_texts(ui) == ["My stock in stock · 3 new"]

        # elsewhere in the catalog, then the list item: the search again, its new matches marked
        with qtbot.waitSignal(page.results_changed, timeout=5000):
            page.clear_filters()
        assert not page.in_stock_check.isChecked()
        index = page.saved.model.index(0)
        with qtbot.waitSignal(page.results_changed, timeout=5000):
            qtbot.mouseClick(page.saved.list.viewport(), Qt.MouseButton.LeftButton,
                             pos=page.saved.list.visualRect(index).center())
        assert page.in_stock_check.isChecked() and page.filter_bar.seller_id() == seller_id
        marked = {i for i in page.model.ids
                  if page.model.index(page.model.row_of(i), Column.TITLE).data(NEW_MATCH_ROLE)}
        assert marked == {back_a.id, back_b.id, watched.id}
        qtmodeltester.check(page.model)
        page.set_account(None)  # the session says it again (same account): the opened search stays as it is
        assert page.model.marked == {back_a.id, back_b.id, watched.id}
        font = page.model.index(page.model.row_of(back_a.id), Column.SELLER).data(Qt.ItemDataRole.FontRole)
        assert font is not None and font.bold()
        assert list_texts(ui) == ["My stock in stock"]  # seen: the count is gone
        assert page.saved.model.index(0).data(NEW_COUNT_ROLE) == 0

        # the user changes the search: the marks go
        with qtbot.waitSignal(page.results_changed, timeout=5000):
            page.in_stock_check.setChecked(False)
        assert not page.model.marked

        # the next sync with no new match says nothing
        notified.clear()
        with qtbot.waitSignal(ui.alerts.evaluated, timeout=30_000):
            ui.sync(qtbot)
        assert notified == []
    finally:
        seller.close()
        ui.close()
        qtbot.waitUntil(lambda: not ui.controller.running and not ui.alerts.running, timeout=30_000)

    # a restart: a new page on the same file keeps the search and the watch
    store.close()
    again = SavedSearchStore(tmp_path / "saved_searches.sqlite3")
    cache_page = CatalogPage(ui.cache, None, saved_searches=again, server_url=private_server.url)
    qtbot.addWidget(cache_page)
    assert [s.name for s in cache_page.saved.model.searches] == ["My stock in stock"]
    cache_page.show_offer(watched.id)
    assert [w.kind for w in cache_page.detail.watches.watches()] == ["back_in_stock"]
    cache_page.set_account("buyer@demo.test")  # another account: none of the signed-out user's
    assert cache_page.saved.model.rowCount() == 0 and cache_page.saved.empty_label.isVisibleTo(cache_page)
    assert cache_page.detail.watches.watches() == []
    cache_page.thumbnails.close()
    again.close()


def test_rename_alerts_off_delete_and_the_list_model(qtbot, qtmodeltester, catalog_server, tmp_path):
    store = SavedSearchStore(tmp_path / "saved.sqlite3")
    ui = CatalogUi(qtbot, catalog_server.url, tmp_path, saved_searches=store)
    try:
        ui.sync(qtbot)
        pane = ui.page.saved
        with qtbot.waitSignal(ui.page.results_changed, timeout=5000):
            qtbot.keyClicks(ui.page.search_edit, "pallet")
        first = save_from_page(qtbot, ui, "Pallets")
        qtmodeltester.check(pane.model)
        assert first.query.text == "pallet"

        menu = pane.menu_for(first.id)
        actions = {a.text(): a for a in menu.actions() if a.text()}
        assert set(actions) == {"Open", "Rename…", "Alerts", "Delete"} and actions["Alerts"].isChecked()
        actions["Alerts"].trigger()
        assert not pane.search(first.id).alerts
        assert "Alerts off" in pane.model.index(0).data(Qt.ItemDataRole.ToolTipRole)

        actions["Rename…"].trigger()
        dialog = pane.name_dialog
        dialog.setTextValue("Pallets of anything")
        dialog.accept()
        assert [s.name for s in pane.model.searches] == ["Pallets of anything"]

        second = save_from_page(qtbot, ui, "Second")
        assert not pane.rename(second.id, "Pallets of anything")  # taken: said, asked again with what was typed
        taken = "A saved search is already called “Pallets of anything”."
        assert ui.window.status.currentMessage() == taken
        again = pane.name_dialog
        assert again.isVisible() and again.textValue() == "Pallets of anything" and taken in again.labelText()
        again.setTextValue("x" * 121)
        again.accept()
        assert "too long" in pane.name_dialog.labelText() and pane.name_dialog.textValue() == "x" * 121
        pane.name_dialog.reject()
        assert [s.name for s in pane.model.searches] == ["Pallets of anything", "Second"]

        # saving under a name taken asks before replacing that search
        with qtbot.waitSignal(ui.page.results_changed, timeout=5000):
            qtbot.keyClicks(ui.page.search_edit, " box")
        qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
        pane.name_dialog.setTextValue("Second")
        pane.name_dialog.accept()
        box = pane.confirm_box
        assert box is not None and box.isVisible() and "already called “Second”" in box.text()
        replace = next(b for b in box.buttons() if b.text() == "Replace")
        with qtbot.waitSignal(pane.saved, timeout=10_000) as blocker:
            replace.click()
        assert blocker.args[0].query.text == "pallet box"
        assert [s.name for s in pane.model.searches] == ["Pallets of anything", "Second"]
        second = blocker.args[0]
        qtmodeltester.check(pane.model)

        # a notification clicked (the tray's messageClicked) opens its search on the page, on the catalog
        with qtbot.waitSignal(ui.page.results_changed, timeout=5000):
            ui.page.search_edit.clear()
        ui.alerts.notify(Alert("search", "Pallets of anything", (ui.page.model.offer_id(0),), first.id))
        assert ui.window.status.currentMessage() == "Saved search “Pallets of anything” — 1 new matching offer"
        with qtbot.waitSignal(ui.page.saved.opened, timeout=5000):
            ui.alerts.message_clicked()
        assert ui.page.search_edit.text() == "pallet" and ui.window.current_page_key() == "catalog"

        pane.menu_for(second.id).actions()[-1].trigger()  # Delete
        assert [s.name for s in pane.model.searches] == ["Pallets of anything"]
        assert ui.window.status.currentMessage() == "Saved search “Second” deleted."
        assert isinstance(pane.model, SavedSearchesModel)
    finally:
        ui.close()
        qtbot.waitUntil(lambda: not ui.controller.running and not ui.alerts.running, timeout=30_000)
        store.close()


def test_price_watch_in_the_display_currency(qtbot, catalog_server, tmp_path):
    store = SavedSearchStore(tmp_path / "saved.sqlite3")
    ui = CatalogUi(qtbot, catalog_server.url, tmp_path, saved_searches=store)
    try:
        ui.sync(qtbot)
        page = ui.page
        offer_id = page.model.offer_id(0)
        page.show_offer(offer_id)
        box = page.detail.watches
        assert box.price_edit.isVisible() and "(EUR)" in box.price_label.text()
        box.price_edit.setText("")
        qtbot.mouseClick(box.price_button, Qt.MouseButton.LeftButton)
        assert box.error_label.isVisible() and page.saved.account.watches(offer_id) == []
        qtbot.keyClicks(box.price_edit, "2.5")
        qtbot.keyClick(box.price_edit, Qt.Key.Key_Return)
        [watch] = page.saved.account.watches(offer_id)
        assert (watch.kind, str(watch.threshold), watch.currency) == ("price_below", "2.50", "EUR")
        assert not box.price_edit.isVisible() and not box.error_label.isVisible()
        limit = format_money(Decimal("2.50"), "EUR")
        said = [label.text() for label, _ in box.watch_rows]
        assert said == [f"You will be notified when the price drops below {limit}."]
        qtbot.mouseClick(box.watch_rows[0][1], Qt.MouseButton.LeftButton)  # Remove
        assert page.saved.account.watches(offer_id) == [] and box.price_edit.isVisible()
    finally:
        ui.close()
        qtbot.waitUntil(lambda: not ui.controller.running and not ui.alerts.running, timeout=30_000)
        store.close()


def test_the_shell_keeps_saved_searches_in_the_data_folder_per_account(qtbot, app_folders, token_store,
                                                                       error_channel, catalog_server):
    from desktop.views.shell.shell import Shell

    shell = Shell(catalog_server.url, paths=app_folders, token_store=token_store, channel=error_channel)
    qtbot.addWidget(shell.window)
    try:
        page = shell.catalog_page
        assert (app_folders.data / "saved_searches.sqlite3").exists()
        assert page.saved.account is not None and page.saved.save_button.isVisibleTo(page)
        page.saved.account.save("Signed out", page.query(), [])
        page.saved.refresh()
        assert [s.name for s in page.saved.model.searches] == ["Signed out"]

        shell.session.signed_in_with(shell.client.auth.login("buyer@demo.test", "demo-password"))
        assert page.saved.model.rowCount() == 0  # the buyer's own searches (none yet)
        shell.session.sign_out(shell.window)
        assert [s.name for s in page.saved.model.searches] == ["Signed out"]
    finally:
        qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=10_000)
        shell.shutdown()
