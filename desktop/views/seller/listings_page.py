"""The seller's listings: the table with its search and filters, inline edits, bulk edit, paste, undo,
new offer and delete. Every write goes to the outbox first (OutboxRunner), then to the server.

    page = ListingsPage(client, listings, runner)    # runner: OutboxRunner over the seller's outbox
    page.refresh()                                   # GET /seller/offers (off the GUI thread) → local copy
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.infrastructure.sqlite_file import StoreError
from desktop.models.seller import (
    DeleteOffers,
    Edit,
    ListingEdits,
    ListingQuery,
    ListingsStore,
    NewOffer,
    Target,
    UndoLast,
    cell_edit,
    effective_fields,
    paste_changes,
    rules,
)
from desktop.models.seller.listings import SORT_COLUMNS
from desktop.models.seller.paste import read_block
from desktop.views.background.tasks import QueryOp
from desktop.views.locale.formatting import format_int
from desktop.views.window import accessible
from desktop.views.window.keyboard import install, keyboard_view

from .bulk_edit_dialog import BulkEditDialog
from .listings_model import COLUMNS, ListingsTableModel
from .outbox_runner import OutboxRunner
from .texts import collection_names, field_name, value_text

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.models.seller import DrainReport

__all__ = ["ListingsPage"]

#: the Title column's width at first (px): the seller widens or narrows it
TITLE_WIDTH = 260
#: the fields a pasted block can write (and the SKU that matches its rows), as the table orders them
PASTE_FIELDS = tuple(c for c in COLUMNS if c in rules.EDITABLE_FIELDS)


class ListingsPage(QWidget):
    #: the seller asked to open the conflicts (entry ids)
    conflicts_requested = Signal(list)

    def __init__(self, client: MarketplaceClient, listings: ListingsStore, runner: OutboxRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.listings = listings
        self.runner = runner
        self.model = ListingsTableModel(listings, runner, self)
        self.refresh_op: QueryOp | None = None
        self.paste_preview: BulkEditDialog | None = None  # the last paste's preview
        self._undoing: set[int] | None = None  # an undo's entries not through yet (the status line says so)
        self._sort = ("sku", False)
        # before the filters are built: a filter set while building asks for a search
        self.search_timer = QTimer(self, singleShot=True, interval=150)
        self.search_timer.timeout.connect(self.apply_filters)
        self._build()
        self.model.edit_requested.connect(self._cell_edited)
        self.model.problem.connect(self._cell_problem)
        self.model.delta_requested.connect(self._delta_entered)
        runner.changed.connect(self._outbox_changed)
        runner.drained.connect(self._drained)
        self.low_timer = QTimer(self, singleShot=True, interval=0)
        self.low_timer.timeout.connect(self._update_low_count)
        self.apply_filters()
        self._update_buttons()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_bar())
        layout.addLayout(self._action_bar())
        layout.addWidget(self._offers_table(), 1)
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("sellerMessage")
        layout.addWidget(self.message)

    def _filter_bar(self) -> QHBoxLayout:
        """Search, category, collection, stock and promotion filters; the default threshold, the low count."""
        self.search = QLineEdit(placeholderText=self.tr("Search SKU or title"), clearButtonEnabled=True)
        self.search.textChanged.connect(lambda _t: self.search_timer.start())
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
        self.collection = QComboBox()
        for text, value in ((self.tr("All collections"), None), (self.tr("Weekly"), "weekly"),
                            (self.tr("Surplus"), "surplus"), (self.tr("Promotion"), "promotion")):
            self.collection.addItem(text, value)
        self.stock = QComboBox()
        for text, value in ((self.tr("Any stock"), None), (self.tr("In stock"), "in"), (self.tr("Out of stock"), "out"),
                            (self.tr("Low stock"), "low")):
            self.stock.addItem(text, value)
        self.promotion = QComboBox()
        for text, value in ((self.tr("Promotion or not"), None), (self.tr("On promotion"), True),
                            (self.tr("Not on promotion"), False)):
            self.promotion.addItem(text, value)
        for combo in (self.category, self.collection, self.stock, self.promotion):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.search.setAccessibleName(self.search.placeholderText())
        for combo, text in ((self.category, self.tr("Category")), (self.collection, self.tr("Collection")),
                            (self.stock, self.tr("Stock")), (self.promotion, self.tr("Promotion"))):
            accessible.name(combo, text)
        self.default_threshold = QSpinBox(minimum=0, maximum=1_000_000)
        self.default_threshold.setPrefix(self.tr("Low at ≤ "))
        self.default_threshold.setSpecialValueText(self.tr("Low stock: never"))
        self.default_threshold.setMaximumWidth(150)
        self.default_threshold.setAccessibleName(self.tr("Default low-stock threshold"))
        self.default_threshold.setToolTip(self.tr("Default low-stock threshold (an offer's own is set in its "
                                                  "\u201cLow at\u201d cell)"))
        self.default_threshold.setValue(self.listings.default_threshold())
        self.default_threshold.valueChanged.connect(self._default_threshold_changed)
        self.low_count = QPushButton(flat=True)
        self.low_count.clicked.connect(lambda: self.stock.setCurrentIndex(3))
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for widget in (self.category, self.collection, self.stock, self.promotion, self.default_threshold,
                       self.low_count):
            filters.addWidget(widget)
        return filters

    def _action_bar(self) -> QHBoxLayout:
        """New, bulk edit, volume prices, paste, undo, delete; the count and Refresh."""
        self.new_button = QPushButton(self.tr("&New offer…"))
        self.new_button.clicked.connect(self.new_offer)
        self.bulk_button = QPushButton(self.tr("&Bulk edit…"))
        self.bulk_button.clicked.connect(self.bulk_edit)
        self.tiers_button = QPushButton(self.tr("&Volume prices…"))
        self.tiers_button.clicked.connect(self.edit_tiers)
        self.paste_button = QPushButton(self.tr("&Paste from spreadsheet"))
        self.paste_button.clicked.connect(self.paste)
        self.undo_button = QPushButton(self.tr("&Undo last bulk edit"))
        self.undo_button.clicked.connect(self.undo_last)
        self.delete_button = QPushButton(self.tr("De&lete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        actions = QHBoxLayout()
        for button in (self.new_button, self.bulk_button, self.tiers_button, self.paste_button, self.undo_button,
                       self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.count = QLabel()
        actions.addWidget(self.count)
        actions.addWidget(self.refresh_button)
        return actions

    def _fit_header_and_promotion(self, header: QHeaderView) -> None:
        """Room for every header ("Conditionnements") and a promotion ("−40 % jusqu'au 31/12"), in the
        user's language, beyond the widths above (issue 29: both were clipped at 1280 × 800)."""
        sample = value_text("promotion", {"discount_percent": 40, "ends_at": "2026-12-31T12:00:00+00:00"})
        promotion = COLUMNS.index("promotion")
        needed = self.table.fontMetrics().horizontalAdvance(sample) + 16  # the cell's margins
        self.table.setColumnWidth(promotion, max(self.table.columnWidth(promotion), needed))
        metrics = header.fontMetrics()
        for column in range(len(COLUMNS)):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = metrics.horizontalAdvance(title) + 16
            self.table.setColumnWidth(column, max(self.table.columnWidth(column), width))

    def _offers_table(self) -> QTableView:
        """The table of offer ids (sorted in SQL by a header click), edited in place, Ctrl+V pastes."""
        self.table = keyboard_view(QTableView())
        self.table.setAccessibleName(self.tr("Offers"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setSortingEnabled(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._sort_clicked)
        header.setSortIndicator(COLUMNS.index("sku"), Qt.SortOrder.AscendingOrder)
        # every column the seller can widen, the title too (a stretched one could not be, and its neighbours
        # squeezed it); the title starts wide, the last column takes what is left, a scroll bar the rest
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(28)
        for name, width in (("pending", 28), ("sku", 136), ("title", TITLE_WIDTH), ("stock_units", 76),
                            ("threshold", 64), ("unit_price", 84), ("price_tiers", 170), ("moq_units", 64),
                            ("packagings", 110),
                            ("collections", 100), ("promotion", 110), ("warehouse", 100), ("updated_at", 84)):
            self.table.setColumnWidth(COLUMNS.index(name), width)
        self._fit_header_and_promotion(header)
        QShortcut(QKeySequence.StandardKey.Paste, self.table, activated=self.paste)
        install(self, "bulk_edit", self.bulk_edit)
        return self.table

    # -- reading ----------------------------------------------------------------------------------------
    def query(self) -> ListingQuery:
        return ListingQuery(self.search.text(), self.category.currentData(), self.collection.currentData(),
                            self.stock.currentData(), self.promotion.currentData(), *self._sort)

    def apply_filters(self) -> None:
        self.search_timer.stop()
        query = self.query()
        try:
            ids = self.listings.search(query)
        except StoreError as exc:  # closed at shutdown, or a locked file: the table stays as it is
            self.message.setText(str(exc))
            return
        self.model.set_ids(ids)
        self.low_timer.start()  # the low-stock count once the table has repainted
        self.count.setText(self.tr("%Ln offer(s)", "", self.model.rowCount()))

    def _update_low_count(self) -> None:
        try:
            low = self.listings.count_low_stock(self.query())
        except StoreError:
            return
        self.low_count.setText(self.tr("%1 low on stock").replace("%1", format_int(low)))

    def _default_threshold_changed(self, units: int) -> None:
        self.listings.set_default_threshold(units)
        self.apply_filters()

    def _sort_clicked(self, section: int) -> None:
        name = COLUMNS[section]
        if name not in SORT_COLUMNS:
            return
        descending = self._sort[0] == name and not self._sort[1]
        self._sort = (name, descending)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(section, order)
        self.apply_filters()

    def set_categories(self, categories: list[tuple[int, int | None, str]]) -> None:
        self.category.blockSignals(True)
        while self.category.count() > 1:
            self.category.removeItem(1)
        for id_, _parent, name in sorted(categories, key=lambda c: c[2]):
            self.category.addItem(name, id_)
        self.category.blockSignals(False)

    def refresh(self) -> QueryOp | None:
        """The seller's offers from the server into the local copy (off the GUI thread)."""
        if self.refresh_op is not None:
            return None
        client, listings = self.client, self.listings

        def work() -> list:
            cats = [(c.id, c.parent_id, c.name) for c in client.catalog.categories()]
            listings.replace_all(o.model_dump(mode="json") for o in client.seller.offers(limit=500))
            listings.set_categories(cats)
            return cats

        self.refresh_button.setEnabled(False)
        self.refresh_op = QueryOp(self, work, self._refreshed, self._refresh_failed)
        self.refresh_op.finished.connect(self._refresh_finished)
        return self.refresh_op.run_in_background()  # type: ignore[return-value]

    def _refreshed(self, categories: list) -> None:
        self.set_categories(categories)
        self.apply_filters()

    def _refresh_failed(self, exc: BaseException) -> None:
        self.message.setText(self.tr("Could not refresh the listings: %1").replace("%1", str(exc)))

    def _refresh_finished(self) -> None:
        self.refresh_op = None
        self.refresh_button.setEnabled(True)

    def _outbox_changed(self) -> None:
        self.model.refresh_rows()
        self._update_buttons()

    def _drained(self, report: DrainReport) -> None:
        """Offers created or removed: the list itself changed (an edit only changes its rows). An edit
        the marketplace refused is said on the status line (its cells are red); an undo's words go once
        it is through."""
        sent = self.runner.get_many(report.sent) if report.sent else []
        if any(e.kind in ("offer_create", "offer_delete") for e in sent):
            self.apply_filters()
        refused = [e for e in self.runner.get_many(report.refused) if e.kind == "offer_edit"] if report.refused else []
        if refused:
            entry = refused[0]
            row = self.listings.row(int(entry.target))
            names = ", ".join(field_name(f) for f in entry.payload.get("fields", {})) or field_name("stock_units")
            self.message.setText(self.tr("%1 · %2: %3 — refused by the marketplace; fix the cell or see Pending "
                                         "changes.").replace("%1", row.sku if row else entry.target)
                                 .replace("%2", names).replace("%3", entry.message or ""))
        if self._undoing is not None:
            self._undoing -= set(report.touched)
            if not self._undoing:
                self._undoing = None
            if self._undoing is None and self.message.text() == self._undo_text():
                self.message.clear()  # done: the line does not keep saying it is being undone

    def _update_buttons(self) -> None:
        self.undo_button.setEnabled(self.runner.can_undo())

    # -- selection --------------------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [i for i in (self.model.id_at(r) for r in rows) if i is not None]

    def targets(self, ids: list[int]) -> list[Target]:
        rows = self.listings.rows(ids)
        return [Target(i, rows[i].sku, effective_fields(rows[i], self.model.mark(i))) for i in ids if i in rows]

    # -- writes -----------------------------------------------------------------------------------------
    def _cell_problem(self, offer_id: int, name: str, message: str) -> None:
        row = self.listings.row(offer_id)
        self.message.setText(f"{row.sku if row else offer_id} · {field_name(name)}: {message}")

    def _cell_edited(self, offer_id: int, name: str, value: object) -> None:
        """A valid cell edit: the model says what it becomes (a refused value of the field revised, a new
        entry, the threshold kept locally)."""
        self.message.clear()
        self.runner.apply(cell_edit(self.listings, offer_id, name, value))
        if name == "threshold":
            self._update_low_count()

    def _delta_entered(self, offer_id: int, units: int, note: str) -> None:
        """"+40 received": sent as a delta, re-based on the server's stock when it goes out."""
        self.message.clear()
        label = f"{units:+d} {note}".strip()
        edit = Edit(offer_id, {}, stock_delta=units, label=label)
        self.runner.apply(ListingEdits(self.listings, [edit], label=label))

    def bulk_edit(self) -> BulkEditDialog | None:
        ids = self.selected_ids()
        if not ids:
            self.message.setText(self.tr("Select the offers to edit first."))
            return None
        dialog = BulkEditDialog(self.targets(ids), self)
        dialog.applied.connect(self._apply_bulk)
        dialog.open()
        return dialog

    def edit_tiers(self) -> QDialog | None:
        """The current offer's volume prices in rows (TiersDialog); saved as an edit of ``price_tiers``."""
        from .tiers_editor import TiersDialog

        current = self.table.currentIndex()
        ids = self.selected_ids() or ([self.model.id_at(current.row())] if current.isValid() else [])
        shown = self.model.shown_fields(self.model.row_of(ids[0])) if ids and ids[0] is not None else None
        if shown is None:
            self.message.setText(self.tr("Select the offer first."))
            return None
        dialog = TiersDialog(ids[0], shown["sku"], shown, self)
        dialog.edited.connect(lambda offer_id, tiers: self._cell_edited(offer_id, "price_tiers", tiers))
        dialog.open()
        return dialog

    def _apply_bulk(self, edits: list, group_id: str) -> None:
        self.runner.apply(ListingEdits(self.listings, edits, group_id=group_id))
        self._update_buttons()

    def paste(self, text: str | None = None) -> QDialog | None:
        """A block from a spreadsheet: mapped by its header row (the table's headers, in the user's
        language, or the field names) or by content when certain, then previewed; else the seller first
        says which column is which (PasteColumnsDialog). Nothing is taken from the table's column order."""
        text = text if text is not None else QGuiApplication.clipboard().text()
        if not text.strip():
            return None
        ids = self.listings.search(ListingQuery())
        by_sku = {t.sku: t for t in self.targets(ids)}
        # the table's own headers (a copy of its rows pasted back): its other columns are left out
        headers: dict[str, str | None] = {field_name(n): (n if n in PASTE_FIELDS else None) for n in COLUMNS}
        block = read_block(text, by_sku.keys(), headers)
        if not block.rows and not block.by_header:
            return None
        if block.by_header or block.certain:
            return self._paste_preview(paste_changes(text, by_sku, headers=headers, names=collection_names()))
        from .paste_columns_dialog import PasteColumnsDialog

        dialog = PasteColumnsDialog(block, PASTE_FIELDS, self)
        dialog.chosen.connect(lambda columns: self._paste_preview(
            paste_changes(text, by_sku, columns, headers=headers, names=collection_names())))
        dialog.open()
        return dialog

    def _paste_preview(self, changes: list) -> BulkEditDialog:
        dialog = BulkEditDialog([], self, changes=changes, title=self.tr("Paste from spreadsheet"))
        dialog.applied.connect(self._apply_bulk)
        dialog.open()
        self.paste_preview = dialog
        return dialog

    def undo_last(self) -> None:
        if not self.runner.can_undo():
            return
        entries = self.runner.apply(UndoLast(self.listings))  # the undone group leaves the undo chain
        self._undoing = {e.id for e in entries}  # (none: it revised edits still waiting; the next drain)
        self.message.setText(self._undo_text())
        self._update_buttons()

    def _undo_text(self) -> str:
        return self.tr("The last bulk edit is being undone.")

    def new_offer(self) -> QDialog:
        from .offer_form import NewOfferDialog

        dialog = NewOfferDialog(self.client, self.listings.categories(), self)
        dialog.created.connect(lambda offer: self.runner.apply(NewOffer(offer)))
        dialog.open()
        return dialog

    def delete_selected(self, *, confirm: bool = True) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if confirm:
            text = self.tr("Remove %Ln offer(s) from the marketplace?", "", len(ids))
            answer = QMessageBox.question(self, self.tr("Delete offers"), text)
            if answer != QMessageBox.StandardButton.Yes:
                return
        rows = self.listings.rows(ids)
        self.runner.apply(DeleteOffers([rows[i] for i in ids if i in rows]))
