"""Rendered offer pages (JSON bodies) kept per catalog version (services/offer_pages.py fills it)."""

from __future__ import annotations

import threading
from collections import OrderedDict


class PageCache:
    """Rendered offer pages (JSON bodies) of one catalog version, least recently used first out.

    The version is the offers' change counter (services/offers.py), bumped in the same transaction by
    every write that changes what a page shows: an offer's create, edit, stock, removal, import,
    checkout or promotion end, and a seller's, warehouse's or category's change (orm.py). It lives in
    the database, so a write through any worker process is seen by every other one on its next
    request; a newer version empties the cache. Prices in another currency are keyed by the rate."""

    def __init__(self, size: int):
        self.size = size
        self.version: int | None = None  # only moves forward
        self.pages: OrderedDict[tuple, bytes] = OrderedDict()
        self.hits = self.misses = 0
        self._lock = threading.Lock()  # PostgreSQL reads run in threads

    def get(self, version: int, key: tuple) -> bytes | None:
        with self._lock:
            if self.version is None or version > self.version:
                self.pages.clear()
                self.version = version
            body = self.pages.get(key) if version == self.version else None  # not from a newer version
            if body is None:
                self.misses += 1
            else:
                self.hits += 1
                self.pages.move_to_end(key)
            return body

    def put(self, version: int, key: tuple, body: bytes) -> None:
        with self._lock:
            if version != self.version or self.size <= 0:
                return  # a newer version was seen meanwhile: this page may be out of date
            self.pages[key] = body
            if len(self.pages) > self.size:
                self.pages.popitem(last=False)
