"""Background work in two shapes, after Anki's ``aqt/operations``: :class:`QueryOp` and :class:`MutationOp`.

    QueryOp(parent=self, op=lambda: client.catalog.offer(offer_id),
            success=self.show_offer).run_in_background()

    MutationOp(parent=self, op=lambda: client.orders.cancel(ref, reason),
               success=self.on_cancelled, block=self.cancel_button).run_in_background()

* ``op`` is a plain callable run in a QThreadPool worker. It must not touch widgets.
* ``success(result)`` / ``failure(exception)`` run on the GUI thread (the result comes back by a
  queued signal). Without ``failure``, errors go to the one error channel (:mod:`.errors`): an
  :class:`~desktop.api_client.OfflineError` shows the offline banner, an
  :class:`~desktop.api_client.AuthExpiredError` asks to sign in again, anything else one dialog.
* When ``parent`` is destroyed before the work ends, the result is dropped (nothing is called).
* :meth:`cancel` drops the result too; the callable itself keeps running unless it watches
  :attr:`cancel_event` (a :class:`threading.Event`) — pass ``op`` a closure over it.
* ``finished`` is emitted after delivery (or after dropping): tests wait on it.

Queries run in parallel in the global pool; mutations run one at a time, in the order they were
started, in a pool of their own, and announce themselves on :data:`mutations` when they succeed so that
other views can refresh.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
from collections.abc import Callable
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from . import errors

__all__ = ["MutationOp", "QueryOp", "freeze_start_up_objects", "mutations", "running_ops", "wait_all"]

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


# Ops whose work is still running: they must outlive their Python references until delivery.
_RUNNING: set[_BackgroundOp] = set()


class _Relay(QObject):
    """Lives on the GUI thread; its signal crosses from the worker thread (queued connection)."""

    done = Signal(object, object)  # result, exception


class _Worker(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        # Qt objects must die on the thread they live on. The op (GUI thread) holds the work and the
        # relay too; this thread lets go of the work before it reports, and the relay is deleted by
        # the GUI thread (deleteLater), so no last reference to either is ever released here.
        fn, relay = self._fn, self._relay
        self._fn = self._relay = None
        try:
            payload = (fn(), None)
        except BaseException as exc:  # delivered to the GUI thread, never lost
            payload = (None, exc)
        fn = None
        try:
            relay.done.emit(*payload)
        except RuntimeError:  # the relay is gone (the app quit under a running op): no one to tell
            log.debug("background op finished after its relay was deleted; result dropped")


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

    def __init__(
        self,
        parent: QObject | None,
        op: Callable[[], Any],
        success: Callable[[Any], Any] | None = None,
        failure: Callable[[BaseException], Any] | None = None,
    ) -> None:
        # Not a Qt child of ``parent``: the op must survive it to drop the result safely.
        super().__init__(None)
        self._parent = parent
        self._parent_gone = False
        self._op = op
        self._success = success
        self._failure = failure
        self._relay: _Relay | None = None
        self._started = False
        self._cancelled = False
        self.cancel_event = threading.Event()
        if parent is not None:
            parent.destroyed.connect(self._on_parent_destroyed)

    # -- public ------------------------------------------------------------------------------------
    def run_in_background(self) -> _BackgroundOp:
        if self._started:
            raise RuntimeError("an op runs once")
        self._started = True
        self._relay = _Relay()
        self._relay.done.connect(self._deliver)
        _RUNNING.add(self)
        self._before_start()
        self.pool().start(_Worker(self._op, self._relay))
        return self

    def cancel(self) -> None:
        """Drop the result when it comes, and set :attr:`cancel_event` for cooperative ops."""
        self._cancelled = True
        self.cancel_event.set()

    @property
    def is_running(self) -> bool:
        return self in _RUNNING

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

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        _RUNNING.discard(self)
        ok = error is None
        try:
            if self._cancelled:
                log.debug("result of a cancelled op dropped")
            elif not self._parent_alive():
                log.debug("result dropped: the parent was destroyed")
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
            self._after_delivery(ok)
            if self._parent is not None and self._parent_alive():
                with contextlib.suppress(RuntimeError, TypeError):
                    self._parent.destroyed.disconnect(self._on_parent_destroyed)
            self._parent = None
            if self._relay is not None:
                self._relay.deleteLater()  # on this (the GUI) thread, whatever the worker still holds
                self._relay = None
            self.finished.emit()

    def _call(self, callback: Callable[[Any], Any], arg: Any) -> None:
        try:
            callback(arg)
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
    ) -> None:
        super().__init__(parent, op, success, failure)
        self._block = block
        self._label = label

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


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Block until every worker thread is done (for shutdown and tests); deliveries still need events."""
    ok = QThreadPool.globalInstance().waitForDone(timeout_ms)
    if MutationOp._serial_pool is not None:
        ok = MutationOp._serial_pool.waitForDone(timeout_ms) and ok
    return ok
