"""The CSV import and export against the real reference server, as the demo seller."""

from __future__ import annotations

import csv
import io

import pytest

from desktop.models.seller.import_check import (
    FileChanged,
    apply_check,
    check_file,
    export_offers,
    select_rows,
)

from . import live_csv
from .live_csv import new_rows, to_csv

client = live_csv.client  # the demo seller (a fixture)


@pytest.mark.parametrize(("encoding", "bom", "delimiter", "comma"), [
    ("utf-8", b"", ",", False), ("utf-8", b"\xef\xbb\xbf", ";", True), ("utf-16", b"", "\t", False),
    ("cp1252", b"", ";", True), ("cp1252", b"", "\t", False)])
def test_a_file_in_each_encoding_and_delimiter_is_checked_then_imported(client, encoding, bom, delimiter, comma):
    rows = new_rows(client, 3, unit_price="12,50" if comma else "12.50")
    data = bom + to_csv(rows, delimiter).encode(encoding)
    check = check_file(client.seller, data, name="offers.csv")
    assert check.clean, check.rows
    assert (check.created, check.updated, check.unchanged) == (3, 0, 0)
    assert not [o for o in client.seller.offers(q=rows[0]["sku"])]  # the dry run wrote nothing
    done = apply_check(client.seller, check, data)
    assert done.applied and done.created == 3
    made = {o.sku: o for o in client.seller.offers(q=rows[0]["sku"].split("-")[0])}
    assert made[rows[0]["sku"]].title == "Lot 0 « test »"
    assert str(made[rows[0]["sku"]].unit_price.amount) == "12.50"


def test_a_10000_row_file_with_errors_gets_every_error_row(client):
    rows = new_rows(client, 10_000)
    for i in range(0, 10_000, 7):
        rows[i]["stock_units"] = "-3"
    for i in range(3, 10_000, 11):
        rows[i]["unit_price"] = "12,5,0"
    check = check_file(client.seller, to_csv(rows).encode())
    expected_server = {i + 2 for i in range(0, 10_000, 7)}
    expected_read = {i + 2 for i in range(3, 10_000, 11)}
    assert {r.row for r in check.rows if r.code == "invalid_number"} == expected_server
    assert {r.row for r in check.rows if r.code == "not_a_price"} == expected_read
    assert not [r for r in check.rows if r.field == "unit_price" and r.problem is None]  # said once, by the app
    assert check.error_rows == len(expected_server | expected_read)
    assert all(r.sku == rows[r.row - 2]["sku"] for r in check.rows)
    with pytest.raises(ValueError):
        apply_check(client.seller, check, to_csv(rows).encode())


def test_export_edit_import_round_trips_with_untouched_rows_unchanged(client, tmp_path):
    rows = new_rows(client, 4)
    data = to_csv(rows).encode()
    assert apply_check(client.seller, check_file(client.seller, data), data).applied
    path = tmp_path / "offers.csv"
    total = export_offers(client.seller, path)
    text = path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and total == len(list(client.seller.offers()))
    records = list(csv.reader(io.StringIO(text.decode("utf-8-sig"), newline="")))
    stock = records[0].index("stock_units")
    for record in records:
        if record[0] == rows[1]["sku"]:
            record[stock] = "77"
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(records)  # saved again: semicolons, a BOM
    check = check_file(client.seller, out.getvalue().encode("utf-8-sig"))
    assert check.clean, check.rows[:3]
    assert (check.created, check.updated, check.unchanged) == (0, 1, total - 1)


def test_export_of_a_selection_has_only_those_rows_and_reimports_unchanged(client, tmp_path):
    rows = new_rows(client, 3)
    data = to_csv(rows).encode()
    apply_check(client.seller, check_file(client.seller, data), data)
    path = tmp_path / "selection.csv"
    assert export_offers(client.seller, path, [rows[0]["sku"], rows[2]["sku"]]) == 2
    assert [r["sku"] for r in csv.DictReader(io.StringIO(path.read_text("utf-8-sig")))] == [
        rows[0]["sku"], rows[2]["sku"]]
    check = check_file(client.seller, path.read_bytes())
    assert check.clean and (check.created, check.updated, check.unchanged) == (0, 0, 2)
    assert select_rows("sku,title\r\n'=X,a\r\nB,b\r\n", ["=X"]) == "sku,title\r\n'=X,a\r\n"


def test_update_only_refuses_unknown_skus_and_writes_nothing(client):
    known = new_rows(client, 1)
    data = to_csv(known).encode()
    apply_check(client.seller, check_file(client.seller, data), data)
    unknown = new_rows(client, 1)
    mixed = to_csv([{**known[0], "stock_units": "5"}, *unknown]).encode()
    check = check_file(client.seller, mixed, update_only=True)
    assert [(r.row, r.sku, r.code) for r in check.rows] == [(3, unknown[0]["sku"], "unknown_sku")]
    assert not check.clean and not list(client.seller.offers(q=unknown[0]["sku"]))


def test_unreadable_files_are_never_sent_and_a_changed_file_is_checked_again(client):
    check = check_file(client.seller, b"\x00\x01binary", name="photo.png")
    assert check.unreadable and check.rows[0].code == "not_text" and check.server_seconds == 0
    rows = new_rows(client, 1)
    data = to_csv(rows).encode()
    check = check_file(client.seller, data)
    with pytest.raises(FileChanged):
        apply_check(client.seller, check, data + b"\r\n")
