"""Background work in two shapes, after Anki's ``aqt/operations``: :class:`QueryOp` and :class:`MutationOp`.

    QueryOp(parent=self, op=lambda: client.catalog.offer(offer_id),
            success=self.show_offer).run_in_background()

    MutationOp(parent=self, op=lambda: client.orders.cancel(ref, reason),
               success=self.on_cancelled, block=self.cancel_button).run_in_background()

* ``op`` is a plain callable run in a QThreadPool worker. It must not touch widgets. (It may hold
  some: the op keeps its own reference to ``op`` until the worker has let go of it, so the last
  reference to anything the callable holds is always dropped on the GUI thread.)
* ``success(result)`` / ``failure(exception)`` run on the GUI thread: the worker posts the outcome,
  naming its op by id, to the one long-lived dispatcher of :mod:`.gui_thread` (no Qt object is made,
  held or deleted on a worker's behalf). Without ``failure``, errors go to the one error channel (:mod:`.errors`): an
  :class:`~desktop.api_client.OfflineError` shows the offline banner, an
  :class:`~desktop.api_client.AuthExpiredError` asks to sign in again, anything else one dialog.
* When ``parent`` is destroyed before the work ends, the result is dropped (nothing is called); so it is
  when the callback is a method of a Qt object that is gone.
* Work that watches for a cancel or reports progress is started with :meth:`~QueryOp.with_context`: its
  callable takes the op's :class:`OpContext`, ``work(context)``, with ``context.cancelled()`` and
  ``context.report(*args)`` (``progress(*args)`` then runs on the GUI thread). The context holds no Qt
  object, only the op's id and its cancel event. (:meth:`progress_reporter` and :attr:`cancel_event`
  are the same two things, for a caller that builds its callable by hand.)

      QueryOp.with_context(self, lambda context: engine.sync(progress=context.report,
                                                             cancelled=context.cancelled),
                           self.synced, progress=self.show_progress).run_in_background()

* :func:`shutdown` at quit: results still to come are dropped.
* :meth:`cancel` drops the result too; the callable itself keeps running unless it watches
  ``context.cancelled()`` (or :attr:`cancel_event`, a :class:`threading.Event`).
* ``finished`` is emitted after delivery (or after dropping): tests wait on it.

Queries run in parallel in the global pool; mutations run one at a time, in the order they were
started, in a pool of their own, and announce themselves on :data:`mutations` when they succeed so that
other views can refresh.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any, ClassVar, Self

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from desktop.views.background import gui_thread
from desktop.views.errors import channel as errors

__all__ = [
    "MutationOp", "OpContext", "QueryOp", "freeze_start_up_objects", "mutations", "running_ops", "shutdown", "wait_all",
]

log = logging.getLogger(__name__)

def freeze_start_up_objects() -> None:
    """Once the window and its pages are built: keep their objects out of Python's full collections.

    A worker allocating fast (a sync parses 100,000 offers) makes Python run full garbage collections
    every second or so; each walked every object of the app, ~50 ms holding the lock that the GUI thread
    needs to run at all: the window froze that long. The objects alive after start-up live until the app
    quits; :func:`gc.freeze` moves them to a generation no collection walks (collections take ~5 ms
    after). Cycles still unreachable at that point are collected first."""
    gc.collect()
    gc.freeze()


# Ops whose work is still running, by id: a worker knows its op only by this id (it never holds a Qt
# object), and an op must outlive its Python references until delivery.
_RUNNING: dict[int, _BackgroundOp] = {}
_ids = itertools.count(1)
# the work of ops still running at shutdown(): never freed by a worker thread (see shutdown)
_ABANDONED: list[Callable[[], Any] | None] = []


def _outcome(fn: Callable[[], Any]) -> tuple[Any, BaseException | None]:
    try:
        return fn(), None
    except BaseException as exc:  # delivered to the GUI thread, never lost
        return None, exc


class _Worker(QRunnable):
    """Runs one op's callable in a pool thread and posts the outcome to the GUI thread by the op's id.

    It holds no Qt object: the op (GUI thread) holds the callable too, and lets go of it on delivery;
    this thread lets go of its reference first, and hands the outcome over in one step (see
    :mod:`.gui_thread`), so the last reference to anything the callable reached is dropped on the GUI
    thread."""

    def __init__(self, op_id: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._op_id = op_id
        self._fn: Callable[[], Any] | None = fn

    def run(self) -> None:
        # No local names the callable or its outcome: the call's frame lets go of the callable when it
        # returns, and the outcome goes from this frame's stack straight into the queue.
        gui_thread.post(functools.partial(_deliver, self._op_id, *_outcome(self._take())))
        gui_thread.wake()

    def _take(self) -> Callable[[], Any]:
        fn, self._fn = self._fn, None
        if fn is None:
            raise RuntimeError("a worker runs once")
        return fn


def _deliver(op_id: int, result: object, error: BaseException | None) -> None:
    """On the GUI thread: the op's outcome to its callbacks (or dropped, see :class:`_BackgroundOp`)."""
    op = _RUNNING.pop(op_id, None)
    if op is not None:
        op._deliver(result, error)


def _report_progress(op_id: int, *args: object) -> None:
    """From the op's worker (any thread): its progress, to the GUI thread by the op's id."""
    gui_thread.post(functools.partial(_progress, op_id, args))
    gui_thread.wake()


def _progress(op_id: int, args: tuple[object, ...]) -> None:
    op = _RUNNING.get(op_id)
    if op is not None:
        op._deliver_progress(args)


class OpContext:
    """What an op hands its work (:meth:`QueryOp.with_context`): ``cancelled()`` and ``report(*args)``.

    Plain Python, safe to use from the worker thread: it names its op by id (a worker never holds a Qt
    object) and shares the op's :class:`threading.Event`."""

    __slots__ = ("_cancel_event", "_op_id")

    def __init__(self, op_id: int, cancel_event: threading.Event) -> None:
        self._op_id = op_id
        self._cancel_event = cancel_event

    def cancelled(self) -> bool:
        """True once the op was cancelled (:meth:`QueryOp.cancel`, or :func:`shutdown`)."""
        return self._cancel_event.is_set()

    def report(self, *args: object) -> None:
        """From the work's thread: ``progress(*args)`` runs on the GUI thread soon after (not after
        delivery, nor once cancelled); nothing happens for an op without ``progress``."""
        _report_progress(self._op_id, *args)


def _no_work() -> None:  # the op's callable until with_context() binds the real one (never run)
    raise RuntimeError("an op made by with_context runs its bound work")


def _receiver_alive(callback: Callable[..., Any] | None) -> bool:
    """False for a bound method of a Qt object that is gone: its result has nobody left to update."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class _MutationHub(QObject):
    """``changed(label)`` after every successful MutationOp, for views that show what it changed."""

    changed = Signal(str)


class _LazyHub:
    _hub: _MutationHub | None = None

    def __getattr__(self, name: str) -> Any:
        if _LazyHub._hub is None:
            _LazyHub._hub = _MutationHub()
        return getattr(_LazyHub._hub, name)


# ``mutations.changed.connect(slot)``: slot(label) runs after a MutationOp succeeded.
mutations = _LazyHub()


class _BackgroundOp(QObject):
    finished = Signal()

    _pool: ClassVar[QThreadPool | None] = None

    # ``Any`` here is genuinely arbitrary: an op returns whatever its work does (a client's answer, ids,
    # a sync result…), handed to ``success`` as it is; what the callbacks return is ignored.
    def __init__(
        self,
        parent: QObject | None,
        op: Callable[[], Any],
        success: Callable[[Any], Any] | None = None,
        failure: Callable[[BaseException], Any] | None = None,
        *,
        progress: Callable[..., Any] | None = None,
    ) -> None:
        # Not a Qt child of ``parent``: the op must survive it to drop the result safely.
        super().__init__(None)
        self._id = next(_ids)
        self._parent = parent
        self._parent_gone = parent is not None and not shiboken6.isValid(parent)
        self._op: Callable[[], Any] | None = op
        self._success = success
        self._failure = failure
        self._progress = progress
        self._started = False
        self._cancelled = False
        self.cancel_event = threading.Event()

    @classmethod
    def with_context(
        cls,
        parent: QObject | None,
        op: Callable[[OpContext], Any],
        success: Callable[[Any], Any] | None = None,
        failure: Callable[[BaseException], Any] | None = None,
        *,
        progress: Callable[..., Any] | None = None,
    ) -> Self:
        """An op whose work takes its :class:`OpContext`: ``op(context)`` runs in the worker."""
        return cls(parent, _no_work, success, failure, progress=progress)._bind(op)

    def _bind(self, op: Callable[[OpContext], Any]) -> Self:
        if self._started:
            raise RuntimeError("an op's work is bound before it runs")
        self._op = functools.partial(op, self.context())
        return self

    # -- public ------------------------------------------------------------------------------------
    def context(self) -> OpContext:
        """This op's :class:`OpContext` (what :meth:`with_context` hands the work)."""
        return OpContext(self._id, self.cancel_event)

    def run_in_background(self) -> Self:
        if self._started:
            raise RuntimeError("an op runs once")
        self._started = True
        gui_thread.start()
        # watched only while it runs: _finish() lets go of the parent and this connection, always
        # before the op can be freed (a freed op still connected to a dead parent crashed PySide)
        if self._parent is not None and not self._parent_gone:
            self._parent.destroyed.connect(self._on_parent_destroyed)
        _RUNNING[self._id] = self
        self._before_start()
        self.pool().start(_Worker(self._id, self._op))
        return self

    def progress_reporter(self) -> Callable[..., None]:
        """A function for the work to call from its thread, ``report(*args)``: ``progress(*args)`` runs
        on the GUI thread soon after (not after delivery, nor once cancelled). It names the op by id only."""
        return functools.partial(_report_progress, self._id)

    def cancel(self) -> None:
        """Drop the result when it comes, and set :attr:`cancel_event` for cooperative ops."""
        self._cancelled = True
        self.cancel_event.set()

    @property
    def is_running(self) -> bool:
        return _RUNNING.get(self._id) is self

    @classmethod
    def pool(cls) -> QThreadPool:
        return QThreadPool.globalInstance()

    # -- internals ---------------------------------------------------------------------------------
    def _before_start(self) -> None:
        pass

    def _after_delivery(self, ok: bool) -> None:
        pass

    def _on_parent_destroyed(self, *_: object) -> None:
        self._parent_gone = True

    def _parent_alive(self) -> bool:
        if self._parent is None:
            return True
        return not self._parent_gone and shiboken6.isValid(self._parent)

    def _deliver_progress(self, args: tuple[object, ...]) -> None:
        if self._progress is None or self._cancelled or not self._parent_alive():
            return
        if not _receiver_alive(self._progress):
            return
        self._call(self._progress, *args)

    def _deliver(self, result: object, error: BaseException | None) -> None:
        _RUNNING.pop(self._id, None)
        self._op = None  # let go of the work (the worker did already) on this, the GUI, thread
        ok = error is None
        callback = self._success if error is None else self._failure
        try:
            if self._cancelled:
                log.debug("result of a cancelled op dropped")
            elif not self._parent_alive() or not _receiver_alive(callback):
                log.debug("result dropped: the parent (or the callback's object) was destroyed")
                if error is not None:
                    log.info("error of an op whose parent was destroyed", exc_info=error)
            elif error is not None:
                if self._failure is not None:
                    self._call(self._failure, error)
                else:
                    errors.report_exception(error, self._parent_widget())
            elif self._success is not None:
                self._call(self._success, result)
        finally:
            self._finish(ok)

    def _finish(self, ok: bool) -> None:
        """After delivery (or at shutdown): let go of the parent, the work and the callbacks, then
        ``finished``."""
        _RUNNING.pop(self._id, None)
        self._op = None
        self._after_delivery(ok)
        if self._parent is not None and self._parent_alive():
            with contextlib.suppress(RuntimeError, TypeError):
                self._parent.destroyed.disconnect(self._on_parent_destroyed)
        self._parent = None
        self._success = self._failure = self._progress = None
        self.finished.emit()

    def _call(self, callback: Callable[..., Any], *args: object) -> None:
        try:
            callback(*args)
        except Exception as exc:  # a bug in a callback: the error channel, not a crash
            errors.report_exception(exc, self._parent_widget())

    def _parent_widget(self) -> QWidget | None:
        parent = self._parent
        while parent is not None and not isinstance(parent, QWidget):
            parent = parent.parent()
        return parent


class QueryOp(_BackgroundOp):
    """A read or a network call whose result updates the view. Runs in parallel with other queries."""


class MutationOp(_BackgroundOp):
    """A change (an order, a cancel, a listing edit). Mutations run one at a time, in order.

    ``block`` (a button, a form) is disabled while the mutation runs, so one user action makes one
    request; ``label`` is announced on :data:`mutations` after a success.
    """

    _serial_pool: ClassVar[QThreadPool | None] = None

    def __init__(
        self,
        parent: QObject | None,
        op: Callable[[], Any],
        success: Callable[[Any], Any] | None = None,
        failure: Callable[[BaseException], Any] | None = None,
        *,
        block: QWidget | None = None,
        label: str = "",
        progress: Callable[..., Any] | None = None,
    ) -> None:
        super().__init__(parent, op, success, failure, progress=progress)
        self._block = block
        self._label = label

    @classmethod
    def with_context(
        cls,
        parent: QObject | None,
        op: Callable[[OpContext], Any],
        success: Callable[[Any], Any] | None = None,
        failure: Callable[[BaseException], Any] | None = None,
        *,
        block: QWidget | None = None,
        label: str = "",
        progress: Callable[..., Any] | None = None,
    ) -> Self:
        """A mutation whose work takes its :class:`OpContext` (see :meth:`QueryOp.with_context`)."""
        return cls(parent, _no_work, success, failure, block=block, label=label, progress=progress)._bind(op)

    @classmethod
    def pool(cls) -> QThreadPool:
        if cls._serial_pool is None:
            cls._serial_pool = QThreadPool()
            cls._serial_pool.setMaxThreadCount(1)
        return cls._serial_pool

    def _before_start(self) -> None:
        if self._block is not None:
            self._block.setEnabled(False)

    def _after_delivery(self, ok: bool) -> None:
        block, self._block = self._block, None
        if block is not None and shiboken6.isValid(block):
            block.setEnabled(True)
        if ok and not self._cancelled:
            mutations.changed.emit(self._label)


def running_ops() -> int:
    """How many ops have not delivered yet (tests wait for 0)."""
    return len(_RUNNING)


def shutdown(timeout_ms: int = 3000) -> bool:
    """At quit: every op still running is cancelled and its result dropped (no callback runs, the GUI
    thread is no longer woken), then wait up to ``timeout_ms`` for the worker threads. True if they
    all ended. A worker finishing later finds nobody to tell, by design (see :mod:`.gui_thread`)."""
    gui_thread.close()
    for op in list(_RUNNING.values()):
        op.cancel()
        # the work may still run: keep it (and whatever Qt objects its closure holds) referenced here,
        # so that its worker never drops the last reference to them
        _ABANDONED.append(op._op)
        op._finish(False)
    return wait_all(timeout_ms)


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Block until every worker thread is done (for shutdown and tests); deliveries still need events."""
    ok = QThreadPool.globalInstance().waitForDone(timeout_ms)
    if MutationOp._serial_pool is not None:
        ok = MutationOp._serial_pool.waitForDone(timeout_ms) and ok
    return ok
