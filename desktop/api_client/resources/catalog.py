"""``client.catalog``: currencies, categories, offers (list, detail with ETag, delta feed), sellers."""

from __future__ import annotations

import threading
from collections import OrderedDict
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from ..pagination import ChangesFeed, PageIterator
from ..types import (
    Category,
    Collection,
    Currency,
    Id,
    Marketplace,
    Offer,
    OfferChanges,
    OfferChangesJson,
    OfferSort,
    SellerProfile,
)
from ._resource import ApiResource, seg

if TYPE_CHECKING:
    from .._base import BaseClient


class OfferFilters(TypedDict, total=False):
    """The filters of an offer list (``GET /offers``, a seller's offers), as :func:`offer_filters` takes them."""

    q: str | None
    category: Id | None
    collection: Collection | None
    seller: Id | None
    country: str | None
    min_price: Decimal | str | None
    max_price: Decimal | str | None
    in_stock: bool | None
    sort: OfferSort | None
    currency: str | None


def offer_filters(
    *,
    q: str | None = None,
    category: Id | None = None,
    collection: Collection | None = None,
    seller: Id | None = None,
    country: str | None = None,
    min_price: Decimal | str | None = None,
    max_price: Decimal | str | None = None,
    in_stock: bool | None = None,
    sort: OfferSort | None = None,
    currency: str | None = None,
) -> dict[str, Any]:
    return {
        "q": q,
        "category": category,
        "collection": collection,
        "seller": seller,
        "country": country,
        "min_price": min_price,
        "max_price": max_price,
        "in_stock": in_stock,
        "sort": sort,
        "currency": currency,
    }


class _EtagCache:
    """The offers the client already has, by (offer id, currency), with their ETag; small LRU."""

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._items: OrderedDict[tuple[str, str | None], tuple[str, Offer]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str | None]) -> tuple[str, Offer] | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def put(self, key: tuple[str, str | None], etag: str, offer: Offer) -> None:
        with self._lock:
            self._items[key] = (etag, offer)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def drop(self, key: tuple[str, str | None]) -> None:
        with self._lock:
            self._items.pop(key, None)


class Catalog(ApiResource):
    def __init__(self, client: BaseClient) -> None:
        super().__init__(client)
        self._etags = _EtagCache()

    def currencies(self) -> list[Currency]:
        return self._get_all("/currencies", Currency)

    def categories(self) -> list[Category]:
        return self._get_all("/categories", Category)

    def offers(self, *, limit: int | None = None, **filters: Unpack[OfferFilters]) -> PageIterator[Offer]:
        """Every offer matching the filters (``q``, ``category``, ``collection``, ``seller``, ``country``,
        ``min_price``, ``max_price``, ``in_stock``, ``sort``, ``currency``); ``limit`` is the page size."""
        return self._paginate("/offers", Offer, offer_filters(**filters), limit=limit)

    def offer(self, offer_id: Id, *, currency: str | None = None) -> Offer:
        """One offer. Sends ``If-None-Match`` for an offer already fetched, and returns it on 304."""
        key = (str(offer_id), currency)
        cached = self._etags.get(key)
        headers = {"If-None-Match": cached[0]} if cached else None
        path = f"/offers/{seg(offer_id)}"
        response = self._client.request("GET", path, params={"currency": currency}, headers=headers)
        if response.status_code == 304 and cached is not None:
            return cached[1]
        offer = self._client.parse(response, Offer)
        etag = response.headers.get("etag")
        if etag:
            self._etags.put(key, etag, offer)
        else:
            self._etags.drop(key)
        return offer

    def changes(self, since: str | None = None, *, limit: int | None = None) -> ChangesFeed:
        """The delta feed from ``since`` (None = everything), as an iterator of pages."""

        def fetch(token: str | None) -> OfferChanges:
            params = {"since": token, "limit": limit}
            return self._get("/offers/changes", OfferChanges, params)

        return ChangesFeed(fetch, since)

    def changes_json(self, since: str | None = None, *, limit: int | None = None) -> ChangesFeed:
        """:meth:`changes` with each page as a checked :class:`OfferChangesJson` dict (offers as JSON
        dicts, no models): what a bulk sync stores, at a third of the cost."""

        def fetch(token: str | None) -> OfferChangesJson:
            params = {"since": token, "limit": limit}
            return self._get("/offers/changes", OfferChangesJson, params)

        return ChangesFeed(fetch, since)

    def seller(self, seller_id: Id) -> SellerProfile:
        return self._get(f"/sellers/{seg(seller_id)}", SellerProfile)

    def seller_offers(
        self, seller_id: Id, *, limit: int | None = None, **filters: Unpack[OfferFilters]
    ) -> PageIterator[Offer]:
        return self._paginate(
            f"/sellers/{seg(seller_id)}/offers", Offer, offer_filters(**filters), limit=limit
        )

    def marketplace(self) -> Marketplace:
        """Which marketplace answers at this address (its kept id and its name; public)."""
        return self._client.parse(self._client.request("GET", "/marketplace", authenticated=False), Marketplace)

    def health(self) -> dict[str, Any]:
        return self._client.parse_json(self._client.request("GET", "/health", authenticated=False))
