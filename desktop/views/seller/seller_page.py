"""The Seller page: one tab per seller screen, added by key, each with an optional count badge.

    page = SellerPage(state=QSettings(path, QSettings.Format.IniFormat))
    page.add_tab("orders", FulfilmentPage(...), page.tr("Orders"))
    page.set_count("questions", 3)      # the tab reads "Questions (3)"; 0 shows the bare title
    page.show_tab("orders")

The last tab the seller looked at is saved in ``state`` (``seller/tab``) and shown again when the tab of
that key is added, at start or later (tabs of other screens arrive in any order).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.views.window.keyboard import install, regions_of

__all__ = ["KeepsStore", "SellerPage"]


@runtime_checkable
class KeepsStore(Protocol):
    """A tab with a local store of its own (the orders cache) that it closes at quit."""

    def close_cache(self) -> None: ...

_STATE_KEY = "seller/tab"


class SellerPage(QWidget):
    tab_changed = Signal(str)  # the key of the tab now shown

    def __init__(self, *, state: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sellerPage")
        self._state = state
        self._keys: list[str] = []
        self._titles: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self._restoring = False
        self._closers: list[Callable[[], object]] = []
        saved = state.value(_STATE_KEY) if state is not None else None
        self._wanted: str | None = str(saved) if saved else None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sellerTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)
        install(self, "pending_changes", lambda: self.show_tab("pending"), context=Qt.ShortcutContext.WindowShortcut)

    def regions(self) -> list[QWidget | tuple[QWidget, ...]]:
        """The page's regions for F6: the tabs, then the current tab's regions (or the tab itself)."""
        return [self.tabs.tabBar(), *regions_of(self.tabs.currentWidget())]

    # -- tabs --------------------------------------------------------------------------------------
    def add_tab(self, key: str, widget: QWidget, title: str, *, at: int | None = None) -> int:
        """Add ``widget`` as the tab ``key`` (at the end, or at index ``at``); returns its index. A key
        is added once (until :meth:`remove_tab`)."""
        if key in self._keys:
            raise ValueError(f"a seller tab {key!r} is there already")
        at = len(self._keys) if at is None else max(0, min(at, len(self._keys)))
        self._keys.insert(at, key)
        self._titles[key] = title
        self._restoring = True  # the first tab added becomes current: not a choice of the seller's
        try:
            index = self.tabs.insertTab(at, widget, self._label(key))
        finally:
            self._restoring = False
        widget.setProperty("sellerTab", key)
        if key == self._wanted:
            self.tabs.setCurrentIndex(index)
        return index

    def remove_tab(self, key: str) -> QWidget | None:
        """Take the tab ``key`` out (its widget is returned, not deleted); the remembered tab stays wanted."""
        if key not in self._keys:
            return None
        index = self._keys.index(key)
        widget = self.tabs.widget(index)
        self._restoring = True
        try:
            self._keys.pop(index)
            self.tabs.removeTab(index)
        finally:
            self._restoring = False
        self._counts.pop(key, None)
        return widget

    def add_closer(self, close: Callable[[], object]) -> None:
        """``close()`` runs at :meth:`shutdown` (the per-account stores the root opened for the tabs)."""
        self._closers.append(close)

    def keys(self) -> list[str]:
        return list(self._keys)

    def widget(self, key: str) -> QWidget:
        return self.tabs.widget(self._keys.index(key))

    def title(self, key: str) -> str:
        """The tab's text as shown, badge included."""
        return self.tabs.tabText(self._keys.index(key))

    def current_key(self) -> str | None:
        index = self.tabs.currentIndex()
        return self._keys[index] if 0 <= index < len(self._keys) else None

    def show_tab(self, key: str) -> bool:
        if key not in self._keys:
            return False
        self.tabs.setCurrentIndex(self._keys.index(key))
        return True

    def shutdown(self) -> None:
        """At quit: each tab that keeps a local store (``close_cache()``) closes it, then the closers."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if isinstance(tab, KeepsStore):
                tab.close_cache()
        closers, self._closers = self._closers, []
        for close in closers:
            close()

    # -- badges ------------------------------------------------------------------------------------
    def set_count(self, key: str, count: int, tooltip: str | None = None) -> None:
        """The tab reads "Title (count)"; 0 (or less) shows the title alone. ``tooltip`` says what it counts."""
        self._counts[key] = max(0, int(count))
        if key in self._keys:
            index = self._keys.index(key)
            self.tabs.setTabText(index, self._label(key))
            if tooltip is not None:
                self.tabs.setTabToolTip(index, tooltip)

    def count(self, key: str) -> int:
        return self._counts.get(key, 0)

    def _label(self, key: str) -> str:
        n = self._counts.get(key, 0)
        return self.tr("%1 (%2)").replace("%1", self._titles[key]).replace("%2", str(n)) if n else self._titles[key]

    def _current_changed(self, index: int) -> None:
        if not 0 <= index < len(self._keys):
            return
        key = self._keys[index]
        if not self._restoring:
            self._wanted = key
            if self._state is not None:
                self._state.setValue(_STATE_KEY, key)
        self.tab_changed.emit(key)
