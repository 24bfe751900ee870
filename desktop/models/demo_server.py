"""The demo marketplace: the reference server run as a child process of the desktop app (no Qt).

``bulkdesk --demo`` starts ``python -m marketplace.cli --demo`` on a free loopback port with its SQLite
database in the user data folder (so a second start reuses the data), waits for ``/api/v1/health``
and stops it when the app quits. The child runs in its own process group (it starts local Stripe
itself), and :meth:`DemoServer.stop` signals the whole group, so nothing is left behind.

The desktop never imports ``marketplace``: it only runs it as a program.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

__all__ = ["DemoServer", "DemoServerError", "default_demo_dir", "free_port"]

HEALTH_PATH = "/api/v1/health"


class DemoServerError(RuntimeError):
    """The demo server could not start (exited early, or did not answer in time)."""


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def default_demo_dir() -> Path:
    """``<user data dir>/demo``: where the demo database and logs live between runs."""
    import platformdirs

    return Path(platformdirs.user_data_dir("Bulkdesk", appauthor=False)) / "demo"


_POSIX = os.name == "posix"


def _new_group_kwargs() -> dict:
    if _POSIX:
        return {"start_new_session": True}
    return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}


def _signal_group(process: subprocess.Popen[bytes], sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        if _POSIX:
            os.killpg(process.pid, sig)
        elif sig == signal.SIGTERM:
            process.terminate()
        else:
            process.kill()


def _group_alive(pgid: int) -> bool:
    if not _POSIX:
        return False
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else (cannot happen for our own children)
        return True
    return True


class DemoServer:
    """One demo server child process. ``start()`` → ``wait_until_healthy()`` → ``stop()``.

    ``stop()`` is idempotent and is also registered with :mod:`atexit` by ``start()``.
    """

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
        self.python = python
        self.host = host
        self.port = port or free_port(host)
        self.env = env
        self.extra_args = list(extra_args or [])
        self.process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._log = None

    # -- facts -------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'marketplace.sqlite3'}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "server.log"

    @property
    def pgid(self) -> int | None:
        """The child's process group id (= its pid: it leads a new session)."""
        return self.process.pid if self.process is not None else None

    def command(self) -> list[str]:
        return [
            self.python, "-m", "marketplace.cli",
            "--host", self.host, "--port", str(self.port),
            "--database", self.database_url, "--demo",
            # the server stops by itself if the app dies without stopping it (a crash, SIGKILL)
            "--exit-with-parent", str(os.getpid()), *self.extra_args,
        ]  # fmt: skip

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    # -- life cycle --------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the child (returns at once; see :meth:`wait_until_healthy`)."""
        with self._lock:
            if self.process is not None:
                return
            self.data_dir.mkdir(parents=True, exist_ok=True)
            env = dict(os.environ if self.env is None else self.env)
            env.setdefault("LOCALSTRIPE_STATE_DIR", str(self.data_dir))
            env.setdefault("PYTHONUNBUFFERED", "1")
            self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                self.command(),
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                **_new_group_kwargs(),
            )
            atexit.register(self.stop)

    def wait_until_healthy(
        self,
        timeout: float = 180.0,
        *,
        cancelled: Callable[[], bool] | None = None,
        interval: float = 0.2,
    ) -> None:
        """Poll ``GET /api/v1/health`` until it answers 200. Blocking: call it off the GUI thread.

        Raises DemoServerError if the child exits or does not answer in ``timeout`` seconds, and
        InterruptedError when ``cancelled()`` turns true.
        """
        if self.process is None:
            raise DemoServerError("the demo server was not started")
        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=2.0, trust_env=False) as http:
            while True:
                if cancelled is not None and cancelled():
                    raise InterruptedError("cancelled")
                code = self.process.poll()
                if code is not None:
                    raise DemoServerError(
                        f"The demo server exited with status {code}.\n\n{self.log_tail()}"
                    )
                try:
                    if http.get(self.url + HEALTH_PATH).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise DemoServerError(
                        f"The demo server did not answer within {timeout:.0f} s.\n\n{self.log_tail()}"
                    )
                time.sleep(interval)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the whole process group: SIGTERM, then SIGKILL after ``timeout`` s. Idempotent."""
        with self._lock:
            process, self.process = self.process, None
            log, self._log = self._log, None
        if process is None:
            return
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)
        pgid = process.pid
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            _signal_group(process, getattr(signal, "SIGKILL", signal.SIGTERM))
            process.wait(5)
        # The leader is reaped; grandchildren (local Stripe) may still be going down.
        deadline = time.monotonic() + timeout
        while _group_alive(pgid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _group_alive(pgid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGKILL)  # POSIX only: _group_alive is False elsewhere
        if log is not None:
            log.close()

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.is_running() else "stopped"
        return f"DemoServer({self.url}, {state}, data_dir={str(self.data_dir)!r})"
