"""The demo marketplace: the reference server run as a child process of the desktop app (no Qt).

``bulkdesk --demo`` starts ``python -m marketplace.cli --demo`` on a free loopback port with its SQLite
database in the user data folder (so a second start reuses the data), waits for ``/api/v1/health``
and stops it when the app quits: a :class:`~desktop.models.infrastructure.server_process.MarketplaceProcess` (the
one launcher, which the tests and the benchmarks use too) with the demo's folder and settings.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.models.infrastructure.server_process import HEALTH_PATH, MarketplaceProcess, ServerStartError, free_port

__all__ = ["HEALTH_PATH", "DemoServer", "DemoServerError", "default_demo_dir", "free_port"]

#: the demo server could not start (exited early, or did not answer in time)
DemoServerError = ServerStartError


def default_demo_dir() -> Path:
    """``<user data dir>/demo``: where the demo database and logs live between runs."""
    import platformdirs

    return Path(platformdirs.user_data_dir("Bulkdesk", appauthor=False)) / "demo"


class DemoServer(MarketplaceProcess):
    """The demo server child, its database and log in ``data_dir`` (default: the user data folder)."""

    def __init__(
        self,
        data_dir: Path | None = None,
        *,
        python: str = sys.executable,
        host: str = "127.0.0.1",
        port: int | None = None,
        env: dict[str, str] | None = None,
        extra_args: list[str] | None = None,
    ) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else default_demo_dir()
        super().__init__(f"sqlite:///{self.data_dir / 'marketplace.sqlite3'}", self.data_dir / "server.log",
                         demo=True, python=python, host=host, port=port, env=env, extra_args=extra_args or ())

    def child_env(self) -> dict[str, str]:
        env = super().child_env()
        env.setdefault("LOCALSTRIPE_STATE_DIR", str(self.data_dir))
        return env

    def __repr__(self) -> str:
        state = "running" if self.is_running() else "stopped"
        return f"DemoServer({self.url}, {state}, data_dir={str(self.data_dir)!r})"
