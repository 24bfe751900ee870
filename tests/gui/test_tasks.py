"""QueryOp / MutationOp: results on the GUI thread, failures to the error channel, dropped results."""

from __future__ import annotations

import threading

import httpx
from PySide6.QtWidgets import QPushButton, QWidget

from desktop.api_client import OfflineError
from desktop.views.background.tasks import MutationOp, QueryOp, mutations


def test_query_op_runs_in_a_worker_and_delivers_on_the_gui_thread(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread()
        return 42

    def success(result: int) -> None:
        seen["result"] = result
        seen["delivery"] = threading.current_thread()

    op = QueryOp(parent, work, success)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert seen["result"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert seen["delivery"] is threading.main_thread()


def test_failure_callback_gets_the_exception(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    got: list[BaseException] = []

    def boom() -> None:
        raise ValueError("nope")

    op = QueryOp(parent, boom, lambda _r: None, got.append)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert len(got) == 1 and isinstance(got[0], ValueError)


def test_failure_without_callback_goes_to_the_one_error_dialog(qtbot, error_channel):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()

    def boom() -> None:
        raise RuntimeError("worker exploded")

    dialogs = []
    error_channel.dialog_shown.connect(dialogs.append)
    op = QueryOp(parent, boom, lambda _r: None)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert len(dialogs) == 1
    assert "worker exploded" in dialogs[0].details_text()
    dialogs[0].close()  # a child of ``parent``: closed here, deleted with it


def test_offline_error_goes_to_the_banner_signal_not_a_dialog(qtbot, error_channel):
    parent = QWidget()
    qtbot.addWidget(parent)

    def offline() -> None:
        raise OfflineError("GET /offers: connection refused")

    dialogs: list = []
    error_channel.dialog_shown.connect(dialogs.append)
    op = QueryOp(parent, offline, lambda _r: None)
    with qtbot.waitSignal(error_channel.offline, timeout=5000) as blocker:
        op.run_in_background()
    assert isinstance(blocker.args[0], OfflineError)
    assert dialogs == [] and error_channel.dialog is None


def test_result_dropped_when_the_parent_is_destroyed(qtbot):
    parent = QWidget()
    release = threading.Event()
    called: list[object] = []

    def slow() -> str:
        release.wait(10)
        return "late"

    op = QueryOp(parent, slow, called.append, called.append)
    op.run_in_background()
    parent.deleteLater()
    qtbot.waitUntil(lambda: op._parent_gone, timeout=5000)
    with qtbot.waitSignal(op.finished, timeout=5000):
        release.set()
    assert called == []


def test_cancel_drops_the_result_and_sets_the_event(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    called: list[object] = []
    op = QueryOp(parent, lambda: op.cancel_event.wait(10), called.append)
    op.run_in_background()
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.cancel()
    assert called == []


def test_mutations_run_in_order_block_their_widget_and_announce_themselves(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    button = QPushButton("Order", parent)
    order: list[int] = []
    gate = threading.Event()

    def first() -> None:
        gate.wait(10)
        order.append(1)

    op1 = MutationOp(parent, first, block=button, label="first")
    op2 = MutationOp(parent, lambda: order.append(2), label="second")
    labels: list[str] = []
    mutations.changed.connect(labels.append)
    try:
        op1.run_in_background()
        op2.run_in_background()
        assert not button.isEnabled()
        with qtbot.waitSignal(op2.finished, timeout=5000):
            gate.set()
        assert order == [1, 2]
        assert button.isEnabled()
        assert labels == ["first", "second"]
    finally:
        mutations.changed.disconnect(labels.append)


def test_real_network_offline_error_from_the_client(qtbot, error_channel):
    """A refused connection through the real client ends as the offline signal."""
    from desktop.api_client import ClientConfig, MarketplaceClient
    from desktop.models.infrastructure.demo_server import free_port

    client = MarketplaceClient(ClientConfig(f"http://127.0.0.1:{free_port()}", max_retries=0))
    parent = QWidget()
    qtbot.addWidget(parent)
    try:
        with qtbot.waitSignal(error_channel.offline, timeout=10_000):
            QueryOp(parent, client.catalog.health, lambda _r: None).run_in_background()
    finally:
        client.close()
    assert httpx  # the client is httpx underneath


def test_progress_reported_from_the_worker_arrives_on_the_gui_thread_in_order(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[tuple[int, bool]] = []
    box: list = []

    def work() -> str:
        for step in range(50):
            box[0](step)
        return "done"

    op = QueryOp(parent, work, lambda _r: None,
                 progress=lambda step: seen.append((step, threading.current_thread() is threading.main_thread())))
    box.append(op.progress_reporter())
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert [step for step, _ in seen] == list(range(50))
    assert all(on_gui for _, on_gui in seen)


def test_result_dropped_when_the_callbacks_object_is_destroyed(qtbot, error_channel):
    """The op's parent lives, but the callback is a method of a Qt object that is gone: it is not called
    (called, it would raise "Internal C++ object already deleted" into an error dialog)."""
    import shiboken6
    from PySide6.QtCore import QObject

    class Receiver(QObject):
        def take(self, result: object) -> None:
            self.setObjectName(str(result))

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    dialogs: list = []
    error_channel.dialog_shown.connect(dialogs.append)
    receiver = Receiver()
    release = threading.Event()
    op = QueryOp(parent, lambda: release.wait(10), receiver.take)
    op.run_in_background()
    shiboken6.delete(receiver)
    with qtbot.waitSignal(op.finished, timeout=5000):
        release.set()
    assert dialogs == []


def test_an_error_reported_from_a_thread_reaches_the_channel_installed_when_it_arrives(qtbot, error_channel):
    """A thread reports to the channel it found; that channel is replaced meanwhile: the report is not lost."""
    from desktop.views.errors import channel as errors
    from desktop.views.errors.channel import ErrorChannel

    old = ErrorChannel()
    old.install()
    replacement_seen: list[BaseException] = []
    gate = threading.Event()

    def reporter() -> None:
        gate.wait(10)
        old.report(OfflineError("from a thread"))

    thread = threading.Thread(target=reporter)
    thread.start()
    old.uninstall()
    import shiboken6

    shiboken6.delete(old)
    error_channel.install()
    error_channel.offline.connect(replacement_seen.append)
    with qtbot.waitSignal(error_channel.offline, timeout=5000):
        gate.set()
        thread.join()
    assert [str(e) for e in replacement_seen] == ["from a thread"]
    assert errors.current_channel() is error_channel


def test_shutdown_drops_results_still_to_come_and_waits_for_the_workers(qtbot):
    from desktop.views.background import gui_thread, tasks

    parent = QWidget()
    qtbot.addWidget(parent)
    called: list[object] = []
    release = threading.Event()
    op = QueryOp(parent, lambda: release.wait(10) and "late", called.append, called.append)
    op.run_in_background()
    assert tasks.running_ops() == 1
    threading.Timer(0.05, release.set).start()
    try:
        assert tasks.shutdown(5000)  # the worker ended within the wait
        assert tasks.running_ops() == 0
        qtbot.wait(50)  # events run: the late result is not delivered
        assert called == []
    finally:
        gui_thread.start()  # the next tests' ops are delivered again
    done: list[int] = []
    with qtbot.waitSignal(QueryOp(parent, lambda: 7, done.append).run_in_background().finished, timeout=5000):
        pass
    assert done == [7]


def test_with_context_hands_the_work_its_cancel_state_and_a_progress_reporter(qtbot):
    """``with_context``: the work takes the op's OpContext; ``report`` reaches ``progress`` on the GUI thread,
    ``cancelled()`` turns true when the op is cancelled (and the result is dropped)."""
    from desktop.views.background.tasks import OpContext

    parent = QWidget()
    qtbot.addWidget(parent)
    reported = threading.Event()
    seen: dict[str, object] = {}
    steps: list[tuple[int, bool]] = []
    called: list[object] = []

    def work(context: OpContext) -> str:
        seen["context"] = context
        seen["before"] = context.cancelled()
        context.report(1)
        reported.wait(10)
        for _ in range(1000):  # bounded: the test's cancel() comes long before
            if context.cancelled():
                seen["after"] = True
                break
            reported.wait(0.01)
        return "late"

    def progress(step: int) -> None:
        steps.append((step, threading.current_thread() is threading.main_thread()))

    op = QueryOp.with_context(parent, work, called.append, progress=progress)
    assert isinstance(op, QueryOp)
    op.run_in_background()
    qtbot.waitUntil(lambda: steps == [(1, True)], timeout=5000)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.cancel()
        reported.set()
    assert isinstance(seen["context"], OpContext)
    assert seen["before"] is False
    assert seen["after"] is True
    assert called == []


def test_with_context_delivers_the_result_and_zero_arg_ops_still_work(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    got: list[object] = []
    op = QueryOp.with_context(parent, lambda context: ("ok", context.cancelled()), got.append)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    plain = QueryOp(parent, lambda: "plain", got.append)
    with qtbot.waitSignal(plain.finished, timeout=5000):
        plain.run_in_background()
    assert got == [("ok", False), "plain"]


def test_mutation_with_context_blocks_its_widget_announces_and_reports(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    button = QPushButton("Send", parent)
    steps: list[str] = []
    labels: list[str] = []
    got: list[object] = []

    def work(context) -> int:
        context.report("half")
        return 7

    op = MutationOp.with_context(parent, work, got.append, block=button, label="sent", progress=steps.append)
    assert isinstance(op, MutationOp)
    mutations.changed.connect(labels.append)
    try:
        with qtbot.waitSignal(op.finished, timeout=5000):
            op.run_in_background()
            assert not button.isEnabled()
    finally:
        mutations.changed.disconnect(labels.append)
    assert got == [7]
    assert steps == ["half"]
    assert labels == ["sent"]
    assert button.isEnabled()
