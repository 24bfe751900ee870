"""Helpers of the seller tests: a signed-in seller with a local listings copy, an outbox and a sender."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.api_client import MarketplaceClient
from desktop.api_client.types import OfferPatch
from desktop.models.seller import (
    ListingsStore,
    OfferHandlers,
    Outbox,
    Sender,
    Target,
    effective_fields,
    pending_marks,
)
from tests.api_client.live import SELLER, create_offer, place_order, register_buyer, signed_in


@dataclass
class Desk:
    client: MarketplaceClient
    listings: ListingsStore
    outbox: Outbox
    sender: Sender

    def refresh(self) -> None:
        self.listings.replace_all(o.model_dump(mode="json") for o in self.client.seller.offers(limit=500))

    def close(self) -> None:
        self.listings.close()
        self.outbox.close()


def open_desk(url: str, folder: Path, client: MarketplaceClient | None = None) -> Desk:
    client = client or signed_in(url, SELLER)
    listings = ListingsStore(folder / "listings.sqlite3")
    outbox = Outbox(folder / "outbox.sqlite3")
    sender = Sender(outbox, client)
    OfferHandlers(listings).install(sender)
    desk = Desk(client, listings, outbox, sender)
    desk.refresh()
    return desk


def targets(desk: Desk, ids) -> list[Target]:
    """The offers as the seller sees them (the copy with the open edits over it), for a bulk preview."""
    marks = pending_marks(desk.outbox)
    rows = desk.listings.rows(ids)
    return [Target(i, rows[i].sku, effective_fields(rows[i], marks.get(i))) for i in ids]


def on_server(desk: Desk, offer_id: int):
    return next(o for o in desk.client.seller.offers(limit=500) if o.id == offer_id)


def offer_json(i: int, tiers=(), **over):
    """An offer's JSON as the seller's endpoints send it (EUR, 4.00, MOQ 5), with these volume prices."""
    base = {
        "id": i, "sku": f"SKU-{i:03d}", "title": f"Lot {i} of oak boards", "description": "", "category_id": 1,
        "seller": {"id": 1, "name": "S", "country": "FR", "rating": None},
        "warehouse": {"id": 1, "country": "FR", "city": "Lyon",
                      "min_order_value": {"amount": "0.00", "currency": "EUR"}},
        "unit_price": {"amount": "4.00", "currency": "EUR"}, "list_price": {"amount": "4.00", "currency": "EUR"},
        "packagings": [{"id": 1, "label": "unit", "units": 1}], "moq_units": 5, "stock_units": 500,
        "collections": [], "promotion": None, "image_urls": [], "updated_at": "2026-06-01T12:00:00Z", "version": 1,
        "price_tiers": [{"min_units": u, "unit_price": {"amount": p, "currency": "EUR"},
                         "list_price": {"amount": p, "currency": "EUR"}} for u, p in tiers],
    }
    base.update(over)
    return base


def fresh_offer(desk: Desk, **kwargs):
    offer = create_offer(desk.client, **kwargs)
    desk.listings.upsert([offer.model_dump(mode="json")])
    return offer


def tiered_offer(desk: Desk, tiers=((10, "3.10"), (100, "2.60")), *, price: str = "4.00", moq: int = 1):
    """A fresh offer of the demo seller with these volume prices (min_units, EUR list price), in the copy."""
    offer = create_offer(desk.client, price=price, moq=moq)
    offer = desk.client.seller.update_offer(offer.id, OfferPatch.model_validate({"price_tiers": [
        {"min_units": units, "unit_price": {"amount": amount, "currency": "EUR"}} for units, amount in tiers]}),
        version=offer.version)
    desk.listings.upsert([offer.model_dump(mode="json")])
    return offer


def tiers_of(offer) -> list[tuple[int, str]]:
    """An offer's volume prices as (min_units, list price) pairs."""
    return [(t.min_units, f"{t.list_price.amount:.2f}") for t in offer.price_tiers]


def paid_orders(url: str, seller: MarketplaceClient, count: int):
    """``count`` new paid orders to the demo seller, placed by a buyer of their own by bank transfer (which
    the admin marks received): ``(buyer, offer, refs)``; the caller closes the buyer."""
    buyer, _email = register_buyer(url)
    admin = signed_in(url, "admin@demo.test")
    offer = create_offer(seller)
    refs = []
    try:
        for _ in range(count):
            group = place_order(buyer, offer, 1).order_group
            admin.request("POST", f"/admin/payment-groups/{group.ref}/received")
            refs.append(group.orders[0].ref)
    finally:
        admin.close()
    return buyer, offer, refs
