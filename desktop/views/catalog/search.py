"""The catalog page's search over the cache: the first screen at once, the rest from a worker.

A search reads its first screen (FIRST_SCREEN ids: quick indexed SQL with a LIMIT, FTS5 for text) on
the GUI thread; when there are more, the whole id list (and its row index) is read in a worker and
handed over on the GUI thread. A newer search drops an older one's rest. Held (the app's start-up, until
:meth:`CatalogSearch.release`), nothing runs in the background: the rest is read on release.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.models.catalog_cache import OfferQuery
from desktop.views.background.tasks import QueryOp

from .offer_table_model import row_index

if TYPE_CHECKING:
    from desktop.models.catalog_cache import CatalogCache

__all__ = ["FIRST_SCREEN", "CatalogSearch", "Changed"]

log = logging.getLogger(__name__)

#: ids read on the GUI thread for a search's first screen; the rest (if any) come from a worker
FIRST_SCREEN = 400

#: the offers a sync changed (their rows are repainted in place); None: every row
Changed = Iterable[int] | None


class CatalogSearch(QObject):
    def __init__(
        self,
        cache: CatalogCache,
        *,
        first_screen: Callable[[list[int]], None],
        results: Callable[[list[int], Changed, dict[int, int] | None], None],
        held: bool = False,
        parent: QObject | None = None,
    ) -> None:
        """``first_screen(ids)``: the first FIRST_SCREEN ids of a longer result, now; ``results(ids,
        changed, row_of)``: the whole result (now, or from the worker, with its row index)."""
        super().__init__(parent)
        self.cache = cache
        self._first_screen = first_screen
        self._results = results
        self._held = held
        self._rest_waits: tuple[OfferQuery, Changed] | None = None
        self._op: QueryOp | None = None

    def run(self, query: OfferQuery, changed: Changed = None) -> list[int]:
        """Search now; returns the ids shown now (all of them, or the first screen)."""
        if self._op is not None:
            self._op.cancel()  # an older search's rest: dropped
            self._op = None
        self._rest_waits = None
        try:
            ids = self.cache.search(query, limit=FIRST_SCREEN + 1)
        except Exception as exc:  # a cache being rebuilt: an empty table, never a crash
            log.warning("catalog search failed: %s", exc)
            ids = []
        if len(ids) <= FIRST_SCREEN:
            self._results(ids, changed, None)
            return ids
        ids = ids[:FIRST_SCREEN]
        self._first_screen(ids)
        if self._held:
            self._rest_waits = (query, changed)
            return ids
        cache = self.cache

        def rest() -> tuple[list[int], dict[int, int]]:  # the whole result, and its row index: off the GUI
            found = cache.search(query)
            return found, row_index(found)

        op = QueryOp(self, rest, lambda found: self._rest_found(op, *found, changed),
                     lambda exc: self._rest_failed(op, exc))
        self._op = op
        op.run_in_background()
        return ids

    def release(self) -> bool:
        """End ``held``; True when a search's rest was waiting for it (the caller searches again)."""
        self._held = False
        waits, self._rest_waits = self._rest_waits, None
        return waits is not None

    def _rest_found(self, op: QueryOp, ids: list[int], row_of: dict[int, int], changed: Changed) -> None:
        if op is self._op:
            self._op = None
            self._results(ids, changed, row_of)

    def _rest_failed(self, op: QueryOp, exc: BaseException) -> None:
        if op is self._op:
            self._op = None
            log.warning("catalog search failed: %s", exc)
