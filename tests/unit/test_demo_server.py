"""The demo server child: started in its own process group, healthy, and gone after stop — also when
``python -m desktop --demo`` quits after showing its window, and when it gets SIGTERM."""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from desktop.models.infrastructure.demo_server import DemoServer
from tests.support.wait import wait_for

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("marketplace.demo.seed") is None
    or importlib.util.find_spec("marketplace.payments.local") is None,
    reason="the server's demo data (marketplace.demo.seed) or local Stripe is not written yet",
)


def group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def wait_group_gone(pgid: int, timeout: float = 20.0) -> bool:
    try:
        return wait_for(lambda: group_gone(pgid), timeout=timeout, what=f"process group {pgid} to end")
    except AssertionError:
        return False


def demo_env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "BULKDESK_DEMO_OFFERS": "60", "BULKDESK_DEMO_ORDERS": "5",
           "BULKDESK_LOG_LEVEL": "warning",
           # no OS keyring for the app under test: a locked one would wait on an unlock prompt nobody sees
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        folder = tmp_path / name.lower()
        folder.mkdir(exist_ok=True)
        env[name] = str(folder)
    return env


def test_start_wait_stop_leaves_no_process_and_reuses_the_data(tmp_path):
    demo = DemoServer(tmp_path / "demo", env=demo_env(tmp_path))
    demo.start()
    try:
        pgid = demo.pgid
        assert os.getpgid(pgid) == pgid  # its own process group
        demo.wait_until_healthy(timeout=180)
        assert httpx.get(demo.url + "/api/v1/health").json() == {"status": "ok"}
        assert (tmp_path / "demo" / "marketplace.sqlite3").exists()
    finally:
        demo.stop()
    assert not demo.is_running()
    assert wait_group_gone(pgid), "the demo server's process group is still alive"

    # a second start reuses the same database (seeded once)
    again = DemoServer(tmp_path / "demo", env=demo_env(tmp_path))
    with again:
        again.wait_until_healthy(timeout=180)
        assert again.database_url == demo.database_url
        pgid2 = again.pgid
    assert wait_group_gone(pgid2)


def test_stop_is_idempotent_and_safe_before_start(tmp_path):
    demo = DemoServer(tmp_path / "demo")
    demo.stop()
    assert not demo.is_running()


def test_early_exit_is_reported_with_the_log(tmp_path):
    demo = DemoServer(tmp_path / "demo", env=demo_env(tmp_path), extra_args=["--no-such-option"])
    demo.start()
    try:
        with pytest.raises(Exception, match="exited"):
            demo.wait_until_healthy(timeout=60)
    finally:
        demo.stop()


def _launch_app(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = demo_env(tmp_path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--demo", *args],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )


def _read_until_shown(app: subprocess.Popen[str], timeout: float = 240.0) -> tuple[int, list[str]]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert app.stdout is not None
    while time.monotonic() < deadline:
        line = app.stdout.readline()
        if not line:
            break
        lines.append(line)
        m = re.match(r"BULKDESK_SHOWN pgid=(\d+)", line)
        if m:
            return int(m.group(1)), lines
    raise AssertionError("the main window was never shown:\n" + "".join(lines[-40:]))


def test_app_demo_smoke_quits_and_leaves_no_process(tmp_path):
    app = _launch_app(tmp_path, "--smoke")
    try:
        pgid, _ = _read_until_shown(app)
        assert app.wait(60) == 0
        assert wait_group_gone(pgid), "the demo server outlived the app"
    finally:
        if app.poll() is None:
            os.killpg(app.pid, signal.SIGKILL)


def test_app_demo_sigterm_leaves_no_process(tmp_path):
    app = _launch_app(tmp_path)
    try:
        pgid, _ = _read_until_shown(app)
        assert not group_gone(pgid)
        app.send_signal(signal.SIGTERM)
        assert app.wait(60) == 0
        assert wait_group_gone(pgid), "the demo server outlived the app"
    finally:
        if app.poll() is None:
            os.killpg(app.pid, signal.SIGKILL)


def test_a_killed_app_leaves_no_demo_server_behind(tmp_path):
    """SIGKILL gives the app no chance to clean up: the server notices its parent is gone and stops."""
    app = _launch_app(tmp_path)
    try:
        pgid, _ = _read_until_shown(app)
        assert not group_gone(pgid)
        os.kill(app.pid, signal.SIGKILL)
        app.wait(10)
        assert wait_group_gone(pgid), "the demo server outlived a killed app"
    finally:
        if app.poll() is None:
            os.killpg(app.pid, signal.SIGKILL)
