"""Lists as iterators: the caller never touches a cursor.

for offer in client.catalog.offers(q="gloves"):      # walks every page
page = client.catalog.offers(q="gloves").first_page()
ten = client.catalog.offers(q="gloves").take(10)

feed = client.catalog.changes(since=stored_token)
for page in feed:                                      # pages of the delta feed
    apply(page.items, page.deleted); store(page.next_since)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import Generic, TypeVar

from .errors import MalformedResponseError
from .types import OfferChanges, OfferChangesJson, Page

__all__ = ["ChangesFeed", "PageIterator"]

T = TypeVar("T")


class PageIterator(Generic[T]):
    """Iterates the items of a cursor-paginated list, fetching pages lazily.

    Each ``iter()`` starts again from the first page.
    """

    def __init__(self, fetch: Callable[[str | None], Page[T]], what: str = "list") -> None:
        self._fetch = fetch
        self._what = what

    def first_page(self) -> Page[T]:
        return self._fetch(None)

    def pages(self) -> Iterator[Page[T]]:
        cursor: str | None = None
        seen: set[str] = set()
        while True:
            page = self._fetch(cursor)
            yield page
            cursor = page.next_cursor
            if cursor is None:
                return
            if cursor in seen:
                raise MalformedResponseError(
                    f"{self._what}: the server repeated a cursor (a pagination loop)"
                )
            seen.add(cursor)

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.items

    def take(self, n: int) -> list[T]:
        """At most ``n`` items, fetching only the pages needed."""
        return list(islice(iter(self), n))

    def __repr__(self) -> str:
        return f"PageIterator({self._what})"


class ChangesFeed:
    """Iterates the pages of ``GET /offers/changes`` from ``since`` until ``has_more`` is false (pages as
    :class:`OfferChanges` models, or as :class:`OfferChangesJson` dicts from ``changes_json``).

    ``next_since`` is the token to store once every yielded page has been applied.
    """

    def __init__(
        self, fetch: Callable[[str | None], OfferChanges | OfferChangesJson], since: str | None
    ) -> None:
        self._fetch = fetch
        self.since = since
        self.next_since: str | None = since

    def __iter__(self) -> Iterator[OfferChanges | OfferChangesJson]:
        token = self.since
        while True:
            page = self._fetch(token)
            next_since, has_more = (
                (page["next_since"], page["has_more"]) if isinstance(page, dict) else (page.next_since, page.has_more)
            )
            self.next_since = next_since
            yield page
            if not has_more:
                return
            if next_since == token:
                raise MalformedResponseError("offers/changes: has_more with an unchanged next_since")
            token = next_since

    def __repr__(self) -> str:
        return "ChangesFeed(offers/changes)"
