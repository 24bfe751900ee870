"""Volume prices through the outbox and the CSV files, against the real reference server."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from desktop.models.seller import (
    BulkOp,
    Edit,
    Status,
    edits_of,
    inverse_of,
    new_group,
    pending_marks,
    preview,
    queue_edits,
)
from desktop.models.seller.import_check import apply_check, check_file, export_offers

from . import live_csv
from .live_csv import new_rows, to_csv
from .support import on_server, targets, tiered_offer, tiers_of

client = live_csv.client  # the demo seller (a fixture)


def test_a_tier_edit_reaches_the_server_and_comes_back_in_the_listing(desk):
    offer = tiered_offer(desk)
    assert desk.listings.row(offer.id).fields["price_tiers"] == [[10, "3.10"], [100, "2.60"]]  # kept locally
    queue_edits(desk.outbox, desk.listings, [Edit(offer.id, {"price_tiers": [[20, "3.50"], [200, "3.00"]]})])
    report = desk.sender.drain()
    assert report.sent and not report.refused
    assert tiers_of(on_server(desk, offer.id)) == [(20, "3.50"), (200, "3.00")]
    assert desk.listings.row(offer.id).fields["price_tiers"] == [[20, "3.50"], [200, "3.00"]]
    desk.refresh()  # and again from a full refresh of the local copy
    assert desk.listings.row(offer.id).fields["price_tiers"] == [[20, "3.50"], [200, "3.00"]]
    queue_edits(desk.outbox, desk.listings, [Edit(offer.id, {"price_tiers": []})])  # [] removes them all
    desk.sender.drain()
    assert on_server(desk, offer.id).price_tiers == [] and desk.listings.row(offer.id).fields["price_tiers"] == []


def test_a_tier_set_past_the_rules_is_refused_on_the_price_tiers_field(desk):
    offer = tiered_offer(desk, moq=1)
    # queued without the app's check (as an older outbox entry would be): the server's 422 lands on the field
    queue_edits(desk.outbox, desk.listings, [Edit(offer.id, {"moq_units": 50})])
    desk.sender.drain()
    mark = pending_marks(desk.outbox)[offer.id]
    assert mark.status == Status.REFUSED and "minimum order" in mark.errors["price_tiers"]
    assert mark.errors["moq_units"] == mark.errors["price_tiers"]  # shown on the cell the seller edited too
    assert on_server(desk, offer.id).moq_units == 1


def test_bulk_minus_ten_percent_scales_the_tiers_and_undo_restores_them(desk):
    a = tiered_offer(desk, ((10, "3.10"), (100, "2.60")), price="4.00")
    b = tiered_offer(desk, ((5, "9.99"),), price="10.00")
    changes = preview(BulkOp("price_percent", Decimal("-10")), targets(desk, [a.id, b.id]))
    assert not [c for c in changes if c.refusal]
    group = new_group()
    queue_edits(desk.outbox, desk.listings, edits_of(changes), group_id=group)
    report = desk.sender.drain()
    assert len(report.sent) == 2 and not report.refused, desk.outbox.entries()
    now_a, now_b = on_server(desk, a.id), on_server(desk, b.id)
    assert now_a.list_price.amount == Decimal("3.60") and tiers_of(now_a) == [(10, "2.79"), (100, "2.34")]
    assert now_b.list_price.amount == Decimal("9.00") and tiers_of(now_b) == [(5, "8.99")]
    queue_edits(desk.outbox, desk.listings, inverse_of(desk.outbox.group(group)), group_id="undo:" + group)
    report = desk.sender.drain()
    assert len(report.sent) == 2 and not report.refused and not report.conflicts
    assert tiers_of(on_server(desk, a.id)) == [(10, "3.10"), (100, "2.60")]
    assert on_server(desk, a.id).list_price.amount == Decimal("4.00")
    assert tiers_of(on_server(desk, b.id)) == [(5, "9.99")]


def _export_rows(client, tmp_path, skus):
    path = tmp_path / "offers.csv"
    export_offers(client.seller, path, skus)
    return path, list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"), newline="")))


def _csv(records, delimiter=","):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]), delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def test_export_then_import_of_tiers_is_unchanged_and_a_tier_edit_is_one_update(client, tmp_path):
    rows = new_rows(client, 3)
    rows[0]["price_tiers"], rows[1]["price_tiers"] = "10:11.00|100:9.50", "5:12.00"
    data = to_csv(rows).encode()
    assert apply_check(client.seller, check_file(client.seller, data), data).applied
    path, exported = _export_rows(client, tmp_path, [r["sku"] for r in rows])
    assert [r["price_tiers"] for r in exported] == ["10:11.00|100:9.50", "5:12.00", ""]
    check = check_file(client.seller, path.read_bytes())
    assert check.clean and (check.created, check.updated, check.unchanged) == (0, 0, 3)
    # saved again by a spreadsheet with decimal commas and semicolons: still the same tiers
    comma = [{**r, "unit_price": r["unit_price"].replace(".", ","), "price_tiers": r["price_tiers"].replace(".", ",")}
             for r in exported]
    check = check_file(client.seller, _csv(comma, ";").encode("utf-8-sig"))
    assert check.clean and check.canonical.decimal_comma and (check.updated, check.unchanged) == (0, 3), check.rows
    exported[2]["price_tiers"] = "50:12.00"
    data = _csv(exported).encode()
    check = check_file(client.seller, data)
    assert check.clean and (check.updated, check.unchanged) == (1, 2)
    assert apply_check(client.seller, check, data).applied
    made = {o.sku: o for o in client.seller.offers(q=rows[0]["sku"].split("-")[0])}
    assert tiers_of(made[rows[2]["sku"]]) == [(50, "12.00")]


def test_a_file_without_the_column_leaves_tiers_and_a_bad_cell_is_named(client, tmp_path):
    rows = new_rows(client, 2)
    rows[0]["price_tiers"] = "10:11.00"
    data = to_csv(rows).encode()
    apply_check(client.seller, check_file(client.seller, data), data)
    without = [{k: v for k, v in r.items() if k != "price_tiers"} for r in rows]
    without[0]["stock_units"] = "99"
    data = to_csv(without).encode()
    check = check_file(client.seller, data)
    assert check.clean and (check.updated, check.unchanged) == (1, 1)
    apply_check(client.seller, check, data)
    made = {o.sku: o for o in client.seller.offers(q=rows[0]["sku"].split("-")[0])}
    assert made[rows[0]["sku"]].stock_units == 99 and tiers_of(made[rows[0]["sku"]]) == [(10, "11.00")]
    bad = [{**rows[0], "price_tiers": "10:13.00"}, {**rows[1], "price_tiers": "ten:1"}]
    check = check_file(client.seller, to_csv(bad).encode())
    assert [(r.row, r.field, r.code) for r in check.rows] == [(2, "price_tiers", "invalid_price_tiers"),
                                                             (3, "price_tiers", "invalid_price_tiers")]
