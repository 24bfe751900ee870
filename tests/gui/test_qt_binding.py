"""The Qt binding we ship does not corrupt Python's reference counts in calls the views make often."""

import subprocess
import sys

PROGRAM = """
import sys
from PySide6.QtWidgets import QApplication, QCheckBox
app = QApplication([])
box = QCheckBox()
before = sys.getrefcount(None)
for i in range(50_000):
    box.setChecked(i % 2 == 0)
print(sys.getrefcount(None) - before)
"""


def test_set_checked_keeps_the_reference_count_of_none():
    # In a child process: the bug aborts the interpreter (PySide6 6.12.0), which must not take pytest down.
    result = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert abs(int(result.stdout.strip())) < 100
