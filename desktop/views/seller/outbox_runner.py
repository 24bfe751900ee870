"""The outbox's sender on a worker thread, driven by the Connectivity object.

    runner = OutboxRunner(outbox, sender, connectivity, parent=page)
    runner.queue_edits(listings, edits)      # written to the outbox first (committed), then a drain
    runner.changed.connect(view.refresh)     # after every queueing and every drain

One drain at a time (the sender also holds a lock); entries queued while one runs start another when it
ends. Offline (an OfflineError from the drain, or ``connectivity.changed(False)``), nothing is sent;
when the marketplace answers again, the drain resumes by itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop.api_client import ApiConnectionError
from desktop.models.seller import DrainReport, Edit, ListingRow, ListingsStore, Outbox, Sender
from desktop.models.seller import edits as seller_edits

from ..tasks import QueryOp

if TYPE_CHECKING:
    from desktop.views.connectivity import Connectivity

__all__ = ["OutboxRunner", "follow_runner"]

log = logging.getLogger(__name__)


class OutboxRunner(QObject):
    #: the outbox changed (an entry queued, sent, refused…): views re-read it
    changed = Signal()
    #: a drain ended (its DrainReport)
    drained = Signal(object)

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
        if connectivity is not None:
            connectivity.changed.connect(self._online_changed)
            if hasattr(connectivity, "reachable"):
                connectivity.reachable.connect(self.kick)

    @property
    def online(self) -> bool:
        return self._connectivity is None or bool(self._connectivity.online)

    @property
    def busy(self) -> bool:
        return self.op is not None

    # -- queueing (the outbox first, then the rest) --------------------------------------------------
    def queue_edits(self, listings: ListingsStore, edits: Iterable[Edit], *, group_id: str | None = None,
                    label: str = "") -> list[Any]:
        entries = seller_edits.queue_edits(self.outbox, listings, edits, group_id=group_id, label=label)
        self.queued()
        return entries

    def queue_create(self, offer: Mapping[str, Any]) -> Any:
        entry = seller_edits.queue_create(self.outbox, offer)
        self.queued()
        return entry

    def queue_delete(self, row: ListingRow) -> Any:
        entry = seller_edits.queue_delete(self.outbox, row)
        self.queued()
        return entry

    def enqueue(self, kind: str, target: str | int, payload: Mapping[str, Any],
                base: Mapping[str, Any] | None = None, *, label: str = "") -> Any:
        """Any kind (the other areas' writes: shipping, cancel_order, answer)."""
        entry = self.outbox.enqueue(kind, target, payload, base, label=label)
        self.queued()
        return entry

    def queued(self) -> None:
        self.changed.emit()
        if self._auto:
            self.kick()

    # -- sending --------------------------------------------------------------------------------------
    def kick(self) -> QueryOp | None:
        """Drain now (off the GUI thread) if online; if a drain runs, once more after it."""
        if not self.online:
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


def follow_runner(old: OutboxRunner | None, new: OutboxRunner | None, *, changed: Any, drained: Any) -> None:
    """A view moves from ``old`` runner to ``new`` (another account's, or None when signed out): its
    ``changed()`` and ``drained(report)`` slots follow."""
    if old is not None:
        old.changed.disconnect(changed)
        old.drained.disconnect(drained)
    if new is not None:
        new.changed.connect(changed)
        new.drained.connect(drained)
