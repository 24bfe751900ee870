"""After a sync: which saved searches have new matches, which watched offers crossed over (no Qt).

Run in the sync's worker, on the offers the sync changed only, so it costs the same whatever the size of
the catalog: for each saved search, one statement finds which changed offers match it now
(`CatalogCache.search_among_many`); compared with the offers it was known to match, that gives the offers
that *started* to match (a new offer, back in stock, a price that fell under the search's maximum, a
promotion that started: whatever made it match) and those that stopped. One `Alert` per search and
sync with new matches (not one per offer), if the search's alerts are on; one per watched offer that
came back in stock or fell under its price.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Literal, Protocol

from ..catalog_cache import OfferQuery, OfferRow
from .store import AccountSearches, Watch

__all__ = ["Alert", "evaluate_after_sync"]


class _Cache(Protocol):  # what is read of desktop.models.catalog_cache.CatalogCache
    def search_among(self, query: OfferQuery, ids: Iterable[int], *, now: datetime | None = None) -> set[int]: ...
    def search_among_many(self, queries: Sequence[OfferQuery], ids: Iterable[int], *,
                          now: datetime | None = None) -> list[set[int]]: ...
    def promotions_ended(self, after: datetime, until: datetime) -> set[int]: ...
    def rows(self, ids: Iterable[int]) -> dict[int, OfferRow]: ...
    def rates(self) -> Mapping[str, Decimal]: ...


@dataclass(frozen=True, slots=True)
class Alert:
    kind: Literal["search", "back_in_stock", "price_below"]
    title: str  # the search's name, or the offer's title
    offer_ids: tuple[int, ...]
    search_id: int | None = None


def evaluate_after_sync(searches: AccountSearches, cache: _Cache, changed: Iterable[int],
                        deleted: Iterable[int] = (), *, now: datetime | None = None) -> list[Alert]:
    now = now or datetime.now(UTC)
    changed_ids, deleted_ids = set(changed), set(deleted)
    alerts: list[Alert] = []
    records = []
    saved = searches.searches()
    matches = cache.search_among_many([s.query for s in saved], changed_ids, now=now)
    ended: set[int] = set()
    if any(s.query.collection == "promotion" for s in saved):  # a promotion that ends changes no offer
        ended = cache.promotions_ended(min(s.evaluated_at for s in saved), now) - changed_ids
    known = searches.known_among(changed_ids | deleted_ids | ended)
    for search, matching in zip(saved, matches, strict=True):
        was = known.get(search.id, set())
        started = matching - was
        stopped = (was & (changed_ids | deleted_ids)) - matching
        if search.query.collection == "promotion":
            stopped |= was & ended
        if started or stopped:
            records.append((search.id, started, stopped))
        if started and search.alerts:
            alerts.append(Alert("search", search.name, tuple(sorted(started)), search.id))
    searches.record(records, now=now)
    alerts += _watch_alerts(searches, cache, changed_ids, now)
    return alerts


def _watch_alerts(searches: AccountSearches, cache: _Cache, changed: set[int], now: datetime) -> list[Alert]:
    watches = [w for w in searches.watches() if w.offer_id in changed]
    if not watches:
        return []
    rows = cache.rows({w.offer_id for w in watches})
    rates = cache.rates()
    alerts, states = [], []
    for watch in watches:
        row = rows.get(watch.offer_id)
        if row is None:
            continue
        price = price_eur(row, rates, now)
        if _crossed(watch, row.stock_units, price, rates):
            alerts.append(Alert(watch.kind, row.title, (row.id,)))
        states.append((watch.id, row.stock_units, price))
    searches.record_watch_state(states)
    return alerts


def price_eur(row: OfferRow, rates: Mapping[str, Decimal], now: datetime) -> Decimal | None:
    """What a unit of the offer costs the buyer now, in EUR (None while its currency has no rate)."""
    price = row.unit_price(now)
    rate = Decimal(1) if price.currency == "EUR" else rates.get(price.currency)
    return None if not rate else price.amount / Decimal(rate)


def _crossed(watch: Watch, stock: int, price: Decimal | None, rates: Mapping[str, Decimal]) -> bool:
    if watch.kind == "back_in_stock":
        return stock > 0 and (watch.last_stock or 0) <= 0
    if price is None or watch.threshold is None or watch.currency is None:
        return False
    rate = Decimal(1) if watch.currency == "EUR" else rates.get(watch.currency)
    if not rate:
        return False
    limit = watch.threshold / Decimal(rate)
    was = watch.last_price_eur
    return price <= limit and (was is None or was > limit)
