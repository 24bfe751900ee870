"""Crash reports: a real app process dies of SIGSEGV, its crash.log holds every thread's Python stack;
the next start says that Bulkdesk closed unexpectedly, after its first paint, and offers the report."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from desktop.models.infrastructure.crash_log import ARCHIVES_KEPT, LOG_NAME, CrashLog, CrashReport
from desktop.models.infrastructure.demo_server import free_port

ROOT = Path(__file__).resolve().parents[2]

# The app as `bulkdesk` runs it; when the crash notice shows, what it says, and what "Copy details" put
# on the clipboard, and whether the main window had been painted by then.
LAUNCHER = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([sys.argv[0]])
report = {"painted": False}

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            report["painted"] = True
        if event.type() == QEvent.Type.Show and obj.objectName() == "crashNotice" and "notice" not in report:
            report["notice"] = {"title": obj.windowTitle(), "details": obj.details.toPlainText(),
                                "modal": obj.isModal(), "painted_before": report["painted"]}
            obj.copy_button.click()
            report["clipboard"] = QGuiApplication.clipboard().text()
            QTimer.singleShot(0, app.quit)
        return False

watch = Watch()
app.installEventFilter(watch)
app.aboutToQuit.connect(lambda: print("REPORT " + json.dumps(report), flush=True))
from desktop.app import main
sys.exit(main(sys.argv[1:]))
"""


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"), "QT_QPA_PLATFORM": "offscreen", "BULKDESK_LOG_LEVEL": "warning",
            "PYTHONPATH": str(ROOT), **extra}


def _crash_app(home: Path, server: str) -> subprocess.CompletedProcess:
    """Start the app, wait for its window, kill it with SIGSEGV (as a native crash would end it)."""
    app = subprocess.Popen([sys.executable, "-m", "desktop", "--server", server], cwd=ROOT, env=_env(home),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert app.stdout is not None
        lines = []
        for line in app.stdout:
            lines.append(line)
            if line.startswith("BULKDESK_SHOWN"):
                break
        else:
            raise AssertionError("the window never showed:\n" + "".join(lines))
        os.kill(app.pid, signal.SIGSEGV)
        rest = app.communicate(timeout=60)[0]
        return subprocess.CompletedProcess(app.args, app.returncode, "".join(lines) + rest)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)


def test_a_native_crash_leaves_a_report_that_the_next_start_offers_once(tmp_path):
    home = tmp_path / "home"
    data = home / "data" / "Bulkdesk"
    server = f"http://127.0.0.1:{free_port()}"  # nobody answers: the app runs offline
    crashed = _crash_app(home, server)
    assert crashed.returncode == -signal.SIGSEGV, crashed.stdout
    log = (data / LOG_NAME).read_text()
    assert "Fatal Python error: Segmentation fault" in log
    assert "Current thread" in log and 'File "' in log and "main" in log  # every thread's Python stack

    started = subprocess.run([sys.executable, "-c", LAUNCHER, "--server", server], cwd=ROOT, env=_env(home),
                             capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stdout + started.stderr
    report = json.loads(next(x for x in started.stdout.splitlines() if x.startswith("REPORT ")).removeprefix("REPORT "))
    notice = report["notice"]
    assert notice["title"] == "Bulkdesk closed unexpectedly"
    assert notice["painted_before"] and not notice["modal"]  # after the first paint, the window usable
    assert "Fatal Python error: Segmentation fault" in notice["details"]
    assert report["clipboard"] == notice["details"]
    # told once: the report is kept as crash-<time>.log, and this clean run left no crash.log
    assert not (data / LOG_NAME).exists()
    archived = list(data.glob("crash-*.log"))
    assert len(archived) == 1 and "Segmentation fault" in archived[0].read_text()
    assert CrashLog(data).start() is None


def test_only_the_newest_reports_are_kept_and_a_kill_without_a_crash_tells_nothing(tmp_path):
    folder = tmp_path / "data"
    for n in range(ARCHIVES_KEPT + 3):
        folder.mkdir(exist_ok=True)
        (folder / LOG_NAME).write_text(f"Bulkdesk started now\nFatal Python error: Aborted {n}\n")
        crash = CrashLog(folder)
        report = crash.start()
        assert report is not None and f"Aborted {n}" in report.text
        crash.stop()
    assert len(crash.archives()) == ARCHIVES_KEPT
    assert "Aborted 7" in crash.archives()[0].read_text()
    crash = CrashLog(folder)
    assert crash.start() is None  # the last run exited cleanly
    crash.stop()
    assert not (folder / LOG_NAME).exists()
    (folder / LOG_NAME).write_text("Bulkdesk started then (pid 1)\n")  # SIGKILLed: only the header
    again = CrashLog(folder)
    assert again.start() is None
    again.stop()
    assert len(again.archives()) == ARCHIVES_KEPT


class _FolderRecorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def _notice(qtbot, tmp_path: Path):
    from desktop.views.errors.crash_notice import show_crash_notice

    path = tmp_path / "crash-20261202-101500-000000.log"
    text = ("Bulkdesk started 2026-12-02 10:14:58 +0000 (pid 4242, Python 3.11.2, linux)\n"
            "Fatal Python error: Segmentation fault\n\nThread 0x00007f3a (most recent call first):\n"
            '  File "desktop/views/background/tasks.py", line 120 in run\n\nCurrent thread 0x00007f3b (most recent call'
            ' first):\n  File "desktop/app.py", line 860 in main\n')
    path.write_text(text)
    notice = show_crash_notice(CrashReport(text, path))
    qtbot.addWidget(notice)
    qtbot.waitExposed(notice)
    return notice, text


def test_the_notice_copies_the_report_and_opens_its_folder(qtbot, tmp_path):
    notice, text = _notice(qtbot, tmp_path)
    assert not notice.isModal()
    notice.copy_button.click()
    assert QGuiApplication.clipboard().text() == text
    assert notice.copy_button.text() == "Copied"
    recorder = _FolderRecorder()
    QDesktopServices.setUrlHandler("file", recorder, "open")
    try:
        notice.folder_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in recorder.urls] == [str(tmp_path)]
    if os.environ.get("BULKDESK_SCREENSHOTS"):
        notice.grab().save(os.path.join(os.environ["BULKDESK_SCREENSHOTS"], "crash-notice-en.png"))
    notice.close()


def test_the_notice_speaks_french(qtbot, tmp_path, qapp):
    from desktop.views.locale.i18n import install_translations

    translators = install_translations(qapp, "fr")
    try:
        notice, _ = _notice(qtbot, tmp_path)
        assert notice.windowTitle() == "Bulkdesk s’est fermé de manière inattendue"
        assert notice.copy_button.text() == "Copier les détails"
        assert notice.folder_button.text() == "Ouvrir le dossier"
        if os.environ.get("BULKDESK_SCREENSHOTS"):
            notice.grab().save(os.path.join(os.environ["BULKDESK_SCREENSHOTS"], "crash-notice-fr.png"))
        notice.close()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        install_translations(qapp, "en")


def test_ctrl_q_quits_from_the_notice_too(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop.views.errors.crash_notice import show_crash_notice
    from desktop.views.shell.placeholders import placeholder_pages
    from desktop.views.window.main_window import MainWindow

    window = MainWindow(placeholder_pages())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    path = tmp_path / "crash-20261202-101500-000000.log"
    path.write_text("Fatal Python error: Aborted\n")
    notice = show_crash_notice(CrashReport("Fatal Python error: Aborted\n", path), window)
    qtbot.addWidget(notice)
    notice.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is notice.windowHandle())
    with qtbot.waitSignal(window.quit_requested, timeout=2000):
        QTest.keyClick(notice.details, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
