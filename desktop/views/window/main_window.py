"""The main window: a navigation list and a page stack (Catalog · Cart · Orders · Seller), the offline
banner on top, the status bar below, and the File / Go / Account menus.

It does not build the pages: app.py hands them in as :class:`Page` entries, so each area's widget is
written (and tested) on its own. It does not talk to the server either: menu actions are signals that
app.py connects.

    window = MainWindow([Page("catalog", tr("Catalog"), catalog_widget, icon="catalog"), ...],
                        state=QSettings(str(config_dir / "window.ini"), QSettings.Format.IniFormat))
    window.sign_in_requested.connect(shell.sign_in)
    window.set_account("buyer@demo.test", seller=False)
    # window.status, window.banner: written by their owners (Connectivity, status.LastSync), which
    # the root may make first with the bar and the banner it then hands in (status=, banner=)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.views.window.banner import OfflineBanner
from desktop.views.window.icons import icon
from desktop.views.window.status import StatusBar

__all__ = ["EmptyState", "MainWindow", "Page", "first_geometry"]


@dataclass
class Page:
    """One page of the main window. ``key`` is stable ("catalog", "cart", "orders", "seller")."""

    key: str
    title: str
    widget: QWidget
    icon: str = ""
    seller_only: bool = False


class EmptyState(QWidget):
    """A centred icon, title and sentence: a page with nothing to show yet (and the placeholder pages)."""

    def __init__(self, icon_name: str, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        picture = QLabel()
        picture.setPixmap(icon(icon_name).pixmap(QSize(48, 48)))
        picture.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        picture.setEnabled(False)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("emptyStateTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text_label = QLabel(text)
        self.text_label.setObjectName("emptyStateText")
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text_label.setWordWrap(True)
        column = QWidget()
        column.setMaximumWidth(460)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(picture)
        inner.addSpacing(6)
        inner.addWidget(self.title_label)
        inner.addWidget(self.text_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    settings_requested = Signal()
    quit_requested = Signal()
    sign_in_requested = Signal()
    create_account_requested = Signal()
    guest_requested = Signal()
    sign_out_requested = Signal()
    page_changed = Signal(str)
    # emitted once, after the window is first shown (the app prints BULKDESK_SHOWN on it)
    first_shown = Signal()
    # emitted once, after the window's first paint has finished (the app builds the rest then)
    first_painted = Signal()

    def __init__(
        self,
        pages: Sequence[Page],
        *,
        state: QSettings | None = None,
        status: StatusBar | None = None,
        banner: OfflineBanner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``status``, ``banner``: the status bar and the offline banner when the root made them before the
        window (the parts that write them are made with the pages, before it); else the window's own."""
        super().__init__(parent)
        self.setWindowTitle("Bulkdesk")
        self.setObjectName("mainWindow")
        self._state = state
        self._shown_once = False
        self._close_guard: Callable[[], bool] | None = None
        self.pages: list[Page] = list(pages)
        self._index: dict[str, int] = {}

        self.banner = banner if banner is not None else OfflineBanner()
        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMinimumWidth(130)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        for i, page in enumerate(self.pages):
            item = QListWidgetItem(icon(page.icon) if page.icon else icon("catalog"), page.title)
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            item.setSizeHint(QSize(0, 34))
            self.nav.addItem(item)
            self.stack.addWidget(page.widget)
            self._index[page.key] = i
        self.nav.currentRowChanged.connect(self._on_row_changed)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 900])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.status = status if status is not None else StatusBar()
        self.setStatusBar(self.status)
        self._build_menus()
        self.set_account(None)
        if self.pages:
            self.nav.setCurrentRow(0)
        if not self.restore_state():  # a first start: a size to suit the screen, centred on it
            screen = self.screen()
            if screen is not None:
                self.setGeometry(first_geometry(screen.availableGeometry()))
            else:
                self.resize(1180, 760)
        self._first_paint = _FirstPaint(self)

    # -- menus -------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.settings_requested)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        # from any of the app's windows (the crash notice, a non-modal dialog), as File > Quit does
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.triggered.connect(self.quit_requested)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        go_menu = bar.addMenu(self.tr("&Go"))
        self.page_actions: dict[str, QAction] = {}
        for n, page in enumerate(self.pages, start=1):
            action = QAction(icon(page.icon) if page.icon else icon("catalog"), page.title, self)
            if n <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, key=page.key: self.show_page(key))
            go_menu.addAction(action)
            self.addAction(action)  # the shortcut works even when the menu bar is hidden
            self.page_actions[page.key] = action

        self.account_menu = bar.addMenu(self.tr("&Account"))
        self.account_header = QAction(self)
        self.account_header.setEnabled(False)
        self.sign_in_action = QAction(self.tr("Sign in…"), self)
        self.create_account_action = QAction(self.tr("Create account…"), self)
        self.guest_action = QAction(self.tr("Continue as guest"), self)
        self.sign_out_action = QAction(self.tr("Sign out"), self)
        self.sign_in_action.triggered.connect(self.sign_in_requested)
        self.create_account_action.triggered.connect(self.create_account_requested)
        self.guest_action.triggered.connect(self.guest_requested)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        for menu in (self.account_menu,):
            menu.addAction(self.account_header)
            menu.addSeparator()
            menu.addActions([self.sign_in_action, self.create_account_action, self.guest_action])
            menu.addSeparator()
            menu.addAction(self.sign_out_action)

        self.account_button = QToolButton()
        self.account_button.setObjectName("accountButton")
        self.account_button.setIcon(icon("account"))
        self.account_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.account_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.account_button.setAutoRaise(True)
        self.account_button.setMenu(self.account_menu)
        bar.setCornerWidget(self.account_button, Qt.Corner.TopRightCorner)

    # -- pages -------------------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        return self.pages[self._index[key]].widget

    def page_keys(self, visible_only: bool = True) -> list[str]:
        hidden = {p.key for p in self.pages if self.nav.item(self._index[p.key]).isHidden()}
        return [p.key for p in self.pages if not (visible_only and p.key in hidden)]

    def current_page_key(self) -> str | None:
        row = self.nav.currentRow()
        return self.pages[row].key if 0 <= row < len(self.pages) else None

    def show_page(self, key: str) -> bool:
        """Switch to ``key``; False when there is no such page or it is hidden (Seller for a buyer)."""
        row = self._index.get(key)
        if row is None or self.nav.item(row).isHidden():
            return False
        self.nav.setCurrentRow(row)
        return True

    def replace_page(self, key: str, widget: QWidget) -> None:
        """Put ``widget`` where page ``key`` is (a placeholder shown until the real page is built); it is
        shown at once when that page is the current one. The old widget is deleted."""
        row = self._index[key]
        old = self.pages[row].widget
        was_current = self.stack.currentWidget() is old
        self.pages[row] = replace(self.pages[row], widget=widget)
        self.stack.insertWidget(row, widget)
        self.stack.removeWidget(old)
        if was_current:
            self.stack.setCurrentWidget(widget)
        old.deleteLater()

    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            self.stack.setCurrentIndex(row)
            self.page_changed.emit(self.pages[row].key)

    def set_seller_visible(self, visible: bool) -> None:
        for page in self.pages:
            if page.seller_only:
                row = self._index[page.key]
                self.nav.item(row).setHidden(not visible)
                self.page_actions[page.key].setVisible(visible)
                self.page_actions[page.key].setEnabled(visible)
                if not visible and self.nav.currentRow() == row:
                    self.nav.setCurrentRow(0)

    # -- account -----------------------------------------------------------------------------------
    def set_account(
        self,
        email: str | None,
        *,
        guest: bool = False,
        seller: bool = False,
        verifying: bool = False,
    ) -> None:
        """Show who is signed in; the Seller page shows only for a seller account."""
        if email and verifying:
            text = self.tr("%1 (checking…)").replace("%1", email)
        elif email:
            text = email
        elif guest:
            text = self.tr("Guest")
        else:
            text = self.tr("Not signed in")
        self.account_button.setText(text)
        self.account_button.setToolTip(
            self.tr("Signed in as %1").replace("%1", email) if email else self.tr("Not signed in")
        )
        self.account_header.setText(
            self.tr("Signed in as %1").replace("%1", email) if email
            else (self.tr("Browsing as a guest") if guest else self.tr("Not signed in"))
        )
        signed_in = bool(email)
        self.sign_in_action.setVisible(not signed_in)
        self.create_account_action.setVisible(not signed_in)
        self.guest_action.setVisible(not signed_in and not guest)
        self.sign_out_action.setVisible(signed_in)
        self.set_seller_visible(signed_in and seller)

    # -- state -------------------------------------------------------------------------------------
    def restore_state(self) -> bool:
        """The size, position and splitter the user left; False when there was no size to restore."""
        if self._state is None:
            return False
        restored = False
        geometry = self._state.value("main/geometry")
        if isinstance(geometry, QByteArray | bytes) and geometry:
            restored = self.restoreGeometry(QByteArray(geometry))
        window_state = self._state.value("main/state")
        if isinstance(window_state, QByteArray | bytes) and window_state:
            self.restoreState(QByteArray(window_state))
        splitter = self._state.value("main/splitter")
        if isinstance(splitter, QByteArray | bytes) and splitter:
            self.splitter.restoreState(QByteArray(splitter))
        return restored

    def save_state(self) -> None:
        if self._state is None:
            return
        self._state.setValue("main/geometry", self.saveGeometry())
        self._state.setValue("main/state", self.saveState())
        self._state.setValue("main/splitter", self.splitter.saveState())
        self._state.sync()

    def remember_splitter(self, splitter: QSplitter, key: str) -> None:
        """For pages: restore ``splitter`` now and save it whenever it moves."""
        if self._state is None:
            return
        name = f"splitters/{key}"
        saved = self._state.value(name)
        if isinstance(saved, QByteArray | bytes) and saved:
            splitter.restoreState(QByteArray(saved))
        splitter.splitterMoved.connect(lambda *_: self._state.setValue(name, splitter.saveState()))

    # -- events ------------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # the keyboard goes to the new window: without a window manager (a kiosk, a bare X
            # session) nobody else gives it focus, and Ctrl+Q or any shortcut would go nowhere
            self.activateWindow()
            self.first_shown.emit()

    def set_close_guard(self, may_close: Callable[[], bool] | None) -> None:
        """``may_close()`` is asked when the window is closed (False: it stays open; the guard asks the
        user, e.g. about changes not yet sent)."""
        self._close_guard = may_close

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._close_guard is not None and not self._close_guard():
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)


# a first start: this share of the screen's free area, within these bounds (a 4K screen gets a
# window a person can read, not a wall)
FIRST_SIZE_SHARE = 0.8
FIRST_SIZE_MIN = QSize(1024, 660)
FIRST_SIZE_MAX = QSize(1680, 1050)


def first_geometry(available: QRect) -> QRect:
    """The window's place on a first start: ~80 % of ``available`` (the screen without its panels),
    at least FIRST_SIZE_MIN (unless the screen is smaller), at most FIRST_SIZE_MAX, centred."""
    width = min(max(round(available.width() * FIRST_SIZE_SHARE), FIRST_SIZE_MIN.width()), FIRST_SIZE_MAX.width())
    height = min(max(round(available.height() * FIRST_SIZE_SHARE), FIRST_SIZE_MIN.height()),
                 FIRST_SIZE_MAX.height())
    size = QSize(min(width, available.width()), min(height, available.height()))
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(available.center())
    return rect


class _FirstPaint(QObject):
    """Watches the window until its first Paint event, then emits ``first_painted`` once that paint pass
    has finished (a zero timer: the rest of the pass is already under way)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._window, self._window.first_painted.emit)
            self.deleteLater()
        return False

