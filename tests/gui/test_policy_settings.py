"""The settings dialog under a Windows registry policy (read through the app's own registry mapping):
managed values are locked and say "Set by your administrator", recommended ones say so and stay
editable; in French too. Screenshots land in BULKDESK_SCREENSHOTS when it is set."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.models.settings import SettingsStore, policy
from desktop.views.shell.shell import Shell

ROOT = Path(__file__).resolve().parents[2]
KEYS = {
    policy.REGISTRY_KEY: {"ServerUrl": "https://market.corp.example", "SyncIntervalMinutes": 120},
    policy.REGISTRY_KEY + "\\Recommended": {"Currency": "CHF"},
}


def _shell(app_folders, token_store, tmp_path):
    store = SettingsStore(app_folders.config / "settings.json", tmp_path / "none.json",
                          policy_readers=[lambda: policy.read_registry(lambda key: KEYS.get(key, {}))])
    return Shell("https://market.corp.example", paths=app_folders, settings=store, token_store=token_store), store


def test_registry_policy_in_the_settings_dialog(qtbot, app_folders, token_store, tmp_path):
    shell, store = _shell(app_folders, token_store, tmp_path)
    qtbot.addWidget(shell.window)
    dialog = shell.open_settings()
    assert not dialog.server_url.isEnabled() and dialog.server_url.text() == "https://market.corp.example"
    assert not dialog.sync_interval.isEnabled() and dialog.sync_interval.value() == 120
    assert dialog.source_labels["server_url"].text() == "Set by your administrator"
    assert dialog.source_labels["currency"].text() == "Recommended by your administrator"
    assert "language" not in dialog.source_labels
    assert dialog.currency.isEnabled() and dialog.currency.currentData() == "CHF"
    if os.environ.get("BULKDESK_SCREENSHOTS"):
        dialog.grab().save(str(Path(os.environ["BULKDESK_SCREENSHOTS"]) / "settings-policy-en.png"))
    dialog.currency.setCurrentIndex(dialog.currency.findData("SEK"))
    dialog.server_url.setText("https://elsewhere.example")  # disabled: a user cannot, a script could
    dialog._save()
    assert store.get("currency") == "SEK" and store.source("currency") == "user"
    assert store.get("server_url") == "https://market.corp.example"
    shell.shutdown()


def test_registry_policy_in_the_settings_dialog_in_french(qtbot, qapp, app_folders, token_store, tmp_path):
    translator = QTranslator()
    assert translator.load(str(ROOT / "resources" / "translations" / "bulkdesk_fr.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        shell, _store = _shell(app_folders, token_store, tmp_path)
        qtbot.addWidget(shell.window)
        dialog = shell.open_settings()
        assert dialog.source_labels["server_url"].text() == "Défini par votre administrateur"
        assert dialog.source_labels["currency"].text() == "Recommandé par votre administrateur"
        if os.environ.get("BULKDESK_SCREENSHOTS"):
            dialog.grab().save(str(Path(os.environ["BULKDESK_SCREENSHOTS"]) / "settings-policy-fr.png"))
        dialog.reject()
        shell.shutdown()
    finally:
        QCoreApplication.removeTranslator(translator)
