"""Keyboard use in one place: item views that never trap Tab, the main regions cycled with F6, and the
table of the app's shortcuts (what installs them and what the Help → Keyboard shortcuts window lists).

    keyboard_view(table)                   # every QAbstractItemView the app makes goes through this
    RegionCycle(window, window.regions)    # F6 / Shift+F6 (and Ctrl+F6 / Ctrl+Shift+F6)
    install(page, "checkout", page.open_checkout)   # a QShortcut with the key of SHORTCUTS["checkout"]

An item view made by :func:`keyboard_view` leaves with Tab / Shift+Tab (the arrows move inside it; WCAG
2.1.2, no keyboard trap), selects its first row on Down / Up when nothing is selected yet (a freshly
filled table), and emits ``activated`` on Return / Enter ("open it"), taking the key so that a dialog's
default button does not fire as well.

A page declares its regions with a ``regions()`` method returning widgets, or tuples of widgets for a
region made of several (the catalog's filters: the search box, the tabs, the filter row, the category
tree); F6 moves the focus to the first control of the next region that can take it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar, runtime_checkable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

__all__ = ["SHORTCUTS", "HasRegions", "RegionCycle", "Shortcut", "description", "focus_first", "install", "key",
           "keyboard_view", "regions_of", "take_key"]

Region = QWidget | tuple[QWidget, ...]
V = TypeVar("V", bound=QAbstractItemView)


# -- the shortcuts ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Shortcut:
    """One shortcut: ``name`` (stable), ``keys`` (portable text, the first is the one shown), where it
    works and what it does (English; translated in the "Shortcuts" context)."""

    name: str
    keys: tuple[str, ...]
    where: str
    what: str


#: every shortcut of the app, in the order the Help window lists them. The Go menu's Ctrl+1…Ctrl+4 are
#: listed from the window's pages (their titles), after these.
SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("regions", ("F6", "Ctrl+F6"),
             QT_TRANSLATE_NOOP("Shortcuts", "Everywhere"),
             QT_TRANSLATE_NOOP("Shortcuts", "Move to the next region: navigation, filters, results, detail")),
    Shortcut("regions_back", ("Shift+F6", "Ctrl+Shift+F6"),
             QT_TRANSLATE_NOOP("Shortcuts", "Everywhere"),
             QT_TRANSLATE_NOOP("Shortcuts", "Move to the previous region")),
    Shortcut("search", ("Ctrl+F",),
             QT_TRANSLATE_NOOP("Shortcuts", "Catalog"),
             QT_TRANSLATE_NOOP("Shortcuts", "Search the catalog (Return shows the results)")),
    Shortcut("add_to_cart", ("Ctrl+Return",),
             QT_TRANSLATE_NOOP("Shortcuts", "Catalog"),
             QT_TRANSLATE_NOOP("Shortcuts", "Add the offer shown to the cart, with the quantity in its detail")),
    Shortcut("quantity", ("Ctrl+Shift+Q",),
             QT_TRANSLATE_NOOP("Shortcuts", "Catalog"),
             QT_TRANSLATE_NOOP("Shortcuts", "Go to the quantity of the offer shown")),
    Shortcut("sync", ("F5",),
             QT_TRANSLATE_NOOP("Shortcuts", "Catalog"),
             QT_TRANSLATE_NOOP("Shortcuts", "Update the catalog now")),
    Shortcut("checkout", ("Ctrl+Shift+Return",),
             QT_TRANSLATE_NOOP("Shortcuts", "Cart"),
             QT_TRANSLATE_NOOP("Shortcuts", "Check out the cart")),
    Shortcut("orders_filter", ("Ctrl+F",),
             QT_TRANSLATE_NOOP("Shortcuts", "Orders"),
             QT_TRANSLATE_NOOP("Shortcuts", "Search and filter the orders")),
    Shortcut("orders_refresh", ("F5",),
             QT_TRANSLATE_NOOP("Shortcuts", "Orders"),
             QT_TRANSLATE_NOOP("Shortcuts", "Get the latest orders")),
    Shortcut("edit_cell", ("F2",),
             QT_TRANSLATE_NOOP("Shortcuts", "Seller: listings"),
             QT_TRANSLATE_NOOP("Shortcuts", "Edit the current cell")),
    Shortcut("bulk_edit", ("Ctrl+E",),
             QT_TRANSLATE_NOOP("Shortcuts", "Seller: listings"),
             QT_TRANSLATE_NOOP("Shortcuts", "Bulk edit the selected offers")),
    Shortcut("paste", ("Ctrl+V",),
             QT_TRANSLATE_NOOP("Shortcuts", "Seller: listings"),
             QT_TRANSLATE_NOOP("Shortcuts", "Paste rows from a spreadsheet")),
    Shortcut("pending_changes", ("Ctrl+Shift+P",),
             QT_TRANSLATE_NOOP("Shortcuts", "Seller"),
             QT_TRANSLATE_NOOP("Shortcuts", "Show the pending changes (not yet sent or refused)")),
    Shortcut("open_row", ("Return",),
             QT_TRANSLATE_NOOP("Shortcuts", "Any table"),
             QT_TRANSLATE_NOOP("Shortcuts", "Open the current row")),
    Shortcut("first_row", ("Down",),
             QT_TRANSLATE_NOOP("Shortcuts", "Any table"),
             QT_TRANSLATE_NOOP("Shortcuts", "Select the first row when none is selected")),
    Shortcut("settings", ("Ctrl+,",),
             QT_TRANSLATE_NOOP("Shortcuts", "Everywhere"),
             QT_TRANSLATE_NOOP("Shortcuts", "Settings")),
    Shortcut("shortcuts", ("F1",),
             QT_TRANSLATE_NOOP("Shortcuts", "Everywhere"),
             QT_TRANSLATE_NOOP("Shortcuts", "This list of keyboard shortcuts")),
    Shortcut("quit", ("Ctrl+Q",),
             QT_TRANSLATE_NOOP("Shortcuts", "Everywhere"),
             QT_TRANSLATE_NOOP("Shortcuts", "Quit")),
)
_BY_NAME = {s.name: s for s in SHORTCUTS}


def key(name: str) -> QKeySequence:
    """The (first) key of shortcut ``name``."""
    return QKeySequence(_BY_NAME[name].keys[0])


def keys(name: str) -> list[QKeySequence]:
    return [QKeySequence(k) for k in _BY_NAME[name].keys]


def description(shortcut: Shortcut) -> tuple[str, str, str]:
    """(keys as shown on this platform, where, what), translated."""
    shown = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in shortcut.keys)
    return (shown, QCoreApplication.translate("Shortcuts", shortcut.where),
            QCoreApplication.translate("Shortcuts", shortcut.what))


def install(parent: QWidget, name: str, slot: Callable[[], object], *,
            context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> list[QShortcut]:
    """QShortcuts on ``parent`` for every key of shortcut ``name`` (by default while the focus is in
    ``parent``, a page: the same key can mean something else on another page)."""
    made = []
    for sequence in keys(name):
        shortcut = QShortcut(sequence, parent)
        shortcut.setContext(context)
        shortcut.setObjectName(f"shortcut-{name}")
        shortcut.activated.connect(slot)
        made.append(shortcut)
    return made


class _PageKey(QObject):
    """The filter of :func:`take_key`: the page's key wins over a window shortcut while the focus is in it."""

    def __init__(self, page: QWidget, sequence: QKeySequence, slot: Callable[[], object]) -> None:
        super().__init__(page)
        self._sequence, self._slot = sequence, slot

    def _matches(self, event: QEvent) -> bool:
        exact = QKeySequence.SequenceMatch.ExactMatch
        return isinstance(event, QKeyEvent) and QKeySequence(event.keyCombination()).matches(self._sequence) == exact

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._matches(event):
            event.accept()  # no shortcut: the key comes to the focused widget, then up to the page
            return True
        if event.type() == QEvent.Type.KeyPress and self._matches(event):
            self._slot()
            return True
        return False


def take_key(page: QWidget, name: str, slot: Callable[[], object]) -> None:
    """Shortcut ``name``'s key runs ``slot`` while the focus is in ``page``, even where the window has a
    shortcut of the same key (F5: the orders' refresh on the orders page, the catalog's sync elsewhere);
    two shortcuts of one key would be ambiguous, and Qt runs neither."""
    page.installEventFilter(_PageKey(page, key(name), slot))


# -- item views ------------------------------------------------------------------------------------
class _ViewKeys(QObject):
    """The key filter of :func:`keyboard_view` (Down / Up on no selection, Return opens)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QAbstractItemView):
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        view = watched
        if view.state() == QAbstractItemView.State.EditingState:
            return False
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            return select_first(view)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            current = view.currentIndex()
            if current.isValid():
                view.activated.emit(current)
                return True
        return False


def select_first(view: QAbstractItemView) -> bool:
    """Select the current row, or the first when there is none, if nothing is selected; True if done."""
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None or selection.hasSelection():
        return False
    if view.selectionMode() == QAbstractItemView.SelectionMode.NoSelection:
        return False
    current = view.currentIndex()
    if not current.isValid():
        if model.rowCount(view.rootIndex()) == 0:
            return False
        current = model.index(0, 0, view.rootIndex())
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    if view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows:
        flags |= QItemSelectionModel.SelectionFlag.Rows
    selection.setCurrentIndex(current, flags)
    view.scrollTo(current)
    return True


def keyboard_view(view: V) -> V:
    """``view`` made keyboard-friendly (see the module's doc); returns it."""
    view.setTabKeyNavigation(False)
    if view.findChild(_ViewKeys) is None:
        view.installEventFilter(_ViewKeys(view))
    return view


# -- regions ---------------------------------------------------------------------------------------
def focus_first(widget: QWidget, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason) -> bool:
    """Give the focus to ``widget`` or its first descendant (in focus order) that takes Tab focus and
    is visible and enabled; False when there is none."""
    candidates = [widget, *widget.findChildren(QWidget)]
    takes = {id(w) for w in candidates if _takes_focus(w)}
    if not takes:
        return False
    if id(widget) in takes:
        widget.setFocus(reason)
        return True
    w = widget.nextInFocusChain()
    while w is not widget:  # the focus chain from widget: its children come in their tab order
        if id(w) in takes:
            w.setFocus(reason)
            return True
        w = w.nextInFocusChain()
    return False


def _takes_focus(w: QWidget) -> bool:
    return (bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus) and w.isVisible() and w.isEnabled()
            and w.focusProxy() is None)


@runtime_checkable
class HasRegions(Protocol):
    """A page that declares its regions for F6 (in the order F6 visits them)."""

    def regions(self) -> Sequence[Region]: ...


def regions_of(page: QWidget | None) -> list[Region]:
    """The regions a page declares (:class:`HasRegions`), or the page itself."""
    if page is None:
        return []
    return list(page.regions()) if isinstance(page, HasRegions) else [page]


class RegionCycle(QObject):
    """F6 / Ctrl+F6 to the next region, Shift+F6 / Ctrl+Shift+F6 to the previous one, in ``window``;
    ``regions`` gives them now (the current page's change)."""

    def __init__(self, window: QWidget, regions: Callable[[], Sequence[Region]]) -> None:
        super().__init__(window)
        self._regions = regions
        self.shortcuts = [*install(window, "regions", lambda: self.move(1), context=Qt.ShortcutContext.WindowShortcut),
                          *install(window, "regions_back", lambda: self.move(-1),
                                   context=Qt.ShortcutContext.WindowShortcut)]

    def current(self) -> int | None:
        """The index of the region holding the focus (None: none of them)."""
        focused = QApplication.focusWidget()
        if focused is None:
            return None
        for i, region in enumerate(self._regions()):
            parts = region if isinstance(region, tuple) else (region,)
            if any(p is focused or p.isAncestorOf(focused) for p in parts):
                return i
        return None

    def move(self, step: int) -> bool:
        regions = list(self._regions())
        if not regions:
            return False
        now = self.current()
        start = (-1 if step > 0 else 0) if now is None else now
        for n in range(1, len(regions) + 1):
            region = regions[(start + step * n) % len(regions)]
            parts = region if isinstance(region, tuple) else (region,)
            if any(focus_first(p, Qt.FocusReason.ShortcutFocusReason) for p in parts):
                return True
        return False
