"""Hand work from any thread to the GUI thread, safely by construction.

    gui_thread.start()                        # once, on the GUI thread (tasks and the error channel do it)
    gui_thread.post(partial(deliver, op_id, result))         # from any thread, then
    gui_thread.wake()

One dispatcher QObject lives on the GUI thread from :func:`start` until the process ends; it is never
deleted while the process runs, so no thread can emit on, or hold the last reference to, a Qt object that
the GUI thread is deleting. (The old design made a QObject per background op and deleted it when its
result arrived: the GUI thread could delete it while the worker was still inside ``emit``, a native
crash one CI run in three.)

The rules for callers, which keep it safe:

* What is posted is a plain callable (a ``functools.partial`` of a module function, usually) whose
  arguments are plain Python values. It holds **no strong reference to a QObject**: name an op by its id,
  a channel through :func:`weakref.ref`. The GUI thread resolves them, and it alone ever drops the last
  reference to a Qt object.
* A worker hands its result over with ``post(partial(deliver, op_id, *outcome))`` and then :func:`wake`:
  ``post`` is the queue's own (C) ``append``, so the queue takes the only reference in one step under
  the GIL, and the worker never holds a result the GUI thread has already consumed and let go of.

Items run in the order they were posted, a burst in one turn of the event loop (at most what was queued
when the turn began, so a flood of results never starves input and paints). After :func:`close` (at
shutdown) posts are dropped: the workers still finishing have nobody left to tell.
"""

from __future__ import annotations

import atexit
import logging
import sys
import threading
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

__all__ = ["close", "is_gui_thread", "post", "start", "wake"]

log = logging.getLogger(__name__)

_inbox: deque[Callable[[], object]] = deque()
_lock = threading.Lock()  # guards the three below; held while a worker emits the wake-up
_open = False
_wake_pending = False
_dispatcher: _Dispatcher | None = None


class _Dispatcher(QObject):
    """The one object workers wake; it lives on the GUI thread until the process ends."""

    wake = Signal()

    def __init__(self) -> None:
        super().__init__(None)
        self.wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    def _drain(self) -> None:
        global _wake_pending
        with _lock:
            _wake_pending = False
        for _ in range(len(_inbox)):  # what is queued now; later posts woke another turn
            try:
                item = _inbox.popleft()
            except IndexError:
                return
            try:
                item()
            except Exception:  # a bug in a delivery: the error channel (sys.excepthook), never a crash
                sys.excepthook(*sys.exc_info())
            finally:
                item = None


def is_gui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def start() -> None:
    """Make the dispatcher (on the GUI thread) and accept posts. Idempotent."""
    global _dispatcher, _open
    if not is_gui_thread():
        raise RuntimeError("gui_thread.start() must run on the GUI thread")
    with _lock:
        if _dispatcher is None:
            _dispatcher = _Dispatcher()
        _open = True
        pending = bool(_inbox)
    if pending:
        wake()


def close() -> None:
    """Stop waking the GUI thread (shutdown); what was posted is dropped. A worker emitting right now
    finishes first (the lock). On the GUI thread only: dropped items are let go of here."""
    global _open
    with _lock:
        _open = False
    if is_gui_thread():
        _inbox.clear()


#: ``post(item)`` from any thread, then :func:`wake`: the queue's C ``append``, which takes the item in
#: one step (see the module's rules); nothing runs until a wake-up.
post = _inbox.append


def wake() -> bool:
    """Wake the GUI thread to run what was posted. False when closed (shutdown): nothing will run."""
    global _wake_pending
    with _lock:
        if not _open or _dispatcher is None:
            return False  # left in the queue: close() empties it on the GUI thread, not here
        if not _wake_pending:
            _wake_pending = True
            # under the lock: close() cannot slip between the check and the emit. The dispatcher is
            # never deleted while the process runs, so the emit never meets a half-destroyed object.
            _dispatcher.wake.emit()
    return True


atexit.register(close)  # before the interpreter tears down modules (and the dispatcher with them)
