"""A stress run of the task runner's worker → GUI-thread delivery, in a process of its own.

    python -X faulthandler -m tests.gui.stress_tasks [--rounds N] [--seed S]

A native crash (a Qt object touched or deleted by a worker while the GUI thread deletes it) kills this
process, not the test run that started it: ``tests/gui/test_tasks_stress.py`` asserts a clean exit.

Each round:
* ops: a few thousand queries and mutations whose work takes 0-2 ms (some fail, some return objects),
  their parents destroyed while the work runs, some ops cancelled;
* sync: a SyncController whose engine reports progress from its worker hundreds of times, the
  controller flipped offline and online (and its probe answering) while the sync runs, then destroyed
  in the middle of a sync;
* errors reported from plain Python threads to the error channel while it is replaced.
The last round ends with a few hundred ops still running and the application quitting under them.
Exit 0 only when every delivered result was the one its op computed and none came to a dead parent.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import threading
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.views.background import tasks
from desktop.views.errors.channel import ErrorChannel

#: work "takes" its delay by waiting on an event nobody sets
_NEVER = threading.Event()


class Failure(Exception):
    pass


THREAD_REPORTS = 60


class _ErrorCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0
        self.first = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if not self.first:
            self.first = record.getMessage() + (f" {record.exc_info[1]!r}" if record.exc_info else "")


class Tally:
    def __init__(self) -> None:
        self.delivered = 0
        self.failed = 0
        self.wrong: list[str] = []


def _spin_until(app: QApplication, condition, timeout_s: float) -> bool:
    """Run a real event loop (deferred deletions happen there, as in the app) until ``condition``."""
    if condition():
        return True
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(1)
    poll.timeout.connect(lambda: condition() and loop.quit())
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    poll.start()
    loop.exec()
    poll.stop()
    return condition()


def _describe_running() -> str:
    from desktop.views.background import gui_thread

    ops = [f"{type(op).__name__}#{op._id} started={op._started} cancelled={op._cancelled}"
           for op in list(tasks._RUNNING.values())[:5]]
    return (f"{ops}; queued {len(gui_thread._inbox)}, wake pending {gui_thread._wake_pending}, "
            f"open {gui_thread._open}, pool active {tasks.QThreadPool.globalInstance().activeThreadCount()}")


def round_of_ops(app: QApplication, rng: random.Random, tally: Tally, count: int) -> None:
    parents = [QWidget() for _ in range(24)]
    doomed = set(rng.sample(range(len(parents)), len(parents) // 2))
    alive_checks: list[tuple[int, Any]] = []

    def make_work(i: int):
        delay = rng.random() * 0.002
        kind = i % 7

        def work() -> Any:
            if delay > 0.001:
                _NEVER.wait(delay)
            if kind == 3:
                raise Failure(f"op {i}")
            if kind == 5:
                return QObject.__name__, [i] * 8  # a bigger payload
            return i

        return work

    def success_for(i: int, parent_index: int):
        def success(result: Any) -> None:
            tally.delivered += 1
            if parent_index in doomed and not shiboken6.isValid(parents_ref[parent_index]):
                tally.wrong.append(f"op {i} delivered to a destroyed parent")
            value = result[1][0] if isinstance(result, tuple) else result
            if value != i:
                tally.wrong.append(f"op {i} got {result!r}")

        return success

    def failure_for(i: int):
        def failure(exc: BaseException) -> None:
            tally.failed += 1
            if not (isinstance(exc, Failure) and str(exc) == f"op {i}"):
                tally.wrong.append(f"op {i} failed with {exc!r}")

        return failure

    parents_ref = parents
    ops: list[tasks._BackgroundOp] = []
    for i in range(count):
        p = rng.randrange(len(parents))
        while not shiboken6.isValid(parents[p]):  # new ops go to parents still alive
            p = rng.randrange(len(parents))
        cls = tasks.MutationOp if i % 11 == 0 else tasks.QueryOp
        op = cls(parents[p], make_work(i), success_for(i, p), failure_for(i))
        op.run_in_background()
        ops.append(op)
        alive_checks.append((p, op))
        if i % 97 == 0:
            op.cancel()
        if i == count // 3:
            for d in doomed:  # half of the parents go while their ops run
                if d % 2:
                    parents[d].deleteLater()
                else:
                    shiboken6.delete(parents[d])
            _spin_until(app, lambda: False, 0.01)
        elif i % 50 == 0:
            _spin_until(app, lambda: False, 0.002)  # deliveries (and deferred deletions) while ops start
    del ops
    if not _spin_until(app, lambda: tasks.running_ops() == 0, 30):
        raise SystemExit(f"ops never delivered: {tasks.running_ops()} left: {_describe_running()}")
    for index, parent in enumerate(parents):
        if index not in doomed and shiboken6.isValid(parent):
            parent.deleteLater()
    app.processEvents()


class FakeEngine:
    """A sync engine whose work is progress reports from the worker: what the real one does per page."""

    def __init__(self, pages: int) -> None:
        self.pages = pages
        self.needs_full_sync = False

    def sync(self, progress, cancelled):
        from desktop.models.catalog_cache.sync import SyncResult

        for page in range(self.pages):
            if cancelled():
                return SyncResult(full=False, pages=page, upserted=page, deleted=0, duration=0.0, cancelled=True)
            progress(page, self.pages)
        return SyncResult(full=False, pages=self.pages, upserted=self.pages, deleted=0, duration=0.0)


class FakeCatalog:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def health(self) -> dict[str, str]:
        if self.rng.random() < 0.5:
            from desktop.api_client import OfflineError

            raise OfflineError("GET /health: connection refused")
        return {"status": "ok"}


class FakeClient:
    def __init__(self, rng: random.Random) -> None:
        self.catalog = FakeCatalog(rng)


class FakeCache:
    was_rebuilt = False

    def last_synced_at(self) -> None:
        return None


def round_of_syncs(app: QApplication, rng: random.Random, syncs: int) -> None:
    from desktop.views.catalog.sync_controller import SyncController

    window = QWidget()
    controllers = []
    for n in range(syncs):
        controller = SyncController(FakeEngine(rng.randrange(50, 400)), FakeClient(rng), FakeCache(),
                                    shortcut_parent=window, probe_interval_ms=1)
        controllers.append(controller)
        controller.sync_now()
        for _ in range(rng.randrange(1, 6)):  # offline / online flips while it runs
            _spin_until(app, lambda: False, 0.002)
            controller.went_offline()
            controller.probe()
            _spin_until(app, lambda: False, 0.002)
            controller.connectivity.reached()
            controller.sync_now()
        if n % 3 == 0:
            shiboken6.delete(controller)  # destroyed in the middle of a sync
        elif n % 3 == 1:
            controller.deleteLater()
    app.processEvents()
    for controller in controllers:  # the survivors stop probing (offline, they probe every 1 ms)
        if shiboken6.isValid(controller):
            controller.stop()
    if not _spin_until(app, lambda: tasks.running_ops() == 0, 30):
        raise SystemExit(f"syncs never finished: {tasks.running_ops()} ops left: {_describe_running()}")
    for controller in controllers:
        if shiboken6.isValid(controller):
            controller.deleteLater()
    window.deleteLater()
    app.processEvents()


def round_of_thread_errors(app: QApplication, reports: int) -> int:
    """Plain threads report errors while the channel is replaced; each report reaches a channel."""
    seen: list[BaseException] = []
    channels = []

    def install() -> ErrorChannel:
        channel = ErrorChannel()
        channel.offline.connect(seen.append)
        channel.install()
        channels.append(channel)
        return channel

    install()
    from desktop.api_client import OfflineError

    def reporter(n: int) -> None:
        from desktop.views.errors import channel as errors

        errors.report_exception(OfflineError(f"report {n}"))

    threads = [threading.Thread(target=reporter, args=(n,)) for n in range(reports)]
    for n, thread in enumerate(threads):
        thread.start()
        if n % 10 == 0:  # a new channel; the old one is uninstalled and deleted while threads report
            old = channels[-1]
            install()
            old.uninstall()
            old.deleteLater()
            app.processEvents()
    for thread in threads:
        thread.join()
    _spin_until(app, lambda: False, 0.3)  # let the queued reports arrive
    for channel in channels:
        if shiboken6.isValid(channel):
            channel.uninstall()
            channel.deleteLater()
    app.processEvents()
    return len(seen)


def quit_under_running_ops(app: QApplication, rng: random.Random, count: int) -> None:
    """The app quits while ops still run: their results are dropped, nothing crashes."""
    parent = QWidget()
    for i in range(count):
        delay = rng.random() * 0.02

        def work(delay: float = delay, i: int = i) -> int:
            _NEVER.wait(delay)
            return i

        tasks.QueryOp(parent, work, lambda _r: None).run_in_background()
    QTimer.singleShot(5, app.quit)
    QTimer.singleShot(5, parent.deleteLater)
    app.exec()


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser()
    args.add_argument("--rounds", type=int, default=3)
    args.add_argument("--ops", type=int, default=3000)
    args.add_argument("--syncs", type=int, default=30)
    args.add_argument("--seed", type=int, default=None)
    args.add_argument("--switch-interval", type=float, default=2e-5)
    options = args.parse_args(argv)
    seed = options.seed if options.seed is not None else random.randrange(1 << 30)
    print(f"stress seed {seed}", flush=True)
    rng = random.Random(seed)
    # hand the GIL over every 20 µs (not 5 ms): threads interleave at many more points, so a race
    # between a worker and the GUI thread shows in seconds instead of one CI run in three
    sys.setswitchinterval(options.switch_interval)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    tally = Tally()
    errors_logged = _ErrorCount()
    logging.getLogger("desktop").addHandler(errors_logged)
    reported = 0
    started = time.monotonic()
    for _ in range(options.rounds):
        round_of_ops(app, rng, tally, options.ops)
        round_of_syncs(app, rng, options.syncs)
        reported += round_of_thread_errors(app, THREAD_REPORTS)
    quit_under_running_ops(app, rng, 400)
    QCoreApplication.processEvents()
    print(f"delivered {tally.delivered}, failed {tally.failed}, thread reports {reported}, "
          f"{time.monotonic() - started:.1f} s", flush=True)
    if tally.wrong:
        print("WRONG:", *tally.wrong[:20], sep="\n  ")
        return 1
    if errors_logged.count:  # e.g. a callback run on a controller already destroyed
        print(f"{errors_logged.count} errors logged by the app; the first: {errors_logged.first}")
        return 1
    if reported != THREAD_REPORTS * options.rounds:
        print(f"{THREAD_REPORTS * options.rounds - reported} error reports from threads were lost")
        return 1
    if tally.delivered == 0 or tally.failed == 0:
        print("nothing was delivered: the run proves nothing")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
