"""Inline, bulk and pasted edits, undo, create and delete reach the real server through the outbox."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from desktop.models.seller import (
    BulkOp,
    Edit,
    Target,
    edits_of,
    inverse_of,
    new_group,
    paste_changes,
    pending_marks,
    preview,
    queue_create,
    queue_delete,
    queue_edits,
    rules,
)
from tests.api_client.live import leaf_category_id

from .support import fresh_offer, on_server, targets


def test_an_inline_edit_shows_pending_then_reaches_the_server(desk):
    offer = fresh_offer(desk)
    queue_edits(desk.outbox, desk.listings, [Edit(offer.id, {"packagings": [["unit", 1], ["crate", 24]]})])
    mark = pending_marks(desk.outbox)[offer.id]
    assert mark.status == "waiting" and mark.fields["packagings"] == [["unit", 1], ["crate", 24]]
    desk.sender.drain()
    assert offer.id not in pending_marks(desk.outbox)
    assert sorted((p.label, p.units) for p in on_server(desk, offer.id).packagings) == [("crate", 24), ("unit", 1)]
    assert desk.listings.row(offer.id).packagings == (("unit", 1), ("crate", 24))


def test_bulk_price_and_promotion_with_preview_then_undo(desk):
    a, b = fresh_offer(desk, price="10.00"), fresh_offer(desk, price="20.00")
    changes = preview(BulkOp("price_percent", Decimal("10")), targets(desk, [a.id, b.id]))
    assert [(c.before, c.after) for c in changes] == [("10.00", "11.00"), ("20.00", "22.00")]
    group = new_group()
    queue_edits(desk.outbox, desk.listings, edits_of(changes), group_id=group)
    ends = datetime.now(UTC) + timedelta(days=7)
    promo = preview(BulkOp("start_promotion", 15, ends), targets(desk, [a.id]))
    queue_edits(desk.outbox, desk.listings, edits_of(promo), group_id=new_group())
    desk.sender.drain()
    assert on_server(desk, a.id).list_price.amount == Decimal("11.00")
    assert on_server(desk, a.id).promotion.discount_percent == 15
    # undo the price change (not the last one): its inverse goes the same way
    queue_edits(desk.outbox, desk.listings, inverse_of(desk.outbox.group(group)), group_id="undo:" + group)
    report = desk.sender.drain()
    assert len(report.sent) == 2 and not report.conflicts
    assert on_server(desk, a.id).list_price.amount == Decimal("10.00")
    assert on_server(desk, b.id).list_price.amount == Decimal("20.00")
    assert on_server(desk, a.id).promotion is not None  # the other operation stays


def test_bulk_adjust_and_collections_and_refusals_in_the_preview(desk):
    a, b = fresh_offer(desk, stock=5), fresh_offer(desk, stock=50)
    changes = preview(BulkOp("adjust_stock", -10), targets(desk, [a.id, b.id]))
    assert changes[0].refusal is not None and changes[0].refusal.code == "stock_below_zero"
    assert changes[1].refusal is None and changes[1].after == 40
    group = new_group()
    queue_edits(desk.outbox, desk.listings, edits_of(changes), group_id=group)
    queue_edits(desk.outbox, desk.listings,
                edits_of(preview(BulkOp("add_collection", "weekly"), targets(desk, [a.id, b.id]))))
    desk.sender.drain()
    assert on_server(desk, a.id).stock_units == 5 and on_server(desk, b.id).stock_units == 40
    assert set(on_server(desk, b.id).collections) == {"surplus", "weekly"}
    queue_edits(desk.outbox, desk.listings, inverse_of(desk.outbox.group(group)))
    desk.sender.drain()
    assert on_server(desk, b.id).stock_units == 50  # the delta's opposite


def test_a_pasted_block_is_matched_by_sku(desk):
    a, b = fresh_offer(desk, stock=1), fresh_offer(desk, stock=2)
    text = f"SKU\tStock\tPrice\n{a.sku}\t77\t12,50\n{b.sku}\tlots\t3.10\nNOPE-{uuid.uuid4().hex[:4]}\t1\t1\n"
    rows = desk.listings.rows([a.id, b.id])
    changes = paste_changes(text, {r.sku: Target(r.id, r.sku, r.fields) for r in rows.values()})
    refused = [c for c in changes if c.refusal]
    assert [c.refusal.code for c in refused] == ["not_a_number", "unknown_sku"]
    queue_edits(desk.outbox, desk.listings, edits_of(changes))
    desk.sender.drain()
    assert on_server(desk, a.id).stock_units == 77
    assert on_server(desk, a.id).list_price.amount == Decimal("12.50")
    assert on_server(desk, b.id).list_price.amount == Decimal("3.10") and on_server(desk, b.id).stock_units == 2


def test_create_then_delete(desk):
    warehouse = desk.client.seller.warehouses()[0]
    sku = f"NEW-{uuid.uuid4().hex[:8]}"
    queue_create(desk.outbox, {
        "sku": sku, "title": "Forty pallets of tiles", "category_id": leaf_category_id(desk.client),
        "warehouse_id": warehouse.id, "unit_price": {"amount": "4.20", "currency": "EUR"},
        "packagings": [{"label": "pallet", "units": 40}], "moq_units": 40, "stock_units": 1600,
        "collections": ["surplus"]})
    desk.sender.drain()
    offer_id = desk.listings.ids_of_skus([sku])[sku]
    assert on_server(desk, offer_id).stock_units == 1600
    queue_delete(desk.outbox, desk.listings.row(offer_id))
    assert pending_marks(desk.outbox)[offer_id].deleting
    desk.sender.drain()
    assert sku not in {o.sku for o in desk.client.seller.offers(limit=500)}
    assert desk.listings.row(offer_id) is None


def test_rules_match_the_server_per_field():
    assert rules.check("stock_units", -1).code == "too_small"
    assert rules.check("moq_units", 0).code == "too_small"
    assert rules.check("unit_price", Decimal("1.234")).code == "too_precise"
    assert rules.check("packagings", [("a|b", 1)]).code == "invalid_label"
    assert rules.check("packagings", [("Box", 1), ("box", 2)]).code == "duplicate_packaging"
    assert rules.check("promotion", {"discount_percent": 95, "ends_at": datetime.now(UTC) + timedelta(1)})
    assert rules.check("title", "x" * 301).code == "too_long"
    assert rules.parse_cell("unit_price", "1 234,50") == Decimal("1234.50")
    with pytest.raises(rules.RuleError):
        rules.parse_cell("packagings", "carton")
