"""The catalog area: offline-first browsing of the marketplace's offers.

    CatalogPage        search, categories, tabs, filters, the offer table and the offer detail
    SyncController     runs the sync engine in the background; online/offline; the sync timer and F5
"""

from .catalog_page import CatalogPage
from .sync_controller import SyncController

__all__ = ["CatalogPage", "SyncController"]
