"""Issue 29's rough edges: file dialogs open in the user's Documents or the last folder used (never the
app's working folder), and in French Qt's own dialogs speak French (qtbase_fr, its labels with
accelerators included)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

from desktop.views.seller.import_page import ImportPage
from desktop.views.window.file_dialogs import documents_folder, remember_folder, start_folder


class _NoSeller:
    def import_csv(self, *a, **k):  # never reached: the dialog is cancelled
        raise AssertionError


def test_dialogs_start_in_documents_then_in_the_last_folder_used(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    documents.mkdir(parents=True, exist_ok=True)
    assert documents_folder() == documents
    assert start_folder("csv") == str(documents) != str(Path.cwd())
    assert start_folder("csv", "offers.csv") == str(documents / "offers.csv")

    page = ImportPage(_NoSeller(), selected_skus=lambda: [])  # type: ignore[arg-type]
    qtbot.addWidget(page)
    asked: list[str] = []
    picked = tmp_path / "supplier" / "lots.csv"
    picked.parent.mkdir()
    monkeypatch.setattr(page, "load_file", lambda path: None)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda parent, caption, folder, filters: (
        asked.append(folder) or (str(picked), "")))
    page.choose_file()
    page.choose_file()
    assert asked == [str(documents), str(picked.parent)]  # remembered between dialogs
    saved: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, caption, proposed, filters: (
        saved.append(proposed) or ("", "")))
    page.export(None)
    assert saved == [str(picked.parent / "offers.csv")]
    # a remembered folder that is gone: Documents again
    remember_folder("csv", tmp_path / "gone" / "x.csv")
    assert start_folder("csv") == str(documents)


def test_qt_own_dialogs_are_french(qtbot, french):
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert sorted(b.text().replace("&", "") for b in buttons.buttons()) == ["Annuler", "Enregistrer"]
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {label.objectName(): label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    # Qt 6 asks for "&Look in:" and "Files of &type:", which qtbase_fr has only without the "&"
    assert labels["lookInLabel"].startswith("Voir dans")
    assert labels["fileTypeLabel"].startswith("Fichiers de type")
    assert labels["fileNameLabel"].startswith("Nom de fichier")
