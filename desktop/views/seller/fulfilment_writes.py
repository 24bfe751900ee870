"""The fulfilment page's writes (a mixin of :class:`~.fulfilment_page.FulfilmentPage`): mark preparing /
shipped / delivered, cancel, the tracking CSV — each queued in the seller's durable outbox, sent in order
by its runner, its answer shown per order when the drain is back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog

from desktop.models.orders_cache.rules import read_order
from desktop.models.seller import DrainReport, OrderWrites, fulfilment
from desktop.models.seller.tracking_csv import TrackingUpdate
from desktop.views.locale.formatting import html_text

from .fulfilment_dialogs import SellerCancelDialog, ShipDialog
from .fulfilment_model import ORDER_KINDS
from .outbox_runner import follow_runner

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel

    from desktop.api_client import MarketplaceClient
    from desktop.models.orders_cache import OrdersCache

    from .fulfilment_model import FulfilmentModel
    from .outbox_runner import OutboxRunner

__all__ = ["FulfilmentWrites"]


class FulfilmentWrites:
    """Needs the page's ``runner``, ``cache``, ``model``, ``client``, ``result_label``, ``dialog``,
    selection helpers and ``applied`` signal."""

    runner: OutboxRunner | None
    cache: OrdersCache | None
    model: FulfilmentModel
    client: MarketplaceClient
    result_label: QLabel
    dialog: QDialog | None
    applied: SignalInstance
    last_outcomes: list
    #: the orders of the last send, selected again when their answers are back
    _awaited: set[str] | frozenset[str] = frozenset()

    # -- writes --------------------------------------------------------------------------------------
    def mark(self, status: str, refs: Sequence[str] | None = None) -> list | None:
        """Move the selected orders (or ``refs``) that may go to ``status`` there (not ``shipped``: that
        needs tracking, see :meth:`request_ship`)."""
        refs = self._eligible(status, refs)
        if not refs:
            return None
        return self.send(fulfilment.KIND_SHIPPING, [fulfilment.shipping_payload(r, status) for r in refs])

    def _eligible(self, status: str, refs: Sequence[str] | None) -> list[str]:
        if refs is not None:
            return list(refs)  # as asked: the server says what it refuses
        rows = [self.model.row_at(i.row()) for i in self.table.selectionModel().selectedRows()]
        return [r.ref for r in rows
                if r is not None and fulfilment.can_mark(self.model.effective_status(r), status, r.payment_status)]

    def request_ship(self, refs: Sequence[str] | None = None) -> ShipDialog | None:
        refs = self._eligible("shipped", refs)
        if not refs:
            return None
        dialog = ShipDialog(refs, self)
        dialog.accepted.connect(lambda: self.send(fulfilment.KIND_SHIPPING, dialog.payloads()))
        return self._open(dialog)

    def request_cancel(self) -> SellerCancelDialog | None:
        ref = self.current_ref()
        data = self.cache.order(ref) if (ref and self.cache is not None) else None
        if data is None:
            return None
        dialog = SellerCancelDialog(read_order(data), self)
        dialog.accepted.connect(lambda: self.send(fulfilment.KIND_CANCEL,
                                                  [fulfilment.cancel_payload(ref, dialog.reason())]))
        return self._open(dialog)

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def request_tracking_upload(self) -> QDialog | None:
        """A CSV of tracking numbers, checked against the server, then queued like "Mark shipped"."""
        from .tracking_upload import TrackingUploadDialog

        runner = self.runner
        if runner is None:
            return None

        def queue(update: TrackingUpdate) -> None:  # in the dialog's worker (the drain starts on the GUI thread)
            runner.apply(OrderWrites(fulfilment.KIND_SHIPPING, [fulfilment.shipping_payload(
                update.order_ref, "shipped", carrier=update.carrier, tracking_number=update.tracking_number)]))

        return self._open(TrackingUploadDialog(self.client.seller, send=queue, answers=self.applied, parent=self))

    def send(self, kind: str, payloads: list[dict]) -> list | None:
        """Queue ``payloads`` in the outbox (committed first), then the runner sends them in order when
        online; their answers come back in :meth:`_drained`."""
        runner = self.runner
        if runner is None or not payloads:
            return None
        entries = runner.apply(OrderWrites(kind, payloads))
        self._awaited = {e.target for e in entries}  # their answers select them again, not a later drain's
        if runner.online:
            text = QCoreApplication.translate("FulfilmentPage", "Sending… (%1)").replace("%1", str(len(entries)))
        else:
            text = QCoreApplication.translate("FulfilmentPage", "Offline — queued: %1. Sent once online.").replace(
                "%1", str(len(entries)))
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setText(text)
        self.result_label.show()
        return entries

    # -- the outbox ------------------------------------------------------------------------------------
    def set_runner(self, runner: OutboxRunner | None) -> None:
        """The signed-in seller's outbox runner (None: signed out, no writes)."""
        if self.runner is runner:
            return
        follow_runner(self.runner, runner, changed=self._outbox_changed, drained=self._drained)
        self.runner = runner
        self._outbox_changed()

    def _outbox_changed(self) -> None:
        self.model.set_pending(self.runner.open_by_target(ORDER_KINDS) if self.runner is not None else {})
        self._selection_changed()
        self._update_count()

    def _drained(self, report: DrainReport) -> None:
        if self.runner is None or not report.touched:
            return
        entries = [e for e in self.runner.get_many(sorted(report.touched)) if e.kind in ORDER_KINDS]
        for kind in ORDER_KINDS:
            outcomes = [fulfilment.outcome_of(e) for e in entries if e.kind == kind]
            if outcomes:
                self._applied(kind, outcomes)

    def _applied(self, kind: str, outcomes: list[fulfilment.Outcome]) -> None:
        self.last_outcomes = outcomes
        done = [o for o in outcomes if o.ok]
        if self.cache is not None and done:
            self.cache.upsert([o.result.model_dump(mode="json") for o in done])
            ids = [i for o in done if (i := self.cache.id_of(o.key)) is not None]
            self.model.refresh_rows(ids)
        refs = [o.key for o in outcomes]
        self.apply_filters()
        self._show_outcomes(kind, outcomes)
        awaited = self._awaited
        if awaited & set(refs):  # the writes the seller just made: shown selected with their answers
            self.select_refs([r for r in refs if r in awaited and self.model.row_of_ref(r) >= 0])
            self._awaited = awaited - set(refs)
        self.applied.emit(outcomes)

    def _show_outcomes(self, kind: str, outcomes: list[fulfilment.Outcome]) -> None:
        done = sum(o.ok for o in outcomes)
        if kind == fulfilment.KIND_CANCEL:
            head = QCoreApplication.translate("FulfilmentPage", "Order %1 cancelled.").replace(
                "%1", outcomes[0].key) if done else ""
        else:
            head = QCoreApplication.translate("FulfilmentPage", "Orders updated: %1.").replace(
                "%1", str(done)) if done else ""
        lines = [html_text(head)] if head else []
        for o in outcomes:
            if not o.ok:
                text = QCoreApplication.translate("FulfilmentPage", "%1 not changed: %2")
                lines.append("<span style='color:#b00020'>" + html_text(
                    text.replace("%1", o.key).replace("%2", o.message)) + "</span>")
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        self.result_label.setText("<br>".join(lines))
        self.result_label.setVisible(bool(lines))

