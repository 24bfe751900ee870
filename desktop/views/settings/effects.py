"""What the saved settings change in the running app, at once on save and at start. The composition root
(desktop/views/shell/shell.py) makes one, hands it the parts and subscribes its `saved` to the settings object
(`SettingsStore.subscribe`), so a save from anywhere applies; this module knows which setting reaches
which part:

    currency                    → the catalog page's prices (CatalogPage.set_currency)
    sync_interval_minutes       → the sync timer (SyncController.set_interval)
    cache_max_mb                → the offline cache's pictures trimmed to fit (CatalogCache.trim_images), in
                                  a worker: on save, at start, after each sync and after downloads
    proxy_url, extra_ca_bundle  → the API client and the picture downloader get new network settings

Language and server changes apply after a restart (the settings dialog says so).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.views.background import tasks

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient

__all__ = ["NETWORK_KEYS", "SettingsEffects", "network_settings"]

log = logging.getLogger(__name__)

NETWORK_KEYS = frozenset({"proxy_url", "extra_ca_bundle"})
#: downloads close together are trimmed after once, this long after the last one
TRIM_AFTER_DOWNLOADS_MS = 2000
MB = 1024 * 1024


def network_settings(get: Callable[[str], Any]) -> dict[str, Any]:
    """The settings' proxy and extra CA bundle as ClientConfig / Downloader keywords (None: the system's)."""
    return {"proxy": get("proxy_url") or None, "extra_ca_file": get("extra_ca_bundle") or None}


class _Cache(Protocol):  # the offline catalog (desktop.models.catalog_cache.CatalogCache)
    def size_bytes(self) -> int: ...
    def images_size_bytes(self) -> int: ...
    def trim_images(self, max_bytes: int) -> int: ...


class _PricedPage(Protocol):  # the catalog page
    def set_currency(self, currency: str) -> None: ...


class _SyncTimer(Protocol):  # the catalog's sync controller
    def set_interval(self, minutes: int) -> None: ...


class _Downloader(Protocol):  # desktop.api_client.downloads.Downloader
    def configure(self, *, proxy: str | None, extra_ca_file: str | Path | None) -> None: ...


class SettingsEffects(QObject):
    """Applies the settings to the parts the root gives (each a callable: a part may not exist yet)."""

    #: the cache's pictures were trimmed: bytes freed (tests and the log)
    trimmed = Signal(int)

    def __init__(
        self,
        get: Callable[[str], Any],  # a setting's value: its type is the field's
        *,
        cache: _Cache,
        catalog_page: Callable[[], _PricedPage | None] = lambda: None,
        sync_controller: Callable[[], _SyncTimer | None] = lambda: None,
        client: Callable[[], MarketplaceClient | None] = lambda: None,
        downloader: _Downloader | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._get = get
        self._cache = cache
        self._catalog_page = catalog_page
        self._sync_controller = sync_controller
        self._client = client
        self._downloader = downloader
        self._trim_op: tasks.QueryOp | None = None
        self._trim_again = False
        self._closed = False
        self._trim_timer = QTimer(self)
        self._trim_timer.setSingleShot(True)
        self._trim_timer.setInterval(TRIM_AFTER_DOWNLOADS_MS)
        self._trim_timer.timeout.connect(self.trim_cache)

    # -- the root calls these ------------------------------------------------------------------------
    def saved(self, changed: Collection[str]) -> None:
        """The fields in ``changed`` were saved: apply their new values now."""
        changed = set(changed)
        if "currency" in changed:
            page = self._catalog_page()
            if page is not None:
                page.set_currency(str(self._get("currency")))
        if "sync_interval_minutes" in changed:
            controller = self._sync_controller()
            if controller is not None:
                controller.set_interval(int(self._get("sync_interval_minutes")))
        if "cache_max_mb" in changed:
            self.trim_cache()
        if changed & NETWORK_KEYS:
            self.apply_network()

    def apply_network(self) -> None:
        """The client and the downloader use the settings' proxy and CA bundle from their next request."""
        network = network_settings(self._get)
        client = self._client()
        if client is not None:
            client.reconfigure(dataclasses.replace(client.config, **network))
        if self._downloader is not None:
            self._downloader.configure(**network)

    def downloaded(self, *_: object) -> None:
        """A picture was stored: trim a moment after the last of a burst of downloads."""
        if not self._closed:
            self._trim_timer.start()

    def trim_cache(self, *_: object) -> tasks.QueryOp | None:
        """Trim the cache's pictures to the limit in a worker (at most one at a time; asked again while one
        runs, another runs after it)."""
        if self._closed:
            return None
        if self._trim_op is not None:
            self._trim_again = True
            return None
        limit = int(self._get("cache_max_mb")) * MB
        cache = self._cache

        def work() -> int:
            # the pictures get what the database leaves of the limit, so that the whole cache fits it
            # (as far as pictures can be removed: the catalog itself is never dropped for them)
            database = cache.size_bytes() - cache.images_size_bytes()
            return cache.trim_images(max(0, limit - database))

        op = tasks.QueryOp(self, work, self._trim_done, self._trim_failed)
        op.finished.connect(self._trim_finished)
        self._trim_op = op
        return op.run_in_background()

    def close(self) -> None:
        self._closed = True
        self._trim_timer.stop()
        if self._trim_op is not None:
            self._trim_op.cancel()

    # -- internals -------------------------------------------------------------------------------------
    def _trim_done(self, freed: int) -> None:
        if freed:
            log.info("offline cache: %d bytes of pictures removed to fit the limit", freed)
        self.trimmed.emit(freed)

    def _trim_failed(self, exc: BaseException) -> None:  # a closed cache at quit, a full disk: not the user's
        log.warning("the offline cache could not be trimmed: %s", exc)

    def _trim_finished(self) -> None:
        self._trim_op = None
        if self._trim_again and not self._closed:
            self._trim_again = False
            self.trim_cache()
