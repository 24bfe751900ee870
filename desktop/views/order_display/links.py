"""The system browser, for tracking links and the like (a module function so tests can replace it)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

__all__ = ["open_url"]


def open_url(url: str) -> bool:
    return QDesktopServices.openUrl(QUrl(url))
