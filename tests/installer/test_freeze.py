"""The frozen desktop app (installer/bulkdesk.spec) built here and started against the real reference
server: the window paints the synced catalog in French, the server's packages are not in the bundle,
and it quits cleanly. Prints the bundle's size and start-up time (marker `freeze`: one PyInstaller
build, 1–3 minutes on this 2-core machine)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.support.server import cleanup, make_server

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.freeze


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("freeze")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(work / "dist"),
         "--workpath", str(work / "build"), str(ROOT / "installer" / "bulkdesk.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=480, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-4000:]
    print(f"\nfreeze: PyInstaller build {time.monotonic() - started:.0f} s")
    return work / "dist" / "Bulkdesk"


@pytest.fixture(scope="module")
def server():
    server = make_server(offers=300, orders=10)
    server.start()
    yield server
    cleanup(server)


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def test_the_frozen_app_paints_the_synced_catalog_in_french_and_quits(bundle, server, tmp_path):
    executable = bundle / {"linux": "bulkdesk", "win32": "Bulkdesk.exe"}.get(sys.platform, "Bulkdesk")
    assert executable.is_file()
    internal = bundle / "_internal"
    for package in ("marketplace", "fastapi", "sqlalchemy", "uvicorn", "stripe", "localstripe", "pytest"):
        assert not (internal / package).exists(), f"{package} is in the desktop bundle"
    assert (internal / "resources" / "translations" / "bulkdesk_fr.qm").is_file()
    assert (internal / "resources" / "icons" / "catalog.svg").is_file()

    home = tmp_path / "home"
    (home / "config" / "Bulkdesk").mkdir(parents=True)
    (home / "config" / "Bulkdesk" / "settings.json").write_text(json.dumps({"version": 1, "language": "fr"}))
    report = tmp_path / "smoke.json"
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CACHE_HOME": str(home / "cache"), "BULKDESK_SMOKE_REPORT": str(report),
           "BULKDESK_LOG_LEVEL": "warning", "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    started = time.monotonic()
    done = subprocess.run([str(executable), "--smoke", "--server", server.url], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stdout + done.stderr
    assert "BULKDESK_SHOWN" in done.stdout
    seen = json.loads(report.read_text())
    assert seen["frozen"] is True
    assert seen["sync"] == "synced" and seen["rows"] == 300, seen
    assert seen["ui_language"] == "Défini par votre administrateur"
    shot = QImage(seen["screenshot"])
    assert shot.width() >= 800 and shot.height() >= 500
    colours = {shot.pixel(x, y) for x in range(0, shot.width(), 17) for y in range(0, shot.height(), 17)}
    assert len(colours) > 20, "the window did not paint its content"
    print(f"\nfreeze: bundle {_size_mb(bundle):.0f} MB, start to first sync and quit {elapsed:.1f} s")

    demo = subprocess.run([str(executable), "--demo"], env=env, capture_output=True, text=True, timeout=60)
    assert demo.returncode == 2 and "source checkout" in demo.stderr
