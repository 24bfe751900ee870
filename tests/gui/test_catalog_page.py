"""The catalog page over a synced cache: search, filters, tabs, sort, empty states, item models."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from PySide6.QtCore import Qt

from desktop.models.catalog_cache import CatalogCache, OfferQuery
from desktop.views.catalog import CatalogPage
from desktop.views.catalog.category_model import CATEGORY_ID_ROLE
from desktop.views.catalog.offer_table_model import OFFER_ID_ROLE, Column
from tests.gui.catalog_support import server_ids, synced_ui_fixture, ui_fixture  # noqa: F401 - fixtures


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def shown_ids(page: CatalogPage) -> list[int]:
    return page.model.ids


def test_first_sync_fills_the_cache_and_the_table(qtbot, synced_ui):
    ids = server_ids(synced_ui.client)
    assert synced_ui.cache.offer_count() == len(ids) >= 400  # the demo's 400, plus what other tests listed
    assert set(shown_ids(synced_ui.page)) == ids
    assert synced_ui.page.count_label.text() == f"{len(ids):,} offers"
    assert synced_ui.window.status.sync_label.text().startswith("Last sync")
    assert not synced_ui.window.status.in_progress


def test_item_models_pass_the_model_tester(qtmodeltester, synced_ui):
    qtmodeltester.check(synced_ui.page.model)
    qtmodeltester.check(synced_ui.page.category_model)


def test_table_rows_show_ids_not_rows_and_data_never_raises(synced_ui):
    model = synced_ui.page.model
    first = model.offer_id(0)
    assert model.index(0, Column.TITLE).data(OFFER_ID_ROLE) == first
    row = synced_ui.cache.rows([first])[first]
    assert model.index(0, Column.TITLE).data() == row.title
    assert "€" in model.index(0, Column.PRICE).data()
    assert model.index(0, Column.THUMBNAIL).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(9999, 0).data() is None
    synced_ui.cache.close()  # a closed cache: empty cells, no exception
    model.refresh()
    assert model.index(1, Column.TITLE).data() in ("—", None)


def test_search_as_you_type_over_the_local_cache(qtbot, synced_ui):
    page = synced_ui.page
    with qtbot.waitSignal(page.results_changed, timeout=3000):
        qtbot.keyClicks(page.search_edit, "cable")
    expected = synced_ui.cache.search(OfferQuery(text="cable"))
    assert shown_ids(page) == expected and expected
    assert set(expected) == server_ids(synced_ui.client, q="cable")
    for offer_id in expected:
        offer = synced_ui.cache.offer(offer_id)
        text = " ".join([offer["title"], offer["description"], offer["sku"], offer["seller"]["name"]])
        assert "cable" in fold(text)  # "câbles" matches too: diacritics are ignored
    # ranked by relevance: a title hit comes before a description-only hit
    first = synced_ui.cache.offer(expected[0])
    assert "cable" in fold(first["title"])


def test_no_results_empty_state(qtbot, synced_ui):
    page = synced_ui.page
    with qtbot.waitSignal(page.results_changed, timeout=3000):
        page.search_edit.setText("zzqxw")
    assert page.model.rowCount() == 0
    assert page.results.currentWidget() is page.empty
    assert page.empty.title_label.text() == "No results for “zzqxw”"


def test_not_synced_yet_empty_state(qtbot, tmp_path):
    cache = CatalogCache(tmp_path / "empty.sqlite3")
    page = CatalogPage(cache, client=None)
    qtbot.addWidget(page)
    assert page.results.currentWidget() is page.empty
    assert page.empty.title_label.text() == "Not synced yet"
    assert "download the catalog" in page.empty.text_label.text()
    page.set_syncing(True)
    assert page.empty.title_label.text() == "Downloading the catalog…"
    assert not page.loading_bar.isHidden()
    page.thumbnails.close()
    cache.close()


def test_each_tab_gives_the_collection(qtbot, synced_ui):
    page = synced_ui.page
    for index, collection in [(1, "weekly"), (2, "surplus"), (3, "promotion"), (0, None)]:
        with qtbot.waitSignal(page.results_changed, timeout=3000):
            page.tabs.setCurrentIndex(index)
        filters = {"collection": collection} if collection else {}
        assert set(shown_ids(page)) == server_ids(synced_ui.client, **filters), collection


def test_each_filter_matches_the_server(qtbot, synced_ui):
    page, client = synced_ui.page, synced_ui.client
    cases = []

    page.country_combo.setCurrentIndex(page.country_combo.findData("FR"))
    cases.append(({"country": "FR"}, set(shown_ids(page))))
    page.country_combo.setCurrentIndex(0)

    seller_id = page.seller_combo.itemData(3)
    page.seller_combo.setCurrentIndex(3)
    cases.append(({"seller": seller_id}, set(shown_ids(page))))
    page.seller_combo.setCurrentIndex(0)

    page.in_stock_check.setChecked(True)
    cases.append(({"in_stock": True}, set(shown_ids(page))))
    page.in_stock_check.setChecked(False)

    page.min_price_edit.setText("1.00")
    page.max_price_edit.setText("3.00")
    page.run_search()
    cases.append(({"min_price": Decimal("1.00"), "max_price": Decimal("3.00")}, set(shown_ids(page))))
    page.min_price_edit.clear()
    page.max_price_edit.clear()

    parent = page.category_model.index(0, 0)  # "All categories"
    food = page.category_model.index(0, 0, parent)
    page.tree.setCurrentIndex(food)
    category_id = food.data(CATEGORY_ID_ROLE)
    cases.append(({"category": category_id}, set(shown_ids(page))))
    # the tree's count is the category's count
    assert int(food.siblingAtColumn(1).data().replace(",", "")) == len(cases[-1][1])

    for filters, shown in cases:
        assert shown and shown == server_ids(client, **filters), filters
    page.clear_filters()
    assert set(shown_ids(page)) == server_ids(client)


def test_sort_by_price_and_newest(qtbot, synced_ui):
    page, cache = synced_ui.page, synced_ui.cache
    page.sort_combo.setCurrentIndex(page.sort_combo.findData("price"))
    assert shown_ids(page) == cache.search(OfferQuery(sort="price"))
    page.sort_combo.setCurrentIndex(page.sort_combo.findData("-price"))
    assert shown_ids(page) == cache.search(OfferQuery(sort="-price"))
    page.sort_combo.setCurrentIndex(page.sort_combo.findData("newest"))
    rows = cache.rows(shown_ids(page)[:50])
    stamps = [rows[i].updated_at for i in shown_ids(page)[:50]]
    assert stamps == sorted(stamps, reverse=True)


def test_thumbnail_placeholder_then_picture_stored_for_offline(qtbot, synced_ui):
    page = synced_ui.page
    model = page.model
    row = model.row(model.offer_id(0))
    url = row.thumbnail_url
    thumbs = page.thumbnails
    if thumbs.pixmap(url, 30) is None:  # not yet downloaded (the table may have asked already)
        qtbot.waitUntil(lambda: synced_ui.cache.image_path(url) is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not thumbs.is_pending(url), timeout=10_000)
    assert synced_ui.cache.image_path(url) is not None
    assert not thumbs.pixmap(url, 30).isNull()
