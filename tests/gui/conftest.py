"""GUI tests (pytest-qt): offscreen Qt, a temporary settings/data/cache folder per test, an in-memory
token store, the error channel installed per test, and a check that no test leaks windows or ops."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.api_client import MemoryTokenStore
from desktop.models.cart import CartStore
from tests.gui.orders_support import signed_in
from tests.support.server import cleanup, make_server


@pytest.fixture
def french(qapp: QApplication):
    """French as the app installs it at start (bulkdesk_fr.qm, Qt's own qtbase_fr.qm for its standard
    buttons, a French default locale); everything put back after."""
    from PySide6.QtCore import QLocale

    from desktop.views.locale.i18n import install_translations

    before = QLocale()
    installed = install_translations(qapp, "fr")
    assert installed, "run scripts/build_translations.py"
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


@pytest.fixture(autouse=True)
def app_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Each test gets its own config/data/cache folders (platformdirs reads the XDG variables)."""
    from desktop.models.infrastructure.paths import AppPaths

    folders = {name: tmp_path / name for name in ("config", "data", "cache")}
    for name, env in (("config", "XDG_CONFIG_HOME"), ("data", "XDG_DATA_HOME"), ("cache", "XDG_CACHE_HOME")):
        folders[name].mkdir()
        monkeypatch.setenv(env, str(folders[name]))
    return AppPaths(config=folders["config"] / "Bulkdesk", data=folders["data"] / "Bulkdesk",
                    cache=folders["cache"] / "Bulkdesk").ensure()


@pytest.fixture
def token_store() -> MemoryTokenStore:
    return MemoryTokenStore()


@pytest.fixture(autouse=True)
def no_leaks(qapp: QApplication, qtbot):
    """Fail a test that leaves a top-level window open or a background op undelivered; let go of the
    modifier keys a test's key clicks leave held (qtbot.keyClick(w, key, Shift) ends with Qt believing
    Shift is still down: the next test's programmatic row selection then extended the selection)."""
    from desktop.views.background import tasks

    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    yield
    # pytest-qt has closed the widgets registered with qtbot.addWidget by now.
    qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
    qapp.processEvents()
    leaked = [
        f"{type(w).__name__}({w.windowTitle()!r})"
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and id(w) not in before
    ]
    for w in QApplication.topLevelWidgets():
        if w.isVisible() and id(w) not in before:
            w.close()
    assert not leaked, f"top-level windows left open: {leaked} (register them with qtbot.addWidget)"
    held = QGuiApplication.keyboardModifiers()
    if held != Qt.KeyboardModifier.NoModifier:
        _release(held)
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier


def _release(held: Qt.KeyboardModifier) -> None:
    """Let go of modifier keys Qt still believes held (a key release to a live widget)."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    target = QWidget()
    for key, modifier in ((Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier),
                          (Qt.Key.Key_Control, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_Alt, Qt.KeyboardModifier.AltModifier)):
        if held & modifier:
            held &= ~modifier
            QTest.keyRelease(target, key, held)  # Qt takes the modifiers still held from the event
    target.deleteLater()


@pytest.fixture(autouse=True)
def error_channel(qapp: QApplication):
    """A fresh error channel per test, installed as the app's one error channel."""
    from desktop.views.errors.channel import ErrorChannel

    channel = ErrorChannel()
    channel.install()
    yield channel
    dialog = channel.current_dialog()
    if dialog is not None:
        dialog.close()
    channel.uninstall()
    channel.deleteLater()


@pytest.fixture(scope="session", autouse=True)
def english_plurals(qapp: QApplication):
    """The English plural forms the app installs at start ("1 unit", "2 units"; bulkdesk_en.qm), without
    its locale choice: the tests keep the locale they set."""
    from PySide6.QtCore import QTranslator

    from desktop.views.locale.i18n import translations_dir

    translator = QTranslator()
    assert translator.load("bulkdesk_en", str(translations_dir())), "run scripts/build_translations.py"
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


@pytest.fixture(autouse=True)
def themed(qapp: QApplication):
    from desktop.views.window.theme import apply_theme

    apply_theme(qapp, dark=False, follow_os=False)


@pytest.fixture(scope="session")
def catalog_server():
    """The catalog tests compare the app with the demo catalog as seeded: a server of their own, which
    the other folders' tests (adding and removing offers on `live_server`) do not touch."""
    server = make_server()
    server.start()
    yield server
    cleanup(server)


# the Orders page tests' buyer and cart (tests/gui/orders_support.py builds their page)
@pytest.fixture
def buyer(live_server):
    client = signed_in(live_server.url)
    yield client
    client.close()


@pytest.fixture
def cart_store(app_folders):
    store = CartStore(app_folders.data / "cart.sqlite3")
    yield store
    store.close()
