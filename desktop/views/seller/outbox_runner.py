"""The outbox's sender on a worker thread, driven by the Connectivity object.

    runner = OutboxRunner(outbox, sender, connectivity, parent=page)
    runner.apply(ListingEdits(listings, edits))   # what the model makes of it, committed; then a drain
    runner.changed.connect(view.refresh)          # after every write and every drain

Views hand the runner operations (``desktop.models.seller``: ListingEdits, cell_edit, NewOffer,
DeleteOffers, UndoLast, OrderWrites, AnswerWrite, RetryEntries, DiscardEntries, Resolution; see
``models/seller/plans.py`` for what a new write of a target becomes) and read the outbox through it
(entries, get_many, open_by_target, can_undo); they never write the outbox themselves.

Held (:meth:`hold`), nothing is sent until :meth:`release`: the workspace holds a desk's runner until the
marketplace has said who it is, so that an outbox is never drained into another marketplace.

One drain at a time (the sender also holds a lock); entries queued while one runs start another when it
ends. Offline (an OfflineError from the drain, or ``connectivity.changed(False)``), nothing is sent;
when the marketplace answers again, the drain resumes by itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal

from desktop.api_client import ApiConnectionError
from desktop.models.seller import (
    DrainReport,
    Edit,
    Entry,
    ListingEdits,
    ListingsStore,
    Operation,
    Outbox,
    Sender,
    plans,
)
from desktop.views.background.tasks import QueryOp

if TYPE_CHECKING:
    from desktop.views.shell.connectivity import Connectivity

__all__ = ["OutboxRunner", "follow_runner"]

log = logging.getLogger(__name__)


class OutboxRunner(QObject):
    #: the outbox changed (an entry queued, sent, refused…): views re-read it
    changed = Signal()
    #: a drain ended (its DrainReport)
    drained = Signal(object)
    #: an operation applied on a worker thread (queued to this object's thread: the drain starts there)
    _wake = Signal()

    def __init__(self, outbox: Outbox, sender: Sender, connectivity: Connectivity | None = None,
                 parent: QObject | None = None,
                 *, auto: bool = True) -> None:
        super().__init__(parent)
        self.outbox = outbox
        self.sender = sender
        self._connectivity = connectivity
        self._auto = auto
        self.op: QueryOp | None = None
        self._again = False
        self._woken = False
        self._held = False
        self._wake.connect(self.queued, Qt.ConnectionType.QueuedConnection)
        if connectivity is not None:
            connectivity.changed.connect(self._online_changed)
            connectivity.reachable.connect(self.kick)

    @property
    def online(self) -> bool:
        return self._connectivity is None or bool(self._connectivity.online)

    @property
    def busy(self) -> bool:
        return self.op is not None

    @property
    def held(self) -> bool:
        return self._held

    def hold(self) -> None:
        """Send nothing until :meth:`release` (writes are still kept)."""
        self._held = True

    def release(self) -> None:
        """Sending allowed again: a drain starts if online."""
        self._held = False
        self.kick()

    # -- writing (the outbox first, then the drain) ----------------------------------------------------
    def apply(self, op: Operation) -> list[Entry]:
        """Write what the model says ``op`` becomes (``op.plan(outbox)``: entries queued, revised,
        discarded…), committed before this returns; then the views hear of it and a drain starts (also
        when called from a worker thread: the drain then starts on the GUI thread, once per burst).
        Returns the entries of its new writes, in its order."""
        entries = plans.write(self.outbox, op.plan(self.outbox))
        if QThread.currentThread() is self.thread():
            self.queued()
        elif not self._woken:
            self._woken = True
            self._wake.emit()  # queued to the GUI thread
        return entries

    def queue_edits(self, listings: ListingsStore, edits: Iterable[Edit], *, group_id: str | None = None,
                    label: str = "") -> list[Entry]:
        return self.apply(ListingEdits(listings, list(edits), group_id, label))

    def queued(self) -> None:
        self._woken = False
        self.changed.emit()
        if self._auto:
            self.kick()

    # -- reading (what the views show of the outbox) ------------------------------------------------------
    def entries(self, statuses: Iterable[str] | None = None, *, kind: str | None = None) -> list[Entry]:
        return self.outbox.entries(statuses, kind=kind)

    def get_many(self, ids: Sequence[int]) -> list[Entry]:
        return self.outbox.get_many(ids)

    def open_by_target(self, kinds: Iterable[str]) -> dict[str, list[Entry]]:
        return self.outbox.open_by_target(kinds)

    def can_undo(self) -> bool:
        """Whether a bulk operation is there to undo (:class:`~desktop.models.seller.UndoLast`)."""
        return self.outbox.last_group() is not None

    # -- sending --------------------------------------------------------------------------------------
    def kick(self) -> QueryOp | None:
        """Drain now (off the GUI thread) if online and not held; if a drain runs, once more after it."""
        if not self.online or self._held:
            return None
        if self.op is not None:
            self._again = True
            return None
        self._again = False
        sender, outbox = self.sender, self.outbox

        def drain() -> DrainReport:
            report = sender.drain()
            outbox.prune_sent()  # the "sent" rows the pending list shows: the last day's, at most 200
            return report

        self.op = QueryOp(self, drain, self._done, self._failed)
        self.op.finished.connect(self._finished)
        return self.op.run_in_background()  # type: ignore[return-value]

    def _done(self, report: DrainReport) -> None:
        if isinstance(report.stopped_by, ApiConnectionError) and self._connectivity is not None:
            self._again = False
            self._connectivity.went_offline(report.stopped_by)
        self.drained.emit(report)
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        log.warning("outbox drain failed: %s", exc)
        self.changed.emit()

    def _finished(self) -> None:
        self.op = None
        if self._again:
            self.kick()

    def _online_changed(self, online: bool) -> None:
        if online:
            self.kick()


def follow_runner(old: OutboxRunner | None, new: OutboxRunner | None, *, changed: Callable[[], None],
                  drained: Callable[[DrainReport], None]) -> None:
    """A view moves from ``old`` runner to ``new`` (another account's, or None when signed out): its
    ``changed()`` and ``drained(report)`` slots follow."""
    if old is not None:
        old.changed.disconnect(changed)
        old.drained.disconnect(drained)
    if new is not None:
        new.changed.connect(changed)
        new.drained.connect(drained)
