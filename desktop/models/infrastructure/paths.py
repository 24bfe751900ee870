"""Where the app keeps its files: config, data and cache folders (platformdirs; injectable for tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["AppPaths"]


@dataclass(frozen=True)
class AppPaths:
    """Where the app keeps its files (platformdirs; injectable for tests)."""

    config: Path
    data: Path
    cache: Path

    @classmethod
    def default(cls) -> AppPaths:
        import platformdirs

        return cls(
            config=Path(platformdirs.user_config_dir("Bulkdesk", appauthor=False)),
            data=Path(platformdirs.user_data_dir("Bulkdesk", appauthor=False)),
            cache=Path(platformdirs.user_cache_dir("Bulkdesk", appauthor=False)),
        )

    def ensure(self) -> AppPaths:
        for folder in (self.config, self.data, self.cache):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def settings_path(self) -> Path:
        """The user's settings (desktop/models/settings)."""
        return self.config / "settings.json"

    @property
    def account_state_path(self) -> Path:
        """The last account per server (desktop/models/settings/accounts.py)."""
        return self.config / "state.ini"

    @property
    def window_state_path(self) -> Path:
        """The main window's size, position and splitters (a QSettings INI file, written by the views)."""
        return self.config / "window.ini"
