"""The cart's quote, kept current: ``CartQuoter`` re-checks the cart whenever it changes.

Online, ``POST /cart/quote`` runs in a QueryOp ~400 ms after the last change (debounced); a response to
an older cart than the current one is ignored. Offline (or when the server cannot be reached), the same
rules run locally on the cached offers (``local_check``), marked ``quote.local`` with the sync time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.api_client import ApiConnectionError, OfflineError
from desktop.models.cart import CartLine, Quote, local_check
from desktop.models.cart.checkout import quote_from_api
from desktop.views.background.tasks import QueryOp
from desktop.views.locale.formatting import format_money

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.api_client.types import Quote as ApiQuote
    from desktop.models.catalog_cache import CatalogCache

__all__ = ["QUOTE_DEBOUNCE_MS", "CartQuoter", "format_money"]

#: ``format_money`` is the shared one (``desktop.views.locale.formatting``), re-exported: tests import it from here

log = logging.getLogger(__name__)

QUOTE_DEBOUNCE_MS = 400


class CartQuoter(QObject):
    #: a new quote for the current lines (server or local)
    quote_changed = Signal(object)
    #: a request started (True) / the last one ended (False)
    busy_changed = Signal(bool)
    #: the server could not be reached: the local check was used
    went_offline = Signal(object)

    def __init__(
        self,
        client: MarketplaceClient,
        cache: CatalogCache | None = None,
        *,
        currency: Callable[[], str] = lambda: "EUR",
        online: Callable[[], bool] = lambda: True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.cache = cache
        self._currency = currency
        self._online = online
        self._lines: list[CartLine] = []
        self._generation = 0
        self.quote: Quote | None = None
        self.op: QueryOp | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUOTE_DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)

    # -- public ------------------------------------------------------------------------------------
    def set_lines(self, lines: list[CartLine], *, immediately: bool = False) -> None:
        """The cart changed: the local check now (instant feedback), the server after the debounce."""
        self._lines = list(lines)
        self._generation += 1
        if not self._lines:
            self._timer.stop()
            self._publish(self._local())
            return
        if self.quote is None or self.quote.local or not self._online():
            self._publish(self._local())
        if not self._online():
            self._timer.stop()
            return
        if immediately:
            self._timer.stop()
            self._run()
        else:
            self._timer.start()

    def stop(self) -> None:
        """No further request (closing): the pending one's answer is dropped."""
        self._timer.stop()
        self._generation += 1
        if self.op is not None:
            self.op.cancel()

    def refresh(self) -> None:
        self.set_lines(self._lines, immediately=True)

    def offers(self, ids: list[int]) -> dict[int, dict[str, Any]]:  # the cache's JSON of each offer
        if self.cache is None:
            return {}
        try:
            return self.cache.offers(ids)
        except Exception:  # a cache being rebuilt: no offline data for now
            log.exception("catalog cache unreadable")
            return {}

    def synced_at(self) -> datetime | None:
        if self.cache is None:
            return None
        try:
            return self.cache.last_synced_at()
        except Exception:
            return None

    @property
    def pending(self) -> bool:
        return self._timer.isActive() or (self.op is not None and self.op.is_running)

    # -- internals ---------------------------------------------------------------------------------
    def _local(self) -> Quote:
        rates: dict = {}
        if self.cache is not None:
            try:
                rates = self.cache.rates()
            except Exception:
                rates = {}
        offers = self.offers(sorted({line.offer_id for line in self._lines}))
        return local_check(self._lines, offers, datetime.now(UTC), currency=self._currency(), rates=rates)

    def _run(self) -> None:
        if not self._lines:
            return
        generation = self._generation
        lines = [line.to_json() for line in self._lines]
        currency = self._currency()
        self.busy_changed.emit(True)

        def done(api_quote: ApiQuote) -> None:
            if generation != self._generation:
                return  # a stale answer: the cart changed since
            self._publish(quote_from_api(api_quote))

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            from desktop.views.errors import channel as errors

            if isinstance(exc, ApiConnectionError):
                self.went_offline.emit(exc)
                self._publish(self._local())
                if isinstance(exc, OfflineError):
                    errors.report_exception(exc)  # the offline banner, not a dialog
                return
            errors.report_exception(exc)

        op = QueryOp(self, lambda: self.client.cart.quote(lines, currency), done, failed)
        op.finished.connect(self._op_finished)
        self.op = op
        op.run_in_background()

    def _op_finished(self) -> None:
        self.busy_changed.emit(self.pending)

    def _publish(self, quote: Quote) -> None:
        self.quote = quote
        self.quote_changed.emit(quote)
