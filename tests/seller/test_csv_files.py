"""Reading CSV files as spreadsheets write them (no server): encodings, delimiters, decimal commas, and
what cannot be read named by row and column."""

from __future__ import annotations

import codecs
import csv
import io

import pytest

from desktop.models.seller.csv_files import UnreadableFile, normalise_offers

HEADER = ["sku", "title", "category", "unit_price", "currency", "stock_units", "moq_units", "packagings",
          "collections", "warehouse"]
ROWS = [["A-1", "Éponge « pro »; bleue", "Cleaning", "12.50", "EUR", "10", "1", "unit:1|carton:12", "", "PAR"],
        ["A-2", "Seau, 10 L", "Cleaning", "4", "EUR", "0", "1", "unit:1", "weekly", "PAR"]]


def spreadsheet(rows, delimiter=",", header=HEADER) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    return out.getvalue()


def canonical_rows(data: bytes):
    result = normalise_offers(data)
    return result, list(csv.reader(io.StringIO(result.text, newline="")))


@pytest.mark.parametrize(("encoding", "bom", "label"), [
    ("utf-8", b"", "UTF-8"), ("utf-8", codecs.BOM_UTF8, "UTF-8 BOM"), ("utf-16", b"", "UTF-16"),
    ("cp1252", b"", "Windows-1252")])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_each_encoding_and_delimiter_reads_to_the_same_canonical_csv(encoding, bom, label, delimiter):
    rows = [[cell.replace("12.50", "12,50") if delimiter == ";" else cell for cell in r] for r in ROWS]
    result, records = canonical_rows(bom + spreadsheet(rows, delimiter).encode(encoding))
    assert (result.table.encoding, result.table.delimiter) == (label, delimiter)
    assert records == [HEADER, *ROWS] and result.problems == [] and result.rows == 2
    assert result.decimal_comma == (delimiter == ";")


def test_a_decimal_comma_said_by_the_header_note_or_by_every_price():
    header = [*HEADER[:3], "Unit price (decimal comma)", *HEADER[4:]]
    noted = [[*r[:3], "1.250", *r[4:]] for r in ROWS]  # thousands point in a decimal-comma column
    _, records = canonical_rows(spreadsheet(noted, ";", header).encode())
    assert [r[3] for r in records[1:]] == ["1250", "1250"]
    consistent = [[*ROWS[0][:3], "1 250,5", *ROWS[0][4:]], [*ROWS[1][:3], "3,75", *ROWS[1][4:]]]
    result, records = canonical_rows(spreadsheet(consistent, ";").encode())
    assert result.decimal_comma and [r[3] for r in records[1:]] == ["1250.5", "3.75"]
    points = [[*ROWS[0][:3], "1,250.50", *ROWS[0][4:]], ROWS[1]]
    result, records = canonical_rows(spreadsheet(points).encode())
    assert not result.decimal_comma and [r[3] for r in records[1:]] == ["1250.50", "4"]


def test_the_decimal_sign_most_prices_use_wins_and_the_others_are_named():
    rows = [[*ROWS[0][:3], p, *ROWS[0][4:]] for p in ("12,50", "3,75", "7.25", "8")]
    result, records = canonical_rows(spreadsheet(rows, ";").encode())
    assert result.decimal_comma and [r[3] for r in records[1:]] == ["12.50", "3.75", "7.25", "8"]
    assert [(p.row, p.code, p.value) for p in result.problems] == [(4, "mixed_decimal", "7.25")]


def test_a_price_that_is_no_number_or_mixes_decimal_signs_names_its_row_and_column():
    rows = [ROWS[0], [*ROWS[1][:3], "3.75", *ROWS[1][4:]]]
    rows += [[f"B-{i}", "T", "Cleaning", price, "EUR", "1", "1", "unit:1", "", "PAR"]
             for i, price in enumerate(["12,5,0", "abc", "4,5"])]
    result = normalise_offers(spreadsheet(rows).encode())
    assert [(p.row, p.column, p.code, p.value, p.sku) for p in result.problems] == [
        (4, "unit_price", "not_a_price", "12,5,0", "B-0"), (5, "unit_price", "not_a_price", "abc", "B-1"),
        (6, "unit_price", "mixed_decimal", "4,5", "B-2")]


def test_undecodable_bytes_and_files_of_no_known_header_are_unreadable():
    data = spreadsheet(ROWS).encode("cp1252").replace(b"Seau", b"Se\x81u")
    with pytest.raises(UnreadableFile) as bad:
        normalise_offers(data)
    assert (bad.value.problem.row, bad.value.problem.column, bad.value.problem.code) == (3, "title", "unreadable_text")
    for data, code in ((b"", "empty_file"), (b"order,carrier\r\nX,Y\r\n", "no_header"),
                       (b"\x89PNG\r\n\x1a\n\x00\x00", "not_text")):
        with pytest.raises(UnreadableFile) as bad:
            normalise_offers(data)
        assert bad.value.problem.code == code


def test_a_cell_over_several_lines_keeps_the_rows_the_server_names():
    rows = [[*ROWS[0][:1], "Two\nlines", *ROWS[0][2:]], ROWS[1]]
    result = normalise_offers(spreadsheet(rows).encode())
    assert result.source_row(2) == 2 and result.source_row(4) == 3  # A-2 starts on line 4, is row 3
