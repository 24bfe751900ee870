"""The settings show sizes in one format (issue 29: "500 Mo" beside "11,68 Mio")."""

from __future__ import annotations

from desktop.views.settings.dialog import SettingsDialog


def _dialog(qtbot):
    dialog = SettingsDialog({"server_url": "https://market.example", "cache_max_mb": 500},
                            cache_size=lambda: 12_247_000)
    qtbot.addWidget(dialog)
    return dialog


def test_the_cache_limit_and_usage_share_one_unit_in_french(qtbot, french):
    dialog = _dialog(qtbot)
    qtbot.waitUntil(lambda: any(c.isdigit() for c in dialog.cache_usage.text()))
    assert dialog.cache_usage.text() == "11,68 Mo"
    assert dialog.cache_limit.text() == "500 Mo"


def test_and_in_english(qtbot):
    dialog = _dialog(qtbot)
    qtbot.waitUntil(lambda: any(c.isdigit() for c in dialog.cache_usage.text()))
    assert (dialog.cache_usage.text(), dialog.cache_limit.text()) == ("11.68 MB", "500 MB")
