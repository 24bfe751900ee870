"""Volume prices on the seller's side, without a server: the rules (the server's, checked before anything
is sent), the JSON form and PATCH body, bulk price changes scaling the tiers, the CSV's tier cells."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.models.seller import ListingsStore, rules
from desktop.models.seller.bulk import BulkOp, Target, edits_of, paste_changes, preview
from desktop.models.seller.csv_files import normalise_offers
from desktop.models.seller.fields import from_body, offer_fields, patch_body, same, to_wire

from .support import offer_json

D = Decimal


def fields(**over):
    base = {"sku": "A", "title": "Oak", "stock_units": 500, "moq_units": 5, "unit_price": "4.00",
            "packagings": [["unit", 1]], "collections": [], "promotion": None,
            "price_tiers": [[10, "3.10"], [100, "2.60"]]}
    base.update(over)
    return base


@pytest.mark.parametrize(("tiers", "code"), [
    ([(10, D("3.10")), (100, D("2.60"))], None),
    ([], None),
    ([(u, D(5) - u / D(1000)) for u in range(10, 16)], "too_many_tiers"),
    ([(1, D("3.10"))], "tier_too_small"),
    ([(100, D("3.10")), (10, D("2.60"))], "tiers_not_ascending"),
    ([(10, D("3.10")), (10, D("2.60"))], "tiers_not_ascending"),
    ([(10, D("2.60")), (100, D("2.60"))], "tier_price_not_falling"),
    ([(10, D("0"))], "price_too_small"),
    ([(10, D("3.105"))], "too_precise"),
    ([(5, D("3.10"))], "tier_not_above_moq"),  # the MOQ is 5: a tier starts above it
    ([(10, D("4.00"))], "tier_not_below_price"),  # the price is 4.00
])
def test_tier_rules_are_the_servers(tiers, code):
    problem = rules.check_tiers(tiers, 5, D("4.00"))
    assert (problem.code if problem else None) == code


def test_tiers_are_read_from_a_cell_in_several_spellings():
    expected = [(10, D("3.10")), (100, D("2.60"))]
    assert rules.parse_cell("price_tiers", "10:3.10|100:2.60") == expected
    assert rules.parse_cell("price_tiers", " 10 : 3,10 | 100 : 2,60 ") == expected
    assert rules.parse_cell("price_tiers", "10+ €3.10 · 100+ €2.60") == expected
    assert rules.parse_cell("price_tiers", "") == []  # no volume prices
    for bad in ("ten:3", "10", "10:abc", "10:3.10|5:2.00"):
        with pytest.raises(rules.RuleError):
            rules.parse_cell("price_tiers", bad)
    assert rules.format_tiers(expected) == "10:3.10|100:2.60"


def test_an_moq_or_price_edit_that_breaks_the_tiers_is_flagged_on_that_field():
    shown = fields()
    assert rules.check_after(shown, {"stock_units": 3}) == {}
    assert rules.check_after(shown, {"moq_units": 9}) == {}
    assert rules.check_after(shown, {"moq_units": 10})["moq_units"].code == "tier_not_above_moq"
    assert rules.check_after(shown, {"unit_price": "3.10"})["unit_price"].code == "tier_not_below_price"
    both = rules.check_after(shown, {"unit_price": "3.00", "price_tiers": [[10, "2.90"]]})
    assert both == {}
    assert set(rules.check_after(shown, {"unit_price": "3.00", "price_tiers": [[10, "3.00"]]})) == {
        "unit_price", "price_tiers"}


def test_json_form_patch_body_and_comparison():
    offer = {"sku": "A", "title": "T", "stock_units": 1, "moq_units": 1, "unit_price": {"amount": "3.60"},
             "list_price": {"amount": "4.00"}, "packagings": [], "collections": [], "promotion": None,
             "price_tiers": [{"min_units": 10, "unit_price": {"amount": "2.79", "currency": "EUR"},
                              "list_price": {"amount": "3.10", "currency": "EUR"}}]}
    assert offer_fields(offer)["price_tiers"] == [[10, "3.10"]]  # the list price, what the seller writes
    assert offer_fields({**offer, "price_tiers": []})["price_tiers"] == []
    assert offer_fields({k: v for k, v in offer.items() if k != "price_tiers"})["price_tiers"] == []
    wire = to_wire("price_tiers", [(10, D("3.1")), (100, D("2.6"))])
    assert wire == [[10, "3.10"], [100, "2.60"]]
    body = patch_body({"price_tiers": wire})
    assert body == {"price_tiers": [{"min_units": 10, "unit_price": {"amount": "3.10", "currency": "EUR"}},
                                    {"min_units": 100, "unit_price": {"amount": "2.60", "currency": "EUR"}}]}
    assert from_body("price_tiers", body["price_tiers"]) == wire
    assert same("price_tiers", [[10, "3.1"]], [[10, "3.10"]]) and not same("price_tiers", [], [[10, "3.10"]])
    assert patch_body({"price_tiers": []}) == {"price_tiers": []}


def test_a_bulk_price_change_scales_the_tiers_by_the_same_ratio():
    target = Target(1, "A", fields())
    changes = preview(BulkOp("price_percent", D("-10")), [target])
    assert [(c.field, c.after) for c in changes] == [("unit_price", "3.60"),
                                                     ("price_tiers", [[10, "2.79"], [100, "2.34"]])]
    edit, = edits_of(changes)
    assert edit.fields == {"unit_price": "3.60", "price_tiers": [[10, "2.79"], [100, "2.34"]]}  # one PATCH
    changes = preview(BulkOp("set_price", D("8.00")), [target])
    assert changes[1].after == [[10, "6.20"], [100, "5.20"]]
    plain = Target(2, "B", fields(price_tiers=[]))
    assert [c.field for c in preview(BulkOp("price_percent", D("5")), [plain])] == ["unit_price"]


def test_a_bulk_change_whose_rounding_breaks_the_tiers_is_refused_whole():
    target = Target(1, "A", fields(unit_price="0.05", price_tiers=[[10, "0.04"], [20, "0.03"]]))
    changes = preview(BulkOp("price_percent", D("-90")), [target])  # 0.004 and 0.003 both round to 0.00
    assert {c.field for c in changes} == {"unit_price", "price_tiers"}
    assert all(c.refusal is not None for c in changes) and edits_of(changes) == []


def test_a_pasted_price_is_checked_against_the_tiers():
    targets = {"A": Target(1, "A", fields())}
    changes = paste_changes("sku\tprice\nA\t3.00\n", targets)
    assert changes[0].refusal.code == "tier_not_below_price"
    changes = paste_changes("sku\tprice\tvolume prices\nA\t3.00\t10:2.90|50:2.50\n", targets)
    assert [c.refusal for c in changes] == [None, None]
    assert edits_of(changes)[0].fields["price_tiers"] == [[10, "2.90"], [50, "2.50"]]


def test_csv_tier_cells_follow_the_files_decimal_comma():
    data = b"sku;unit_price;price_tiers\r\nA;4,00;10:3,10|100:2,60\r\nB;5,00;\r\nC;6,00;10:5,5,0\r\n"
    canonical = normalise_offers(data)
    assert canonical.decimal_comma
    assert canonical.table.records[0] == ["A", "4.00", "10:3.10|100:2.60"]
    assert canonical.table.records[1][2] == ""  # an empty cell removes the tiers: sent as it is
    assert canonical.table.records[2][2] == "10:5,5,0"  # not readable: the server names it
    point = normalise_offers(b"sku,unit_price,price_tiers\r\nA,4.00,10:3.10|100:2.60\r\n")
    assert point.table.records[0][2] == "10:3.10|100:2.60"


def test_the_local_copy_keeps_the_tiers(tmp_path):
    store = ListingsStore(tmp_path / "listings.sqlite3")
    try:
        store.replace_all([offer_json(1, [(10, "3.10"), (100, "2.60")]), offer_json(2)])
        store.set_threshold(1, 30)
        assert store.row(1).fields["price_tiers"] == [[10, "3.10"], [100, "2.60"]]
        assert store.row(2).fields["price_tiers"] == []
        store.upsert([offer_json(1, [(20, "3.00")], version=2)])
        assert store.row(1).fields["price_tiers"] == [[20, "3.00"]] and store.row(1).threshold == 30
    finally:
        store.close()
