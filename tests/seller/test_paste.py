"""A pasted block means what the same text typed into those cells means, and its columns are never
guessed from the table's order (issue 29 bug 3); collections are read in the user's words (bug 6)."""

from __future__ import annotations

from desktop.models.seller import rules
from desktop.models.seller.bulk import Target, edits_of, paste_changes
from desktop.models.seller.paste import read_block


def target(sku="A-1", offer_id=1, **over):
    fields = {"sku": sku, "title": "Forty pallets of oak boards", "stock_units": 30, "moq_units": 1,
              "unit_price": "4.00", "packagings": [["unit", 1]], "collections": [], "promotion": None,
              "price_tiers": []}
    fields.update(over)
    return Target(offer_id, sku, fields)


TARGETS = {"A-1": target(), "B-2": target("B-2", 2, stock_units=5)}


def test_a_pasted_plus_ten_adds_ten_like_the_typed_cell():
    changes = paste_changes("sku\tstock\nA-1\t+10\nB-2\t−2 damaged\n", TARGETS)
    assert [(c.sku, c.before, c.after, c.stock_delta) for c in changes] == [("A-1", 30, 40, 10), ("B-2", 5, 3, -2)]
    edits = edits_of(changes)
    assert [(e.stock_delta, e.fields) for e in edits] == [(10, {}), (-2, {})]  # sent as deltas, re-based
    assert rules.parse_delta("+10") == (10, "") and rules.parse_delta("10") is None  # one rule, cell and paste


def test_a_pasted_delta_below_zero_is_refused_like_the_cell():
    changes = paste_changes("sku\tstock\nB-2\t-9\n", TARGETS)
    assert changes[0].refusal == rules.STOCK_BELOW_ZERO and edits_of(changes) == []


def test_a_block_without_headers_of_numbers_is_not_mapped_by_the_tables_order():
    text = "A-1\t4300\t9.99\nB-2\t12\t3.10\n"
    block = read_block(text, TARGETS.keys())
    assert not block.by_header and not block.certain
    assert block.columns == ["sku", None, None]  # the SKUs are certain; 4300 could be a stock, a price, a title
    changes = paste_changes(text, TARGETS)
    assert all(c.field != "title" for c in changes) and edits_of(changes) == []
    # once the seller has said which column is which
    changes = paste_changes(text, TARGETS, ["sku", "stock_units", "unit_price"])
    assert {(c.sku, c.field, c.after) for c in changes} == {
        ("A-1", "stock_units", 4300), ("A-1", "unit_price", "9.99"), ("B-2", "stock_units", 12),
        ("B-2", "unit_price", "3.10")}


def test_content_maps_a_block_only_when_nothing_else_reads_it():
    block = read_block("B-2\t10:3.10|100:2.60\tcarton:12|pallet:600\n", TARGETS.keys())
    assert block.certain and block.columns == ["sku", "price_tiers", "packagings"]
    assert not read_block("UNKNOWN\t10:3.10|100:2.60\n", TARGETS.keys()).certain  # no SKU of the seller's


def test_headers_in_the_users_language_in_any_order():
    headers = {"Référence": "sku", "Prix": "unit_price", "Stock": "stock_units", "Titre": "title"}
    block = read_block("Prix\tRéférence\tStock\n5,50\tA-1\t+1\n", TARGETS.keys(), headers)
    assert block.by_header and block.columns == ["unit_price", "sku", "stock_units"]
    changes = paste_changes("Prix\tRéférence\tStock\n5,50\tA-1\t+1\n", TARGETS, headers=headers)
    assert {(c.field, c.after, c.stock_delta) for c in changes} == {("unit_price", "5.50", None),
                                                                    ("stock_units", 31, 1)}


def test_collections_in_the_words_the_table_shows():
    names = {"Opportunités de la semaine": "weekly", "Surstocks": "surplus"}
    assert rules.parse_cell("collections", "Surstocks", names=names) == ["surplus"]
    assert rules.parse_cell("collections", "opportunités de la semaine, Surstocks", names=names) == [
        "surplus", "weekly"]
    assert rules.parse_cell("collections", "weekly|surplus", names=names) == ["surplus", "weekly"]
    changes = paste_changes("sku\tcollections\nA-1\tSurstocks\n", TARGETS, names=names)
    assert changes[0].after == ["surplus"] and changes[0].refusal is None


def test_packagings_as_the_table_shows_them():
    assert rules.parse_cell("packagings", "carton × 12 | pallet × 600") == [("carton", 12), ("pallet", 600)]


def test_the_tables_own_columns_that_are_not_pasted_are_left_out_and_unknown_names_are_not_guessed():
    headers = {"Référence": "sku", "Stock": "stock_units", "Entrepôt": None, "Mis à jour": None}
    block = read_block("Référence\tStock\tEntrepôt\tMis à jour\nA-1\t+2\tLyon\t03/12/2026\n", TARGETS.keys(), headers)
    assert block.by_header and block.columns == ["sku", "stock_units", None, None]
    changes = paste_changes("Référence\tStock\tEntrepôt\nA-1\t+2\tLyon\n", TARGETS, headers=headers)
    assert [(c.field, c.stock_delta) for c in changes] == [("stock_units", 2)]
    partly = read_block("sku\tstock\tnotes\nA-1\t3\tcall Bob\n", TARGETS.keys())  # "notes": ask
    assert not partly.by_header and not partly.certain
    assert partly.columns == ["sku", "stock_units", None] and partly.titles == ["sku", "stock", "notes"]
    assert partly.rows == [["A-1", "3", "call Bob"]]  # the header row is not a row of data
    changes = paste_changes("sku\tstock\tnotes\nA-1\t3\tcall Bob\n", TARGETS, ["sku", "stock_units", None])
    assert [(c.sku, c.field, c.after, c.refusal) for c in changes] == [("A-1", "stock_units", 3, None)]
