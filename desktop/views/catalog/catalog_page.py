"""The catalog page: search as you type over the local cache, categories with counts, the collection
tabs, filters and sort, the offer table, and the offer detail.

Everything here reads the offline cache; nothing waits on the network. A search reads its first screen
(FIRST_SCREEN ids: quick indexed SQL with a LIMIT, FTS5 for text) on the GUI thread and shows it at
once; when there are more, the whole id list is read in a worker and appended to the table (a newer
search drops an older one's result). The sync controller (sync_controller.py) keeps the cache
fresh and calls :meth:`CatalogPage.catalog_synced` after each sync.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.catalog_cache import OfferQuery
from desktop.views.window.keyboard import focus_first, install, keyboard_view

from .category_model import CATEGORY_ID_ROLE, CategoryTreeModel
from .currency import CurrencyContext
from .filter_bar import CatalogFilterBar
from .no_results import NoResults
from .offer_columns import setup_offer_table
from .offer_detail import OfferDetail
from .offer_table_model import Column, OfferTableModel
from .saved_searches_pane import SavedSearchesPane, side_pane
from .search import FIRST_SCREEN, CatalogSearch, Changed
from .seller_profile import SellerProfileDialog
from .thumbnails import ThumbnailLoader

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.models.catalog_cache import CatalogCache
    from desktop.models.catalog_cache.sync import SyncResult
    from desktop.models.saved_searches import SavedSearchStore
    from desktop.views.shell.collaborators import CartSource

__all__ = ["COLLECTION_TABS", "FIRST_SCREEN", "CatalogPage"]

log = logging.getLogger(__name__)

SEARCH_DEBOUNCE_MS = 120
#: a sync changing more offers than this repaints the whole table rather than looking each one up
REPAINT_ALL_AFTER = 5000
#: the tabs, in order: (collection filter, label) — labels are translated in CatalogPage._tab_labels
COLLECTION_TABS: tuple[str | None, ...] = (None, "weekly", "surplus", "promotion")
SORTS = ("relevance", "price", "-price", "newest")

class CatalogPage(QWidget):
    #: a short confirmation for the status bar ("Added … to the cart.")
    status_message = Signal(str)
    #: "Contact the seller" while signed out
    sign_in_requested = Signal()
    #: the offer table was filled again (tests wait on it)
    results_changed = Signal(int)

    def __init__(
        self,
        cache: CatalogCache,
        client: MarketplaceClient | None = None,
        *,
        cart: CartSource | None = None,
        currency: str = "EUR",
        signed_in: Callable[[], bool] | None = None,
        online: Callable[[], bool] | None = None,
        thumbnails: ThumbnailLoader | None = None,
        held: bool = False,
        saved_searches: SavedSearchStore | None = None,
        server_url: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("catalogPage")
        # its style rules are in the app's style sheet (theme.py): a style sheet of the page's own made
        # building the page and putting it in the window cost ~70 ms more
        self.cache = cache
        self.client = client
        self._online = online or (lambda: True)
        self.currency = CurrencyContext(currency, self._rates())
        # held (the app's start-up, until release()): nothing in the background, no network; a search
        # shows its first screen and reads the rest on release
        self._held = held
        self.thumbnails = thumbnails if thumbnails is not None else ThumbnailLoader(cache, parent=self, held=held)
        self.model = OfferTableModel(cache, self.currency, self.thumbnails, parent=self)
        self.category_model = CategoryTreeModel(self)
        self.detail = OfferDetail(cache, client, self.currency, self.thumbnails, cart=cart,
                                  signed_in=signed_in, parent=self)
        self.seller_dialog: SellerProfileDialog | None = None
        self._syncing = False
        self._category_id: int | None = None
        self.search = CatalogSearch(cache, first_screen=self._show_first_screen, results=self._show_results,
                                    held=held, parent=self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.run_search)
        self._build()
        self._connect()
        self.saved.set_store(saved_searches, server_url)  # per account (set_account); none without a store
        self.set_account(None)
        self.reload()

    # -- layout ------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("catalogSearch")
        self.search_edit.setPlaceholderText(self.tr("Search offers, SKUs, sellers…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search"))
        self.sort_combo = QComboBox()
        for key, label in zip(SORTS, self._sort_labels(), strict=True):
            self.sort_combo.addItem(label, key)
        self.sort_combo.setAccessibleName(self.tr("Sort by"))
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.search_edit, 1)
        self.saved = SavedSearchesPane(self, matches=self.cache.search)  # below the tree; "Save search…" here
        top.addWidget(self.saved.save_button)
        sort_label = QLabel(self.tr("Sort by"))
        sort_label.setBuddy(self.sort_combo)  # on Linux a combo box is named by its label relation
        top.addWidget(sort_label)
        top.addWidget(self.sort_combo)

        self.tabs = QTabBar()
        self.tabs.setObjectName("collectionTabs")
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        for label in self._tab_labels():
            self.tabs.addTab(label)

        self.filter_bar = bar = CatalogFilterBar(self.currency)
        # the page's names for the row's widgets (as before the row had its module)
        self.country_combo, self.seller_combo = bar.country_combo, bar.seller_combo
        self.min_price_edit, self.max_price_edit = bar.min_price_edit, bar.max_price_edit
        self.price_label, self.in_stock_check = bar.price_label, bar.in_stock_check
        self.clear_button, self.count_label = bar.clear_button, bar.count_label

        self.tree = keyboard_view(QTreeView())
        self.tree.setObjectName("categoryTree")
        self.tree.setAccessibleName(self.tr("Categories"))
        self.tree.setModel(self.category_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setIndentation(14)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setMinimumWidth(170)
        self.side = side_pane(self.tree, self.saved)  # the category tree, the saved searches below

        self.table = keyboard_view(QTableView())
        self.table.setObjectName("offerTable")
        self.table.setAccessibleName(self.tr("Offers"))
        self.table.setModel(self.model)
        self.fit_columns = setup_offer_table(self.table)

        self.empty = NoResults()
        self.loading_bar = self.empty.loading_bar
        self.results = QStackedWidget()
        self.results.addWidget(self.table)
        self.results.addWidget(self.empty)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("catalogSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(self.results)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([220, 830, 250])  # "Toutes les catégories" and its count fit

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        install(self, "search", self._focus_search, context=Qt.ShortcutContext.WindowShortcut)
        install(self, "add_to_cart", self.detail.add_to_cart)
        install(self, "quantity", self.detail.focus_quantity)

    def _sort_labels(self) -> tuple[str, ...]:
        return (self.tr("Relevance"), self.tr("Price: low to high"), self.tr("Price: high to low"),
                self.tr("Newest"))  # fmt: skip

    def _tab_labels(self) -> tuple[str, ...]:
        return (self.tr("All"), self.tr("Weekly opportunities"), self.tr("Surplus stock"),
                self.tr("Promotions"))

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.search_and_show)
        self.sort_combo.currentIndexChanged.connect(lambda _i: self.run_search())
        self.tabs.currentChanged.connect(lambda _i: self.run_search())
        self.filter_bar.changed.connect(lambda: self.run_search())
        self.filter_bar.clear_requested.connect(self.clear_filters)
        self.tree.selectionModel().currentChanged.connect(self._category_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self.open_row)
        self.detail.seller_requested.connect(self.open_seller)
        self.detail.added_to_cart.connect(self.status_message)
        self.detail.question_sent.connect(self.status_message)
        self.detail.sign_in_requested.connect(self.sign_in_requested)
        self.detail.watch_changed.connect(self.status_message)
        self.saved.message.connect(self.status_message)

    # -- state from the cache ----------------------------------------------------------------------
    def _rates(self) -> dict[str, Decimal]:
        try:
            return self.cache.rates()
        except Exception:
            return {}

    def set_currency(self, currency: str) -> None:
        self.currency.set_currency(currency)
        self.filter_bar.update_price_label()
        self.model.refresh()
        self.detail.refresh()

    def reload(self) -> None:
        """Read categories, filter choices and rates from the cache again, then search."""
        self._read_choices()
        self.run_search()

    def _read_choices(self) -> None:
        """The rates, the category tree (its current category kept when it is still there) and the
        filters' countries and sellers, from the cache."""
        self.currency.set_rates(self._rates())
        self.filter_bar.update_price_label()
        self.category_model.set_categories(self.cache.categories())
        self.tree.expandToDepth(0)
        self.set_category(self._category_id, search=False)
        self.filter_bar.set_choices(self.cache.countries(), self.cache.sellers())

    # -- searching ---------------------------------------------------------------------------------
    def query(self) -> OfferQuery:
        """The OfferQuery of the current search box, category, tab, filters and sort."""
        text = self.search_edit.text().strip()
        sort = self.sort_combo.currentData() or "relevance"
        collection = COLLECTION_TABS[self.tabs.currentIndex()] if self.tabs.currentIndex() >= 0 else None
        return OfferQuery(
            text=text,
            category_id=self._category_id,
            collection=collection,  # type: ignore[arg-type]
            country=self.filter_bar.country(),
            seller_id=self.filter_bar.seller_id(),
            min_price=self.filter_bar.min_price(),
            max_price=self.filter_bar.max_price(),
            in_stock=self.filter_bar.in_stock(),
            sort=sort,
        )

    def apply_query(self, query: OfferQuery) -> list[int]:
        """Show ``query`` (search box, tab, category, filters, sort: a saved search's) and search it once;
        returns the ids shown now (as :meth:`run_search`)."""
        widgets = (self.search_edit, self.tabs, self.sort_combo)
        for w in widgets:
            w.blockSignals(True)
        self.search_edit.setText(query.text)
        tab = COLLECTION_TABS.index(query.collection) if query.collection in COLLECTION_TABS else 0
        self.tabs.setCurrentIndex(tab)
        self.sort_combo.setCurrentIndex(max(0, self.sort_combo.findData(query.sort)))
        for w in widgets:
            w.blockSignals(False)
        self.filter_bar.apply(query.country, query.seller_id, query.min_price, query.max_price, query.in_stock)
        self.set_category(query.category_id, search=False)
        return self.run_search()

    def mark(self, offer_ids: Collection[int]) -> None:
        """Mark these offers as new in the table (a saved search's new matches; none: no marks)."""
        self.model.set_marked(offer_ids)

    def run_search(self, changed: Changed = None) -> list[int]:
        """Search the cache now (the search box calls this ~120 ms after the last keystroke).

        Returns the ids shown now: all of them, or the first screen while a worker reads the rest
        (``results_changed`` is emitted once the table has the whole result)."""
        self._search_timer.stop()
        query = self.query()
        self.saved.searched(query)
        return self.search.run(query, changed)

    def _show_first_screen(self, ids: list[int]) -> None:
        if not self.model.starts_with(ids):  # else the table already shows it (the same search again)
            self.model.set_ids(ids)
            self.results.setCurrentWidget(self.table)

    def _show_results(self, ids: list[int], changed: Changed, row_of: dict[int, int] | None = None) -> None:
        selected = self.detail.offer_id
        self.model.set_ids(ids, changed, row_of=row_of)
        self._update_empty_state(len(ids))
        self.count_label.setText(self._count_text(len(ids)))
        if selected is not None and self.model.row_of(selected) is not None:
            self._select_row(self.model.row_of(selected))
        self.results_changed.emit(len(ids))

    def _count_text(self, n: int) -> str:
        return self.tr("%Ln offer(s)", "", n)

    def _update_empty_state(self, n: int) -> None:
        if n:
            self.results.setCurrentWidget(self.table)
            return
        self.empty.show_for(total=self._offer_count(), syncing=self._syncing, text=self.search_edit.text().strip())
        self.results.setCurrentWidget(self.empty)

    def _offer_count(self) -> int:
        try:
            return self.cache.offer_count()
        except Exception:
            return 0

    def clear_filters(self) -> None:
        """The filter row back to "all", every category (the search box, the tab and the sort stay)."""
        self.filter_bar.clear()
        self._category_id = None
        self.tree.setCurrentIndex(self.category_model.index_of(None))
        self.run_search()

    def regions(self) -> list[QWidget | tuple[QWidget, ...]]:
        """The page's regions for F6 (keyboard.RegionCycle): the filters, the results, the detail."""
        return [(self.search_edit, self.tabs, self.filter_bar, self.side), self.results, self.detail]

    def search_and_show(self) -> None:
        """Return in the search box: search now, and go to the results (Down then selects the first)."""
        self.run_search()
        if self.results.currentWidget() is self.table:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_row(self, index: QModelIndex) -> None:
        """Return (or a double click) on a row: that offer in the detail, the focus on its quantity."""
        if index.isValid():
            self.table.selectRow(index.row())
            if not self.detail.focus_quantity():
                focus_first(self.detail)

    def _focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _category_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._category_id = current.siblingAtColumn(0).data(CATEGORY_ID_ROLE) if current.isValid() else None
        self.run_search()

    def select_category(self, category_id: int | None) -> None:
        self.tree.setCurrentIndex(self.category_model.index_of(category_id))

    def set_category(self, category_id: int | None, *, search: bool = True) -> None:
        """The category of the search (every category when the cache no longer has it)."""
        current = self.category_model.index_of(category_id)
        if not current.isValid():
            category_id, current = None, self.category_model.index_of(None)
        self._category_id = category_id
        self.tree.selectionModel().blockSignals(True)
        self.tree.setCurrentIndex(current)
        self.tree.selectionModel().blockSignals(False)
        if search:
            self.run_search()

    def set_account(self, email: str | None) -> None:
        """The saved searches and watches of this account (None: signed out), on this computer."""
        self.detail.set_watches(self.saved.set_account(email))

    # -- selection and detail ----------------------------------------------------------------------
    def _select_row(self, row: int | None) -> None:
        if row is None:
            return
        self.table.selectionModel().blockSignals(True)
        self.table.selectRow(row)
        self.table.selectionModel().blockSignals(False)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.detail.show_offer(self.model.offer_id(rows[0].row()) if rows else None)

    def show_offer(self, offer_id: int) -> None:
        """Select ``offer_id`` in the table when it is there, and show it in the detail pane."""
        row = self.model.row_of(offer_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, Column.TITLE))
        self.detail.show_offer(offer_id)

    def set_client(self, client: MarketplaceClient) -> None:
        """The API client, when the app has made it (after the window is shown): until then the page
        reads the cache only, and a seller profile shows what the cache knows, then what the API says."""
        self.client = client
        self.detail.client = client
        dialog = self.seller_dialog
        if dialog is not None and dialog.client is None:
            dialog.client = client
            if self._online():
                dialog.fetch()

    def release(self) -> None:
        """End ``held``: the thumbnail downloads and the rest of the search start (the app calls this
        after its window's first paint, which they would otherwise slow down)."""
        if not self._held:
            return
        self._held = False
        self.thumbnails.release()
        if self.search.release():
            self.run_search()

    def open_seller(self, seller_id: int) -> SellerProfileDialog:
        if self.seller_dialog is not None:
            self.seller_dialog.close()
        dialog = SellerProfileDialog(seller_id, self.cache, self.client, self.currency, self.thumbnails,
                                     online=self._online() and self.client is not None, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.offer_requested.connect(self.show_offer)
        dialog.destroyed.connect(lambda *_: setattr(self, "seller_dialog", None))
        self.seller_dialog = dialog
        dialog.show()
        return dialog

    # -- sync --------------------------------------------------------------------------------------
    def set_syncing(self, syncing: bool) -> None:
        self._syncing = syncing
        if self.model.rowCount() == 0:
            self._update_empty_state(0)

    def catalog_synced(self, result: SyncResult | None = None) -> None:
        """After a sync (or a page of the first one): new choices, the same search again; rows that
        changed are repainted in place, deleted ones disappear."""
        changed = None  # a big sync: every row is repainted (no 100,000-id set built on the GUI thread)
        if result is not None and result.changes <= REPAINT_ALL_AFTER:
            changed = result.changed_ids | result.deleted_ids
        self._read_choices()
        self.run_search(changed)
        if self.detail.offer_id is not None and (changed is None or self.detail.offer_id in changed):
            self.detail.refresh()

    def back_online(self) -> None:
        self.thumbnails.retry_failed()
        self.model.refresh()
