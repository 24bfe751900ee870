from __future__ import annotations

from desktop.models.cart import CartLine, cart_to_csv, parse_quick_order, resolve_quick_order
from tests.unit.offer_factory import make_offer


def accepted(text: str) -> list[tuple]:
    return [(r.sku, r.quantity, r.packaging) for r in parse_quick_order(text).accepted]


def test_comma_rows_without_header():
    assert accepted("A-1,5\nB-2,10,Box of 12\n") == [("A-1", 5, None), ("B-2", 10, "Box of 12")]


def test_semicolon_rows_with_header_and_bom():
    text = "\ufeffSKU;Quantity;Packaging\r\nA-1;5;carton\r\nB-2;7;\r\n"
    assert accepted(text) == [("A-1", 5, "carton"), ("B-2", 7, None)]


def test_header_columns_in_any_order_and_french():
    text = "quantité;conditionnement;référence\n3;carton;A-1\n"
    # "référence" is not a known header name, but quantité is; sku column missing → no header detected
    result = parse_quick_order("qty,sku\n3,A-1\n4,B-2\n")
    assert [(r.sku, r.quantity) for r in result.accepted] == [("A-1", 3), ("B-2", 4)]
    assert parse_quick_order(text).accepted == []


def test_tabs_quotes_and_blank_lines():
    text = 'A-1\t2\n\n"B,2"\t3\t"Box, large"\n'
    assert accepted(text) == [("A-1", 2, None), ("B,2", 3, "Box, large")]


def test_single_column_of_skus_is_rejected_with_reasons():
    result = parse_quick_order("A-1\nB-2\n")
    assert result.accepted == []
    assert [r.reason for r in result.rejected] == ["The quantity is missing."] * 2


def test_rejected_rows_have_line_numbers_and_reasons():
    text = "sku,quantity\nA-1,5\n,3\nB-2,abc\nC-3,0\nD-4,2.5\nE-5,1000001\nF-6,1 000\n"
    result = parse_quick_order(text)
    assert [(r.sku, r.quantity) for r in result.accepted] == [("A-1", 5), ("F-6", 1000)]
    reasons = {r.line_number: r.reason for r in result.rejected}
    assert reasons[3] == "The SKU is missing."
    assert "not a whole number" in reasons[4]
    assert "at least 1" in reasons[5]
    assert "not a whole number" in reasons[6]
    assert "at most 1,000,000" in reasons[7]
    assert next(r for r in result.rejected if r.line_number == 4).text == "B-2,abc"


def test_empty_text():
    result = parse_quick_order("  \n")
    assert result.accepted == [] and result.rejected == []


def test_resolve_against_offers():
    a = make_offer(1, sku="A-1")  # packagings 11 "Unit" ×1, 12 "Box of 12" ×12
    b1, b2 = make_offer(2, sku="B-2"), make_offer(3, sku="B-2", seller_id=2)
    rows = parse_quick_order("A-1,5\nA-1,2,box of 12\nA-1,1,12\nA-1,1,pallet\nB-2,1\nZ-9,1\n").accepted
    lines, rejected = resolve_quick_order(rows, {"A-1": [a], "B-2": [b1, b2], "Z-9": []})
    assert lines == [CartLine(1, 11, 5), CartLine(1, 12, 2), CartLine(1, 12, 1)]
    reasons = [r.reason for r in rejected]
    assert "Unknown packaging 'pallet'" in reasons[0] and "Box of 12" in reasons[0]
    assert "Several sellers" in reasons[1]
    assert "No offer has the SKU 'Z-9'" in reasons[2]


def test_cart_to_csv_round_trips():
    offers = {1: make_offer(1, sku="A-1"), 2: make_offer(2, sku="=HYPERLINK(1)")}
    lines = [CartLine(1, 12, 3), CartLine(2, 21, 1), CartLine(99, 1, 1)]
    text = cart_to_csv(lines, offers)
    assert text.splitlines()[0] == "sku,quantity,packaging"
    assert "'=HYPERLINK(1)" in text  # not run as a formula by a spreadsheet
    assert accepted(text) == [("A-1", 3, "Box of 12"), ("=HYPERLINK(1)", 1, "Unit")]


def test_doubled_quotes_in_a_later_row_are_read_as_one_quote():
    # csv.Sniffer reads the first 20 rows: with no quotes there, it guesses "no doubled quotes"
    plain = "".join(f"A-{i},{i},Unit\n" for i in range(1, 26))
    text = "sku,quantity,packaging\n" + plain + 'B-2,1,"Carton ""XL"", 12"\n'
    assert accepted(text)[-1] == ("B-2", 1, 'Carton "XL", 12')
    assert len(accepted(text)) == 26
