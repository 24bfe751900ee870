"""The outbox handlers of the seller's offers: ``offer_edit``, ``offer_create``, ``offer_delete``.

    handlers = OfferHandlers(listings)
    handlers.install(sender)

Payloads (all JSON, see :mod:`.fields`):

* ``offer_edit``, target the offer id: ``{"fields": {name: value}, "stock_delta": int | null}`` with
  base ``{"version": v, "fields": {name: value the edit started from}, "updated_at": ...}``. A delta
  ("+40 received", "−12 damaged") is sent as ``stock_units = server's stock + delta``.
* ``offer_create``, target the SKU: ``{"offer": <OfferCreate JSON>}``.
* ``offer_delete``, target the offer id: ``{}`` with base ``{"version": v, "sku": ...}``.

An edit is sent with ``If-Match: <version>`` and its own Idempotency-Key; a repeat of an attempt
whose answer was lost is replayed by the server (same key, same body). The server keeps keys per
session token: if the seller signed in again meanwhile, a repeat meets a 412 instead; then an offer
that already holds every value sent is taken as done, and a stock delta that may have been applied is
a conflict for the seller (never added twice).

An edit is sent with ``If-Match: <version>``. On a 412 it is merged with the server's current offer,
field by field (three ways: the base, mine, theirs): a field nobody else changed, or changed to my
value, merges; a delta re-bases on the server's stock (buyers' purchases meanwhile change the version
and the stock, never the seller's intent). Only a field that someone else changed to another value is
a conflict, for the seller to settle (conflict view).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from desktop.api_client import NotFoundError, VersionConflictError
from desktop.api_client.types import OfferCreate, OfferPatch

from .fields import from_body, offer_fields, patch_body, same
from .listings import ListingsStore
from .outbox import Entry, Status
from .rules import check_delta

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
from .sender import Conflict, Rebase, Refused, Sender

__all__ = ["OFFER_KINDS", "OfferHandlers", "conflicting_fields", "edit_request"]

OFFER_KINDS = ("offer_edit", "offer_create", "offer_delete")


def edit_request(fields: dict[str, Any], delta: int | None, version: int, stock: int | None) -> dict[str, Any]:
    """The PATCH to send: ``fields`` (JSON form), a stock delta applied to ``stock``, at ``version``."""
    body = dict(fields)
    if delta is not None:
        problem = check_delta(stock or 0, delta)
        if problem is not None:
            raise Refused(f"{problem.message[:-1]} ({stock} {delta:+d}).",
                          [{"field": "stock_units", "code": problem.code, "message": problem.message}])
        body["stock_units"] = (stock or 0) + delta
    return {"version": version, "body": patch_body(body)}


def conflicting_fields(mine: dict[str, Any], base: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """The fields of ``mine`` that someone else changed since ``base`` to a value other than mine."""
    return [name for name, value in mine.items()
            if name in theirs and not same(name, theirs[name], base.get(name)) and not same(name, theirs[name], value)]


def _has(theirs: dict[str, Any], body: dict[str, Any]) -> bool:
    """Whether the offer's fields already hold every value of a PATCH body."""
    return all(same(name, theirs.get(name), from_body(name, value)) for name, value in body.items())


class _Edit:
    def __init__(self, owner: OfferHandlers) -> None:
        self.owner = owner

    def prepare(self, entry: Entry) -> dict[str, Any]:
        base = entry.base.get("fields", {})
        return edit_request(entry.payload.get("fields", {}), entry.payload.get("stock_delta"),
                            int(entry.base["version"]), base.get("stock_units"))

    def __call__(self, client: MarketplaceClient, entry: Entry) -> Any:
        prepared = entry.prepared or self.prepare(entry)
        try:
            offer = client.seller.update_offer(int(entry.target), OfferPatch.model_validate(prepared["body"]),
                                               version=int(prepared["version"]),
                                               idempotency_key=entry.idempotency_key)
        except VersionConflictError as exc:
            if exc.current is None:
                raise
            current = exc.current.model_dump(mode="json")
            self.owner.listings.upsert([current])
            theirs = offer_fields(current)
            mine = entry.payload.get("fields", {})
            delta = entry.payload.get("stock_delta")
            if entry.status == Status.SENDING:  # a repeat the server did not replay (another session's key)
                if _has(theirs, prepared["body"]):
                    return current  # the offer is as this edit made it: it went through, once
                if delta:  # it may have gone through: re-basing could add the delta twice; the seller says
                    raise Conflict(current, "This stock adjustment may have been applied already.",
                                   ["stock_units"]) from exc
            clash = conflicting_fields(mine, entry.base.get("fields", {}), theirs)
            if clash:
                raise Conflict(current, "Someone else changed this offer meanwhile.", clash) from exc
            raise Rebase(edit_request(mine, delta, int(current["version"]), theirs["stock_units"])) from exc
        result = offer.model_dump(mode="json")
        self.owner.listings.upsert([result])
        return result


class OfferHandlers:
    def __init__(self, listings: ListingsStore) -> None:
        self.listings = listings
        self.edit = _Edit(self)

    def install(self, sender: Sender) -> None:
        sender.register("offer_edit", self.edit, prepare=self.edit.prepare)
        sender.register("offer_create", self.create)
        sender.register("offer_delete", self.delete)

    def create(self, client: MarketplaceClient, entry: Entry) -> Any:
        offer = client.seller.create_offer(OfferCreate.model_validate(entry.payload["offer"]),
                                           idempotency_key=entry.idempotency_key)
        result = offer.model_dump(mode="json")
        self.listings.upsert([result])
        return result

    def delete(self, client: MarketplaceClient, entry: Entry) -> Any:
        version = entry.base.get("version")
        with contextlib.suppress(NotFoundError):  # gone already (removed elsewhere): what the seller wanted
            client.seller.delete_offer(int(entry.target), version=int(version) if version else None,
                                       idempotency_key=entry.idempotency_key)
        self.listings.remove([int(entry.target)])
        return None
