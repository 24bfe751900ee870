"""Where file dialogs open: the folder last used for that kind of file, else the user's Documents
(never the app's working folder, which is the source tree or the install folder; issue 29).

    name, _ = QFileDialog.getOpenFileName(self, title, start_folder("csv"), filters)
    if name:
        remember_folder("csv", name)

    QFileDialog.getSaveFileName(self, title, start_folder("csv", "offers.csv"), filters)

The last folders are kept in ``folders.ini`` beside the settings (a QSettings INI file, read at each
call: a few hundred bytes), one key a kind ("csv", "pdf", "certificates")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from desktop.models.infrastructure.paths import AppPaths

__all__ = ["documents_folder", "remember_folder", "start_folder"]


def _state(paths: AppPaths | None) -> QSettings:
    return QSettings(str((paths or AppPaths.default()).config / "folders.ini"), QSettings.Format.IniFormat)


def documents_folder() -> Path:
    """The user's Documents folder (QStandardPaths), else the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder(kind: str, file_name: str = "", *, paths: AppPaths | None = None) -> str:
    """The folder to open a dialog in for ``kind`` (the last one used if it still exists, else
    Documents), joined with ``file_name`` for a save dialog's proposed name."""
    last = _state(paths).value(f"last_folder/{kind}", "", str)
    folder = Path(last) if last and Path(last).is_dir() else documents_folder()
    return str(folder / file_name) if file_name else str(folder)


def remember_folder(kind: str, chosen: str | Path, *, paths: AppPaths | None = None) -> None:
    """Keep the folder of ``chosen`` (a file, or a folder itself) as the next start for ``kind``."""
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    (paths or AppPaths.default()).config.mkdir(parents=True, exist_ok=True)
    state = _state(paths)
    state.setValue(f"last_folder/{kind}", str(folder))
    state.sync()
