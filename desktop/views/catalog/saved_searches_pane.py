"""The catalog's "Saved searches" pane (below the category tree) and what it asks of the page.

    pane = SavedSearchesPane(page, matches=cache.search)   # page: a SearchPage (the CatalogPage)
    pane.set_store(store, server_url)       # the SavedSearchStore (None: no pane, no "Save search…")
    pane.set_account(email)                 # the signed-in account's searches (None: signed out)
    pane.ask_to_save()                      # "Save search…": asks a name, saves page.query() with its matches
    pane.open_search(search_id)             # the query on the page, its new matches marked, count cleared

The pane knows the page only as a :class:`SearchPage`: its current query, ``apply_query`` (the page shows
a query and searches it) and ``mark`` (new matches marked in its table); its messages go out by
``message``. The page owns the pane and tells it each search (``searched``).

Each line: the name and the count of new matches since the user last opened it ("Paper Iberia · 3 new").
Context menu: Rename…, Delete, Alerts (a check). The matches of a search being saved are read in a
worker (a whole search of the cache); renames, deletes and openings are one-row writes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.models.catalog_cache import OfferQuery
from desktop.views.background.tasks import QueryOp
from desktop.views.window.keyboard import keyboard_view

from .saved_searches_model import SEARCH_ID_ROLE, SavedSearchesModel

if TYPE_CHECKING:
    from desktop.models.saved_searches import AccountSearches, SavedSearch, SavedSearchStore

__all__ = ["SavedSearchesPane", "SearchPage", "side_pane"]

log = logging.getLogger(__name__)

NAME_MAX = 120  # as the store allows


class SearchPage(Protocol):
    """What the pane needs of the page it saves from and opens into (the CatalogPage)."""

    def query(self) -> OfferQuery:
        """The query the page shows now."""
        ...

    def apply_query(self, query: OfferQuery) -> object:
        """Show ``query`` (text, tab, category, filters, sort) and search it, once."""
        ...

    def mark(self, offer_ids: Collection[int]) -> None:
        """Mark these offers as new in the page's table (none: no marks)."""
        ...


class SavedSearchesPane(QWidget):
    #: a search was saved (its record)
    saved = Signal(object)
    #: a search was opened on the page: (search id, the new matches marked)
    opened = Signal(int, object)
    #: a short confirmation or problem for the status bar
    message = Signal(str)

    def __init__(self, page: SearchPage, matches: Callable[[OfferQuery], list[int]],
                 parent: QWidget | None = None) -> None:
        """``matches``: the offers a query matches now (the cache's search; called in a worker)."""
        super().__init__(parent)
        self.setObjectName("savedSearches")
        self.page = page
        self._matches = matches
        self.store: SavedSearchStore | None = None
        self.server_url = ""
        self.account: AccountSearches | None = None
        self._email = ""
        self.save_button = QPushButton(self.tr("Sa&ve search…"))
        self.save_button.setObjectName("saveSearch")
        self.save_button.setToolTip(self.tr("Keep this search and its filters, and be told of new matching "
                                            "offers after each sync"))
        self.save_button.clicked.connect(lambda: self.ask_to_save())
        self.model = SavedSearchesModel(self)
        self.name_dialog: QInputDialog | None = None
        self._save_op: QueryOp | None = None
        self.confirm_box: QMessageBox | None = None
        self._opened_query: OfferQuery | None = None  # the page's query as an opened search set it
        self._opening = False  # a search is being opened: the page's next search is its query

        self.title = QLabel(self.tr("Saved searches"))
        self.title.setObjectName("sectionTitle")
        self.list = keyboard_view(QListView())
        self.list.setObjectName("savedSearchList")
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)  # a long name wraps: its count of new matches stays in sight
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.clicked.connect(self._clicked)
        self.list.activated.connect(self._clicked)
        self.empty_label = QLabel(self.tr("No saved searches yet. Search or filter the catalog, then "
                                          "“Save search…” to be told of new matching offers."))
        self.empty_label.setObjectName("mutedText")
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addStretch(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # the empty text wraps to the pane's width: keep room for all its lines (the side splitter gives the
        # pane its minimum height, and a wrapped label's minimum is one line)
        needed = self.empty_label.heightForWidth(max(1, event.size().width()))
        if needed > 0 and needed != self.empty_label.minimumHeight():
            self.empty_label.setMinimumHeight(needed)

    # -- the account -----------------------------------------------------------------------------------
    def set_store(self, store: SavedSearchStore | None, server_url: str) -> None:
        self.store, self.server_url = store, server_url
        self.account = None  # set_account reads it from this store

    def set_account(self, email: str | None) -> AccountSearches | None:
        """The saved searches of the account signed in with ``email`` (None: signed out) on this server;
        returns them (None when there is no store: the pane and its button are hidden)."""
        store = self.store
        key = (email or "").strip().lower()
        if self.account is not None and key == self._email:  # the same account (a session restored): as is
            self.refresh()
            return self.account
        account = self.account = None if store is None else store.account(self.server_url, email)
        self._email = key
        self.setVisible(account is not None)
        self.save_button.setVisible(account is not None)
        self.page.mark(())
        self._opened_query = None
        self.refresh()
        return account

    def refresh(self) -> None:
        """Read the searches and their counts again (after a sync's evaluation, a change)."""
        try:
            searches = self.account.searches() if self.account is not None else []
        except Exception as exc:  # an unreadable store: an empty list rather than a broken page
            log.warning("could not read the saved searches: %s", exc)
            searches = []
        current = self.list.currentIndex().data(SEARCH_ID_ROLE)
        self.model.set_searches(searches)
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))
        self.list.setVisible(bool(searches))
        self.empty_label.setVisible(not searches)

    def search(self, search_id: int) -> SavedSearch | None:
        return next((s for s in self.model.searches if s.id == search_id), None)

    # -- saving ----------------------------------------------------------------------------------------
    def ask_to_save(self, value: str | None = None, problem: str = "") -> QInputDialog | None:
        """"Save search…": a name for the page's current search (not modal to the app: ``open()``)."""
        if self.account is None:
            return None
        return self._ask_name(self.tr("Save search"), self.tr("Save"), self.page.query().text if value is None
                              else value, self.save_search, problem)

    def _ask_name(self, title: str, ok: str, value: str, then: Callable[[str], object],
                  problem: str = "") -> QInputDialog:
        """A name, asked in a dialog that does not block the app; ``problem``: why the last one was refused
        (the dialog comes back with it and with what was typed: nothing is lost)."""
        dialog = QInputDialog(self.window())
        dialog.setWindowTitle(title)
        label = self.tr("Name of the saved search:")
        dialog.setLabelText(f"{problem}\n{label}" if problem else label)
        dialog.setTextValue(value)
        dialog.setOkButtonText(ok)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(then)
        dialog.finished.connect(lambda *_: self.name_dialog is dialog and setattr(self, "name_dialog", None))
        self.name_dialog = dialog
        dialog.open()
        return dialog

    def name_problem(self, name: str, search_id: int | None = None) -> str | None:
        """Why ``name`` cannot be the name of a search (None: it can); ``search_id``: the one renamed."""
        name = " ".join(name.split())
        if not name:
            return self.tr("A saved search needs a name.")
        if len(name) > NAME_MAX:
            return self.tr("The name is too long (%1 characters at most).").replace("%1", str(NAME_MAX))
        if search_id is not None and any(s.name == name and s.id != search_id for s in self.model.searches):
            return self.tr("A saved search is already called “%1”.").replace("%1", name)
        return None

    def save_search(self, name: str, *, replace: bool = False) -> QueryOp | None:
        """Save the page's current query as ``name`` with the offers it matches now (read in a worker).
        A name already taken asks first whether to replace that search."""
        account, query, matches = self.account, self.page.query(), self._matches
        if account is None:
            return None
        problem = self.name_problem(name)
        if problem is not None:
            self._say(problem)
            self.ask_to_save(name, problem)
            return None
        clean = " ".join(name.split())
        if not replace and any(s.name == clean for s in self.model.searches):
            self._confirm_replace(clean)
            return None
        self._save_op = QueryOp(self, lambda: account.save(clean, query, matches(query)),
                                success=self._saved)
        self._save_op.finished.connect(lambda: setattr(self, "_save_op", None))
        return self._save_op.run_in_background()

    def _confirm_replace(self, name: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Save search"),
                          self.tr("A saved search is already called “%1”. Replace it with this search?")
                          .replace("%1", name), QMessageBox.StandardButton.Cancel, self.window())
        replace = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        replace.clicked.connect(lambda: self.save_search(name, replace=True))
        box.finished.connect(lambda *_: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()
        return box

    def _saved(self, search: SavedSearch) -> None:
        self.refresh()
        row = self.model.row_of(search.id)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))
        self._opened_query = self.page.query()
        self._say(self.tr("Search saved as “%1”.").replace("%1", search.name))
        self.saved.emit(search)

    # -- opening ---------------------------------------------------------------------------------------
    def _clicked(self, index: QModelIndex) -> None:
        search_id = index.data(SEARCH_ID_ROLE)
        if search_id is not None:
            self.open_search(int(search_id))

    def open_search(self, search_id: int) -> set[int]:
        """Put the saved search's query on the page (text and every filter), mark its new matches in the
        offer table, and count them as seen. Returns the marked offers' ids."""
        self.refresh()
        search = self.search(search_id)
        if search is None or self.account is None:
            return set()
        new = self.account.mark_opened(search_id)
        self._opening = True  # the page's search of it (searched) is the opened query
        try:
            self.page.apply_query(search.query)
        finally:
            self._opening = False
        self.page.mark(new)
        self.refresh()
        row = self.model.row_of(search_id)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))
        self.opened.emit(search_id, new)
        return new

    def searched(self, query: OfferQuery) -> None:
        """The page searches ``query``: the opened search's own, or a change of it (the marks go)."""
        if self._opening:
            self._opening = False
            self._opened_query = query
        elif self._opened_query is not None and query != self._opened_query:
            self._opened_query = None
            self.page.mark(())

    # -- the context menu ------------------------------------------------------------------------------
    def menu_for(self, search_id: int) -> QMenu:
        search = self.search(search_id)
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.open_search(search_id))
        menu.addAction(self.tr("Rename…"), lambda: self.ask_to_rename(search_id))
        alerts = menu.addAction(self.tr("Alerts"))
        alerts.setCheckable(True)
        alerts.setChecked(search is not None and search.alerts)
        alerts.toggled.connect(lambda on: self.set_alerts(search_id, on))
        menu.addSeparator()
        menu.addAction(self.tr("Delete"), lambda: self.delete(search_id))
        return menu

    def _context_menu(self, point: QPoint) -> None:
        index = self.list.indexAt(point)
        search_id = index.data(SEARCH_ID_ROLE) if index.isValid() else None
        if search_id is not None:
            menu = self.menu_for(int(search_id))
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.list.viewport().mapToGlobal(point))

    def ask_to_rename(self, search_id: int, value: str | None = None, problem: str = "") -> QInputDialog | None:
        search = self.search(search_id)
        if search is None:
            return None
        return self._ask_name(self.tr("Rename saved search"), self.tr("Rename"),
                              search.name if value is None else value, lambda name: self.rename(search_id, name),
                              problem)

    def rename(self, search_id: int, name: str) -> bool:
        """Rename the search; a name refused is said, and asked again with what was typed."""
        if self.account is None:
            return False
        self.refresh()
        problem = self.name_problem(name, search_id)
        if problem is None:
            try:
                self.account.rename(search_id, name)
            except ValueError:  # taken meanwhile
                problem = self.tr("A saved search is already called “%1”.").replace("%1", " ".join(name.split()))
        if problem is not None:
            self._say(problem)
            self.ask_to_rename(search_id, name, problem)
            return False
        self.refresh()
        return True

    def delete(self, search_id: int) -> None:
        search = self.search(search_id)
        if self.account is not None and search is not None:
            self.account.delete(search_id)
            self.refresh()
            self._say(self.tr("Saved search “%1” deleted.").replace("%1", search.name))

    def set_alerts(self, search_id: int, on: bool) -> None:
        if self.account is not None:
            self.account.set_alerts(search_id, on)
            self.refresh()

    def _say(self, text: str) -> None:
        self.message.emit(text)


def side_pane(tree: QWidget, saved: SavedSearchesPane) -> QSplitter:
    """The catalog's side pane: the category tree above, the saved searches below."""
    side = QSplitter(Qt.Orientation.Vertical)
    side.setObjectName("catalogSidePane")
    side.setChildrenCollapsible(False)
    side.addWidget(tree)
    side.addWidget(saved)
    side.setStretchFactor(0, 3)
    side.setStretchFactor(1, 1)
    return side
