"""Saved settings take effect at once, and at start (issue 11): the user opens the real settings dialog
of the real shell, changes a value, clicks Save, and sees the effect — prices in the new currency, the
sync timer's interval, the offline cache's pictures trimmed to the new limit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.models.catalog_cache import CatalogCache
from desktop.models.infrastructure.demo_server import free_port
from desktop.models.settings import SettingsStore
from desktop.views.catalog.offer_table_model import Column
from desktop.views.shell.shell import Shell

MB = 1024 * 1024


def _shell(qtbot, app_folders, token_store, url=None) -> Shell:
    shell = Shell(url or f"http://127.0.0.1:{free_port()}", paths=app_folders, token_store=token_store)
    qtbot.addWidget(shell.window)
    return shell


def _save(qtbot, dialog) -> None:
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert save.text() == "Save"
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def _prices(page) -> list[str]:
    model = page.model
    return [model.index(row, Column.PRICE).data() for row in range(min(5, model.rowCount()))]


def test_a_new_currency_shows_in_the_catalog_at_once(qtbot, app_folders, token_store, live_server):
    shell = _shell(qtbot, app_folders, token_store, live_server.url)
    try:
        with qtbot.waitSignal(shell.sync_controller.synced, timeout=60_000):
            shell.sync_controller.sync_now()
        page = shell.catalog_page
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
        assert all("€" in price for price in _prices(page)), _prices(page)
        dialog = shell.open_settings()
        dialog.currency.setCurrentIndex(dialog.currency.findData("CHF"))
        _save(qtbot, dialog)
        prices = _prices(page)
        assert prices and all("CHF" in price and "€" not in price for price in prices), prices
    finally:
        shell.shutdown()


def test_a_new_sync_interval_reaches_the_timer_at_once(qtbot, app_folders, token_store):
    shell = _shell(qtbot, app_folders, token_store)
    try:
        assert shell.sync_controller.timer.interval() == 15 * 60_000
        dialog = shell.open_settings()
        dialog.sync_interval.setValue(42)
        _save(qtbot, dialog)
        assert shell.sync_controller.timer.interval() == 42 * 60_000
    finally:
        shell.shutdown()
    again = _shell(qtbot, app_folders, token_store)  # and at the next start
    try:
        assert again.sync_controller.timer.interval() == 42 * 60_000
    finally:
        again.shutdown()


def _store_pictures(cache: CatalogCache, count: int) -> list[str]:
    urls = [f"http://127.0.0.1:9/media/{n}.png" for n in range(count)]
    for url in urls:  # oldest first
        cache.store_image(url, bytes(MB))
    return urls


@pytest.mark.parametrize("when", ["on save", "at start"])
def test_the_cache_limit_trims_the_pictures(qtbot, app_folders, token_store, when):
    path = app_folders.cache / "catalog.sqlite3"
    if when == "at start":
        SettingsStore(app_folders.config / "settings.json").set("cache_max_mb", 50)
    cache = CatalogCache(path)
    urls = _store_pictures(cache, 70)
    cache.close()
    shell = _shell(qtbot, app_folders, token_store)
    try:
        if when == "on save":
            assert shell.catalog_cache.size_bytes() > 70 * MB
            dialog = shell.open_settings()
            dialog.cache_limit.setValue(50)
            _save(qtbot, dialog)
        else:
            shell.start()
        cache = shell.catalog_cache
        qtbot.waitUntil(lambda: cache.size_bytes() <= 50 * MB, timeout=15_000)
        assert cache.size_bytes() > 40 * MB  # trimmed to the limit, not emptied
        assert cache.image_path(urls[-1]) is not None  # the newest pictures stay
        assert cache.image_path(urls[0]) is None  # the oldest went
        assert len(list(cache.images_dir.glob("*.png"))) < 50  # the files themselves are gone too
        qtbot.waitUntil(lambda: not shell.sync_controller.running, timeout=15_000)  # the start's sync (offline)
    finally:
        shell.shutdown()


def test_a_setting_saved_outside_the_dialog_reaches_the_running_parts(qtbot, app_folders, token_store):
    """The parts follow the settings object, not the dialog: a save from anywhere (another window, a
    policy refresh) takes effect the same way."""
    shell = _shell(qtbot, app_folders, token_store)
    try:
        assert shell.settings.update({"sync_interval_minutes": 7}) == []
        assert shell.sync_controller.timer.interval() == 7 * 60_000
        assert SettingsStore.at(shell.paths).get("sync_interval_minutes") == 7
    finally:
        shell.shutdown()
    shell.settings.set("sync_interval_minutes", 9)  # after shutdown the shell no longer listens
    assert shell.sync_controller.timer.interval() == 7 * 60_000
