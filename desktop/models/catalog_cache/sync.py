"""The catalog sync engine: keeps the offline cache in step with the marketplace (plain Python, no Qt).

    engine = SyncEngine(client, cache)
    result = engine.sync(progress=lambda done, total: ..., cancelled=event.is_set)

The first sync (no stored token) is a full one: currencies, categories, then every page of
``GET /offers/changes`` from no token, then the profiles of the sellers the cache has none for. Later
syncs are deltas from the stored token (currencies and categories are refreshed too: they are small).

Each page is applied with its ``next_since`` token in one cache transaction, so a sync stopped at any
point (cancelled, offline, the app killed) leaves the cache consistent and the next sync resumes from
the last committed page. A cancel is checked between pages.

The next page is fetched (and parsed) in a helper thread while the current one is written: the server
and the cache work at the same time. At most one page is read ahead; a cancelled sync drops it.

Network errors are not caught: :class:`~desktop.api_client.OfflineError` reaches the caller untouched so
that the app can switch to offline mode.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from desktop.api_client import NotFoundError

if TYPE_CHECKING:  # httpx and pydantic: imported by the client's first request, not by this module
    from pydantic import BaseModel

    from desktop.api_client import MarketplaceClient
    from desktop.models.catalog_cache import CatalogCache

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_PAGE_SIZE", "Progress", "SyncEngine", "SyncResult"]

#: offers per page of the changes feed (the contract's maximum is 500)
DEFAULT_PAGE_SIZE = 500

#: a sync that changed at least this many offers compacts the cache's text index afterwards
OPTIMIZE_AFTER = 5000

#: progress(done, total_estimate): offers (and deletions) applied so far, and the expected total
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SyncResult:
    full: bool  # started from no token (a first sync, or after the cache was rebuilt or cleared)
    pages: int
    upserted: int  # offers created or changed
    deleted: int
    duration: float  # seconds
    cancelled: bool = False  # stopped between pages; the next sync resumes from the last page
    offer_count: int = 0  # offers in the cache afterwards
    finished_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    changed_ids: frozenset[int] = frozenset()
    deleted_ids: frozenset[int] = frozenset()

    @property
    def changes(self) -> int:
        return self.upserted + self.deleted


def _dump(model: BaseModel | dict[str, Any]) -> dict[str, Any]:
    """A pydantic API model (or a dict) as the JSON dict the cache stores."""
    if isinstance(model, dict):
        return model
    return model.model_dump(mode="json")


_DONE = object()


def _read_ahead(pages: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """The pages of `pages`, each next one fetched (and checked) in a helper thread meanwhile.

    An exception of the feed (OfflineError...) is raised here, in the caller's thread, in its turn.
    Closing the generator early (a cancel, an error while applying) stops the helper after its page."""
    slot: queue.Queue[Any] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def hand_over(item: object) -> bool:
        while not stop.is_set():
            try:
                slot.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for page in pages:
                if not hand_over(page):
                    return
            hand_over(_DONE)
        except BaseException as exc:  # handed to the consumer, raised there
            hand_over(exc)

    helper = threading.Thread(target=produce, name="catalog-sync-read-ahead", daemon=True)
    helper.start()
    try:
        while True:
            got = slot.get()
            if got is _DONE:
                return
            if isinstance(got, BaseException):
                raise got
            yield got
    finally:
        stop.set()
        helper.join(timeout=5)  # it stops within 0.1 s, or after the page it is fetching


class SyncEngine:
    """Runs in a worker thread (it blocks on the network and writes the cache)."""

    def __init__(self, client: MarketplaceClient, cache: CatalogCache, *, page_size: int = DEFAULT_PAGE_SIZE) -> None:
        self.client = client
        self.cache = cache
        self.page_size = page_size
        self._verified = False

    @property
    def needs_full_sync(self) -> bool:
        return self.cache.sync_token() is None

    def sync(
        self,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SyncResult:
        """A full sync when the cache has no token (or is empty), else a delta; see the module doc."""
        started = time.monotonic()
        is_cancelled = cancelled or (lambda: False)
        if not self._verified:  # the check opening the cache skips, here off the GUI thread
            self._verified = True
            self.cache.verify_integrity()
        token = self.cache.sync_token()
        full = token is None
        catalog = self.client.catalog

        # small reference lists first: the cache prices offers in EUR with the rates
        self.cache.replace_currencies([_dump(c) for c in catalog.currencies()])
        categories = [_dump(c) for c in catalog.categories()]
        self.cache.replace_categories(categories)
        # root categories' counts include their sub-categories: the whole catalog
        roots = sum(int(c.get("offer_count") or 0) for c in categories if c.get("parent_id") is None)
        total = roots if full else 0
        done = pages = upserted = deleted = 0
        changed_ids: set[int] = set()
        deleted_ids: set[int] = set()
        if progress is not None:
            progress(0, total)

        cancelled_midway = False
        if is_cancelled():
            cancelled_midway = True
        else:
            feed = contextlib.closing(_read_ahead(catalog.changes_json(token, limit=self.page_size)))
            with feed as pages_read:
                for page in pages_read:
                    items, removed, has_more = page["items"], page["deleted"], page["has_more"]
                    self.cache.apply_changes(items, removed, page["next_since"])
                    pages += 1
                    upserted += len(items)
                    deleted += len(removed)
                    changed_ids.update(item["id"] for item in items)
                    deleted_ids.update(removed)
                    # A walk from scratch lists removals of offers this cache never had: not progress.
                    done += len(items) + (0 if full else len(removed))
                    if progress is not None:
                        estimate = max(total, done + (self.page_size if has_more else 0))
                        progress(done, estimate if has_more else done)
                    if has_more and is_cancelled():
                        cancelled_midway = True
                        break

        if not cancelled_midway:
            if upserted >= OPTIMIZE_AFTER:  # a full sync, or a big delta: one index segment again
                self.cache.optimize_text_index()
            self._fetch_missing_sellers(is_cancelled)
        result = SyncResult(
            full=full, pages=pages, upserted=upserted, deleted=deleted,
            duration=time.monotonic() - started, cancelled=cancelled_midway,
            offer_count=self.cache.offer_count(),
            changed_ids=frozenset(changed_ids - deleted_ids), deleted_ids=frozenset(deleted_ids),
        )  # fmt: skip
        log.info(
            "catalog sync (%s): %d pages, %d changed, %d deleted, %.1fs%s",
            "full" if full else "delta", pages, upserted, deleted, result.duration,
            " — cancelled" if cancelled_midway else "",
        )  # fmt: skip
        return result

    def _fetch_missing_sellers(self, is_cancelled: Callable[[], bool]) -> None:
        """Profiles (review counts) of the sellers known only from their offers."""
        profiles = []
        for seller in self.cache.sellers():
            if seller.review_count is not None:
                continue
            if is_cancelled():
                break
            try:
                profiles.append(_dump(self.client.catalog.seller(seller.id)))
            except NotFoundError:  # the seller left the marketplace; its offers go with the next sync
                continue
        if profiles:
            self.cache.upsert_sellers(profiles)
