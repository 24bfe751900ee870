"""Lazy offer thumbnails (after calibre's cover cache): a placeholder now, the picture when a background
download finishes. Downloads are stored in the catalog cache's image store, so they show offline too.

    thumbs = ThumbnailLoader(cache)
    thumbs.loaded.connect(model.thumbnail_loaded)        # (url): refresh the rows showing it
    pixmap = thumbs.pixmap(url, 40) or thumbs.placeholder(40)

Downloads run through the task runner (QueryOp), at most a few at a time; the GUI thread only turns the
decoded QImage into a QPixmap. A failed download (offline) is not retried until :meth:`retry_failed`. A loader made with
``held=True`` queues its downloads until :meth:`release` (the app's start-up: no network before the
window is painted).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QApplication

from desktop.views.background.tasks import QueryOp

if TYPE_CHECKING:
    import httpx

    from desktop.models.catalog_cache import CatalogCache

__all__ = ["ThumbnailLoader"]

log = logging.getLogger(__name__)

MAX_IN_FLIGHT = 4
MAX_PIXMAPS = 600
#: decoded originals kept to scale again (~300 KB each): a few screens' worth; older ones are read
#: from the disk store again when needed
MAX_IMAGES = 64


def _default_fetcher() -> tuple[Callable[[str], bytes], Callable[[], None]]:
    """(fetch, close). The HTTP client is made by the first download, in a worker: not at start-up
    (a client with its TLS context takes ~40 ms to make), and httpx is imported there too."""
    lock = threading.Lock()
    held: list[httpx.Client] = []
    closed = threading.Event()

    def client() -> httpx.Client:
        with lock:
            if closed.is_set():
                raise RuntimeError("the thumbnail loader is closed")
            if not held:
                import httpx

                held.append(httpx.Client(timeout=httpx.Timeout(15.0, connect=5.0), follow_redirects=True))
            return held[0]

    def fetch(url: str) -> bytes:
        response = client().get(url)
        response.raise_for_status()
        return response.content

    def close() -> None:
        with lock:
            closed.set()
            while held:
                held.pop().close()

    return fetch, close


class ThumbnailLoader(QObject):
    loaded = Signal(str)  # the url whose picture is now available

    def __init__(
        self,
        cache: CatalogCache,
        fetch: Callable[[str], bytes] | None = None,
        parent: QObject | None = None,
        *,
        held: bool = False,
    ) -> None:
        super().__init__(parent)
        self.cache = cache
        self._held = held
        if fetch is None:
            self._fetch, self._close = _default_fetcher()
        else:
            self._fetch, self._close = fetch, (lambda: None)
        self._images: OrderedDict[str, QImage] = OrderedDict()  # decoded originals (small PNGs)
        self._pixmaps: OrderedDict[tuple[str, int], QPixmap] = OrderedDict()
        self._placeholders: dict[int, QPixmap] = {}
        self._pending: set[str] = set()
        self._queue: deque[str] = deque()
        self._in_flight = 0
        self._failed: set[str] = set()
        self._ops: set[QueryOp] = set()
        self._closed = False
        self.destroyed.connect(self._queue.clear)

    # -- public ------------------------------------------------------------------------------------
    def pixmap(self, url: str | None, size: int) -> QPixmap | None:
        """The picture scaled to ``size`` (square box), or None for now (a download is started)."""
        if not url:
            return None
        key = (url, size)
        hit = self._pixmaps.get(key)
        if hit is not None:
            self._pixmaps.move_to_end(key)
            return hit
        image = self._images.get(url)
        if image is None:
            image = self._from_disk(url)
        if image is None:
            self._request(url)
            return None
        return self._scaled(url, image, size)

    def placeholder(self, size: int) -> QPixmap:
        hit = self._placeholders.get(size)
        if hit is None:
            hit = _placeholder(size)
            self._placeholders[size] = hit
        return hit

    def is_pending(self, url: str) -> bool:
        return url in self._pending

    def release(self) -> None:
        """Start the downloads queued while held (see ``held``)."""
        if self._held:
            self._held = False
            self._pump()

    def retry_failed(self) -> None:
        """Back online: let failed downloads be tried again (when next shown)."""
        self._failed.clear()

    def close(self) -> None:
        self._closed = True
        for op in list(self._ops):
            op.cancel()
        self._queue.clear()
        self._close()

    # -- internals ---------------------------------------------------------------------------------
    def _from_disk(self, url: str) -> QImage | None:
        try:
            path = self.cache.image_path(url)
        except Exception:  # a closed or rebuilt cache: no picture, never an error in a paint
            return None
        if path is None:
            return None
        image = QImage(str(path))
        if image.isNull():
            return None
        self._remember(url, image)
        return image

    def _remember(self, url: str, image: QImage) -> None:
        self._images[url] = image
        self._images.move_to_end(url)
        while len(self._images) > MAX_IMAGES:
            self._images.popitem(last=False)

    def _scaled(self, url: str, image: QImage, size: int) -> QPixmap:
        ratio = _device_ratio()
        box = int(size * ratio)
        scaled = image.scaled(box, box, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        pixmap = QPixmap.fromImage(scaled)
        pixmap.setDevicePixelRatio(ratio)
        self._pixmaps[(url, size)] = pixmap
        while len(self._pixmaps) > MAX_PIXMAPS:
            self._pixmaps.popitem(last=False)
        return pixmap

    def _request(self, url: str) -> None:
        if self._closed or url in self._pending or url in self._failed:
            return
        self._pending.add(url)
        self._queue.append(url)
        self._pump()

    def _pump(self) -> None:
        while self._queue and self._in_flight < MAX_IN_FLIGHT and not self._held:
            url = self._queue.popleft()
            self._in_flight += 1
            def work(url: str = url, fetch: Callable[[str], bytes] = self._fetch,
                     cache: CatalogCache = self.cache) -> QImage:
                data = fetch(url)
                image = QImage.fromData(data)  # QImage may be built off the GUI thread
                if image.isNull():
                    raise ValueError(f"not an image: {url}")
                cache.store_image(url, data)
                return image

            op = QueryOp(self, work, lambda image, url=url: self._done(url, image),
                         lambda exc, url=url: self._failed_with(url, exc))
            self._ops.add(op)
            op.finished.connect(lambda op=op: self._finished(op))
            op.run_in_background()

    def _finished(self, op: QueryOp) -> None:
        self._ops.discard(op)
        self._in_flight = max(0, self._in_flight - 1)
        if not self._closed and shiboken6.isValid(self):
            self._pump()

    def _done(self, url: str, image: QImage) -> None:
        self._pending.discard(url)
        self._remember(url, image)
        for key in [k for k in self._pixmaps if k[0] == url]:
            del self._pixmaps[key]
        self.loaded.emit(url)

    def _failed_with(self, url: str, exc: BaseException) -> None:
        self._pending.discard(url)
        self._failed.add(url)
        log.debug("thumbnail %s not loaded: %s", url, exc)


def _device_ratio() -> float:
    app = QApplication.instance()
    screen = app.primaryScreen() if app is not None else None  # type: ignore[union-attr]
    return screen.devicePixelRatio() if screen is not None else 1.0


def _placeholder(size: int) -> QPixmap:
    ratio = _device_ratio()
    pixmap = QPixmap(QSize(int(size * ratio), int(size * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addRoundedRect(QRectF(1, 1, size - 2, size - 2), 4, 4)
    painter.fillPath(path, QColor(127, 140, 153, 40))
    painter.setPen(QColor(127, 140, 153, 90))
    painter.drawPath(path)
    painter.end()
    return pixmap
