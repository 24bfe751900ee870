"""The one launcher of the reference marketplace server as a child process (no Qt): the app's demo,
the tests and the benchmarks all start ``python -m marketplace.cli`` through :class:`MarketplaceProcess`.

The child runs in its own process group (it may start local Stripe itself), is told to stop by itself
when the process that started it is gone (``--exit-with-parent``), and :meth:`MarketplaceProcess.stop`
signals the whole group, so nothing is left behind. The desktop never imports ``marketplace``: it only
runs it as a program.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx

__all__ = ["HEALTH_PATH", "MarketplaceProcess", "ServerStartError", "free_port"]

HEALTH_PATH = "/api/v1/health"


class ServerStartError(RuntimeError):
    """The server could not start (exited early, or did not answer in time)."""


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


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


class MarketplaceProcess:
    """One server child process: ``start()`` → ``wait_until_healthy()`` → ``stop()`` (idempotent, and
    registered with :mod:`atexit` by ``start()``). ``demo=True`` seeds demo data into an empty database
    and starts local Stripe; ``scheme="https"`` with ``verify`` (a CA's SSL context) for a server given
    a certificate in ``extra_args``."""

    def __init__(
        self,
        database_url: str,
        log_path: Path,
        *,
        demo: bool = False,
        python: str = sys.executable,
        host: str = "127.0.0.1",
        port: int | None = None,
        env: dict[str, str] | None = None,
        extra_args: Sequence[str] = (),
        cwd: Path | None = None,
        scheme: str = "http",
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        self.database_url = database_url
        self.log_path = Path(log_path)
        self.demo = demo
        self.python = python
        self.host = host
        self.port = port or free_port(host)
        self.env = env
        self.extra_args = list(extra_args)
        self.cwd = cwd
        self.scheme = scheme
        self.verify = verify
        self.process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    # -- facts -------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    @property
    def api(self) -> str:
        return self.url + "/api/v1"

    @property
    def pgid(self) -> int | None:
        """The child's process group id (= its pid: it leads a new session)."""
        return self.process.pid if self.process is not None else None

    def command(self) -> list[str]:
        return [
            self.python, "-m", "marketplace.cli",
            "--host", self.host, "--port", str(self.port),
            "--database", self.database_url, *(["--demo"] if self.demo else []),
            # the server stops by itself if its starter dies without stopping it (a crash, SIGKILL)
            "--exit-with-parent", str(os.getpid()), *self.extra_args,
        ]  # fmt: skip

    def child_env(self) -> dict[str, str]:
        env = dict(os.environ if self.env is None else self.env)
        env.setdefault("PYTHONUNBUFFERED", "1")
        return env

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
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.log_path, "ab") as log:  # the child keeps its own copy of the descriptor
                self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                    self.command(), env=self.child_env(), cwd=self.cwd, stdin=subprocess.DEVNULL,
                    stdout=log, stderr=subprocess.STDOUT, **_new_group_kwargs(),
                )
            atexit.register(self.stop)

    def wait_until_healthy(
        self, timeout: float = 180.0, *, cancelled: Callable[[], bool] | None = None, interval: float = 0.1
    ) -> None:
        """Poll ``GET /api/v1/health`` until it answers 200. Blocking: off the GUI thread in the app.

        Raises ServerStartError if the child exits or does not answer in ``timeout`` seconds, and
        InterruptedError when ``cancelled()`` turns true."""
        process = self.process
        if process is None:
            raise ServerStartError("the server was not started")
        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=2.0, trust_env=False, verify=self.verify) as http:
            while True:
                if cancelled is not None and cancelled():
                    raise InterruptedError("cancelled")
                code = process.poll()
                if code is not None:
                    raise ServerStartError(f"The server exited with status {code}.\n\n{self.log_tail()}")
                try:
                    if http.get(self.url + HEALTH_PATH).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise ServerStartError(
                        f"The server did not answer within {timeout:.0f} s.\n\n{self.log_tail()}"
                    )
                time.sleep(interval)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the whole process group: SIGTERM, then SIGKILL after ``timeout`` s. Idempotent."""
        with self._lock:
            process, self.process = self.process, None
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

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self) -> MarketplaceProcess:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.is_running() else "stopped"
        return f"{type(self).__name__}({self.url}, {state})"
