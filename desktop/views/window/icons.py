"""The app's SVG icons (resources/icons/*.svg), tinted to the palette and rendered crisp at every scale.

The SVGs are drawn with one stroke colour (#1f2933); :func:`icon` swaps it for the palette's text colour
(so icons follow dark mode) and renders pixmaps for 1× and 2× device pixel ratios.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

__all__ = ["ICON_NAMES", "clear_icon_cache", "icon", "resources_dir"]

ICON_NAMES = ("catalog", "cart", "orders", "seller", "account", "sync", "offline", "online")
_SOURCE_COLOR = "#1f2933"
_SIZES = (16, 20, 24, 32, 48)


def resources_dir() -> Path:
    """``resources/`` beside the package (or ``$BULKDESK_RESOURCES``, for frozen builds)."""
    override = os.environ.get("BULKDESK_RESOURCES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3] / "resources"


@cache
def _svg_source(name: str) -> str:
    return (resources_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")


def _default_color() -> str:
    app = QGuiApplication.instance()
    if app is None:
        return _SOURCE_COLOR
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()


@cache
def _icon(name: str, color: str) -> QIcon:
    data = QByteArray(_svg_source(name).replace(_SOURCE_COLOR, color).encode("utf-8"))
    renderer = QSvgRenderer(data)
    result = QIcon()
    for size in _SIZES:
        for ratio in (1.0, 2.0):
            pixmap = QPixmap(QSize(int(size * ratio), int(size * ratio)))
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter, QRectF(0, 0, size * ratio, size * ratio))
            painter.end()
            pixmap.setDevicePixelRatio(ratio)
            result.addPixmap(pixmap)
    return result


def icon(name: str, color: QColor | str | None = None) -> QIcon:
    """The icon ``name`` (one of :data:`ICON_NAMES`) in ``color`` (default: the palette's text colour)."""
    if isinstance(color, QColor):
        color = color.name()
    try:
        return _icon(name, color or _default_color())
    except OSError:
        return QIcon()


def clear_icon_cache() -> None:
    """After a palette change (dark mode switched), so icons are re-tinted."""
    _icon.cache_clear()
