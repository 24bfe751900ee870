"""The catalog area: offline-first browsing of the marketplace's offers.

    CatalogPage        search, categories, tabs, filters, the offer table and the offer detail
    SyncController     runs the sync engine in the background; online/offline; the sync timer and F5

Both load on first use: the app shows the page before it makes the sync controller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalog_page import CatalogPage
    from .sync_controller import SyncController

__all__ = ["CatalogPage", "SyncController"]


def __getattr__(name: str) -> Any:
    if name == "CatalogPage":
        from .catalog_page import CatalogPage

        return CatalogPage
    if name == "SyncController":
        from .sync_controller import SyncController

        return SyncController
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
