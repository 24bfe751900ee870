"""The saved-searches pane drives the page through its narrow SearchPage protocol only: a page that has
nothing but ``query``, ``apply_query`` and ``mark`` is enough to save, open and unmark searches."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

from desktop.models.catalog_cache import OfferQuery
from desktop.models.saved_searches import SavedSearchStore
from desktop.views.catalog.saved_searches_pane import SavedSearchesPane

SAVED_AT = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
SYNCED_AT = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)


class BarePage:
    """Only what the protocol names: no widgets, no model, no cache for the pane to reach into."""

    def __init__(self) -> None:
        self.shown = OfferQuery()
        self.applied: list[OfferQuery] = []
        self.marked: list[set[int]] = []
        self.pane: SavedSearchesPane | None = None

    def query(self) -> OfferQuery:
        return self.shown

    def apply_query(self, query: OfferQuery) -> None:  # as the catalog page: show it, then search once
        self.applied.append(query)
        self.shown = query
        assert self.pane is not None
        self.pane.searched(query)

    def mark(self, offer_ids: Collection[int]) -> None:
        self.marked.append(set(offer_ids))


def test_the_pane_saves_opens_and_unmarks_through_the_page_protocol(qtbot, tmp_path):
    store = SavedSearchStore(tmp_path / "saved_searches.sqlite3")
    page = BarePage()
    asked: list[OfferQuery] = []
    pane = SavedSearchesPane(page, matches=lambda query: (asked.append(query), [7, 8])[1])
    qtbot.addWidget(pane)
    qtbot.addWidget(pane.save_button)  # the page puts it beside its search box
    page.pane = pane
    try:
        pane.set_store(store, "https://market.example.com")
        account = pane.set_account("buyer@example.com")
        assert account is not None and page.marked == [set()]  # an account's list starts unmarked
        query = OfferQuery(text="pallets", in_stock=True, sort="price")
        search = account.save("Pallets", query, [1, 2], now=SAVED_AT)
        account.record([(search.id, {3}, set())], now=SYNCED_AT)  # a sync found offer 3

        assert pane.open_search(search.id) == {3}
        assert page.applied == [query] and page.marked[-1] == {3}
        pane.searched(query)  # the same search again: the marks stay
        assert page.marked[-1] == {3}
        page.shown = OfferQuery(text="pallets wood", in_stock=True, sort="price")
        pane.searched(page.shown)  # the user changed it: the marks go
        assert page.marked[-1] == set()

        page.shown = OfferQuery(text="crates")
        with qtbot.waitSignal(pane.saved, timeout=10_000) as saved:
            pane.save_search("Crates")
        assert asked == [OfferQuery(text="crates")]  # the matches of the page's query, read in a worker
        assert saved.args[0].name == "Crates" and account.known(saved.args[0].id) == {7, 8}
        with qtbot.waitSignal(pane.message, timeout=1000) as said:
            pane.delete(saved.args[0].id)
        assert said.args == ["Saved search “Crates” deleted."]
    finally:
        store.close()
