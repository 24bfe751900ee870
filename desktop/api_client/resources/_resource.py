"""The base of every resource group: a handle on the client's request loop."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from ..pagination import PageIterator
from ..types import Page

if TYPE_CHECKING:
    from .._base import BaseClient

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 100


def seg(value: object) -> str:
    """One path segment, escaped."""
    return quote(str(value), safe="")


class ApiResource:
    def __init__(self, client: BaseClient) -> None:
        self._client = client

    def _paginate(
        self, path: str, item: type[T], params: dict[str, Any], *, limit: int | None = None
    ) -> PageIterator[T]:
        page_type = Page[item]  # type: ignore[valid-type]

        def fetch(cursor: str | None) -> Page[T]:
            query = dict(params, limit=limit or DEFAULT_PAGE_SIZE, cursor=cursor)
            return self._client.parse(self._client.request("GET", path, params=query), page_type)

        return PageIterator(fetch, what=path)

    def _get(self, path: str, tp: type[T], params: dict[str, Any] | None = None) -> T:
        return self._client.parse(self._client.request("GET", path, params=params), tp)

    def _get_all(self, path: str, item: type[T]) -> list[T]:
        """A short unpaginated list (a JSON array)."""
        return self._get(path, list[item])  # type: ignore[valid-type]
