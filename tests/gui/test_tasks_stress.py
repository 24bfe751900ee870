"""The task runner under stress, in a child process (tests/gui/stress_tasks.py): a native crash there
fails this test instead of killing the test run. On the old runner (a QObject relay made per op and
deleted by the GUI thread while its worker could still be emitting on it) this crashed with
"Fatal Python error: Segmentation fault" in ``_Worker.run``, at the relay's emit."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_thousands_of_ops_destroyed_parents_syncs_flipping_offline_and_a_quit_under_running_ops():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"}
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "tests.gui.stress_tasks", "--rounds", "3"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    took = time.monotonic() - started
    output = run.stdout + run.stderr
    assert "Fatal Python error" not in output, output[-4000:]
    assert run.returncode == 0, f"exit {run.returncode} after {took:.1f} s:\n{output[-4000:]}"
    # every op delivered (the script checks each result against its op) and some failed on purpose
    assert "delivered " in run.stdout and "thread reports 180" in run.stdout, run.stdout
