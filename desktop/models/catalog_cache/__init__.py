"""The offline catalog cache: a SQLite file the delta feed (`GET /offers/changes`) keeps in step.

What it holds: offers (a column per filter and sort key; the offer's JSON in a side table so that
filter scans stay on a compact table), categories, sellers, currencies, the sync token, and downloaded
thumbnails (files in a folder next to the database, indexed by a table). Text search is a contentless
FTS5 index over title, description, SKU and seller name, updated by `apply_changes` in the same
transaction as the offers, and only for offers whose text changed (a stock change does not touch it).
(Direct executemany into FTS5 measured about three times faster than the same work done by triggers.)

It is a cache: nothing in it is precious. A file that is corrupt, unreadable, or of another schema
version is moved aside (corrupt) or deleted (other schema) and rebuilt empty; `was_rebuilt` and
`rebuild_reason` tell the UI, which can say so and sync everything again (the file's opening, checks and
connections are `desktop.models.infrastructure.sqlite_file`'s, shared with the other stores).

Threads: every thread gets its own SQLite connection (see `sqlite_file`). The GUI thread may call the
quick readers (`search`, `rows`, `offer`, ...); writes (`apply_changes`, `replace_*`, `store_image`,
`clear`) belong in a worker thread. WAL lets readers go on while a worker writes.

The package, by concern: `schema` (the tables and the file's settings), `records` (the query and the
rows read), `rows` (offer JSON ↔ table values), `offers` (the feed applied, offers read back), `search`
(FTS5 and the filters), `references` (categories, currencies, sellers, countries), `images` (thumbnails).
"""

from __future__ import annotations

import shutil

from desktop.models.infrastructure.sqlite_file import RebuildReason

from .images import ImagesPart
from .offers import OffersPart
from .records import COLLECTIONS, SORTS, Category, Collection, Currency, OfferQuery, OfferRow, Seller, Sort
from .references import ReferencesPart
from .schema import APPLICATION_ID, SCHEMA_VERSION, CacheError
from .search import MIN_WORD_CHARS, RANKED_WORD_CHARS, SearchPart, fts_match_expression, search_words


class CatalogCache(OffersPart, SearchPart, ReferencesPart, ImagesPart):
    """The offline catalog. `CatalogCache(path)` opens (or creates, or rebuilds) the file at `path`."""

    def size_bytes(self) -> int:
        """Disk used by the cache: the database (with its WAL) plus the images."""
        return self._file.size_bytes() + self.images_size_bytes()

    def clear(self) -> None:
        """Empty the cache (offers, categories, sellers, currencies, images, sync token).

        The next sync is a full one."""
        with self._write() as conn:
            for table in ("offers", "offer_json", "categories", "sellers", "currencies", "images", "meta"):
                conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            conn.execute("INSERT INTO offers_fts (offers_fts) VALUES ('delete-all')")
        shutil.rmtree(self.images_dir, ignore_errors=True)
        with self._read() as conn:
            conn.execute("VACUUM")
        self.checkpoint()


__all__ = [
    "APPLICATION_ID",
    "COLLECTIONS",
    "MIN_WORD_CHARS",
    "RANKED_WORD_CHARS",
    "SCHEMA_VERSION",
    "SORTS",
    "CacheError",
    "CatalogCache",
    "Category",
    "Collection",
    "Currency",
    "OfferQuery",
    "OfferRow",
    "RebuildReason",
    "Seller",
    "Sort",
    "fts_match_expression",
    "search_words",
]
