"""Issue 29, bug 4: tracking numbers a spreadsheet rewrote are refused, each known carrier's format is
checked, and the headers the app shows (English or French) are read — on files LibreOffice Calc saved in
a French locale (tests/seller/files/make_tracking_calc_fr.sh says how they were made)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.models.seller.tracking_csv import HEADERS, carrier_name, header_key, parse_tracking
from desktop.models.seller.tracking_numbers import FORMATS, number_problem
from tests.seller.tracking_files import calc_file
from tests.support.order_factory import order

TS = Path(__file__).parents[2] / "resources" / "translations" / "bulkdesk_fr.ts"


@pytest.mark.parametrize("cell", ["3,40434161234568E+017", "3.40434161234568E+17", "3,4E+17", "1e20", "-2E-3",
                                  "3,40434161234568E+017 "])
def test_numbers_in_scientific_notation_are_refused(cell):
    assert number_problem(cell, None) == "scientific_notation"
    assert number_problem(cell, "DHL") == "scientific_notation"


@pytest.mark.parametrize(("carrier", "good", "bad"), [
    ("UPS", ["1Z999AA10123456784", "1z 999 aa1 01 2345 6784"], ["1Z999AA1012345678", "1Z-5521", "999AA10123456784"]),
    ("DHL", ["1234567890", "00340434161234567890", "JJD000390007890123456", "JD014600006101234567"],
     ["12345", "JD0001", "3404341612345678"]),
    ("DPD", ["01234567890123", "0123 4567 8901 23"], ["0123456789012", "01234567890123X"]),
    ("GLS", ["12345678901", "123456789012"], ["1234567890", "1234567890123", "GLS-7781"]),
    ("Colissimo", ["AA123456789FR", "6A12345678901", "12345678901", "123456789012345"],
     ["A123456789FR", "1234567890", "1234567890123456"]),
])
def test_each_known_carrier_format_is_checked(carrier, good, bad):
    assert carrier in FORMATS
    for number in good:
        assert number_problem(number, carrier) is None, number
    for number in bad:
        assert number_problem(number, carrier) == "carrier_format", number


def test_a_carrier_without_a_known_format_is_not_checked():
    for carrier in ("FedEx", "TNT", "PostNL", "Own van", None):
        assert number_problem("VAN-7", carrier) is None


def test_the_headers_the_app_shows_are_read_in_either_language():
    """The column titles the upload dialog, the fulfilment table and the Mark shipped dialog show, and
    their French translations as the app ships them, each name its column."""
    ts = TS.read_text(encoding="utf-8")
    labels = {"order_ref": ("Order", "Reference"), "carrier": ("Carrier",),
              "tracking_number": ("Tracking number", "Tracking")}
    keys = {column: {header_key(h) for h in headers} for column, headers in HEADERS.items()}
    for column, sources in labels.items():
        for source in sources:
            french = re.findall(rf"<source>{re.escape(source)}</source>\s*<translation>([^<]+)</translation>", ts)
            assert french, source
            for text in (source, *french):
                assert header_key(text) in keys[column], (column, text)
    for spelling in ("N° de suivi", "Nº de suivi", "No de suivi", "Numéro de suivi", "NUMERO DE SUIVI",
                     "n°_de_suivi", "Tracking #", "Tracking no."):
        assert header_key(spelling) in keys["tracking_number"], spelling


def test_a_file_calc_saved_in_french_is_read_and_its_scientific_number_refused():
    refs = {"REF-A": "O-AAAA2222-1", "REF-B": "O-BBBB3333-1", "REF-C": "O-CCCC4444-1"}
    orders = {ref: order(ref=ref) for ref in refs.values()}
    damaged = parse_tracking(calc_file("tracking-calc-fr-general.csv", refs), orders, "suivi.csv")
    assert not damaged.unreadable  # "N° de suivi", semicolons, Windows-1252: read
    assert [(p.row, p.column, p.code, p.value) for p in damaged.problems] == [
        (2, "tracking_number", "scientific_notation", "3,40434161234568E+017|DHL")]
    assert not damaged.clean
    kept = parse_tracking(calc_file("tracking-calc-fr-text.csv", refs), orders, "suivi.csv")
    assert kept.clean and kept.problems == [] and kept.warnings == []
    assert [(u.order_ref, u.carrier, u.tracking_number) for u in kept.updates] == [
        (refs["REF-A"], "DHL", "00340434161234567890"), (refs["REF-B"], "UPS", "1Z999AA10123456784"),
        (refs["REF-C"], "GLS", "12345678901")]


def test_a_number_in_the_wrong_format_stops_the_upload():
    data = b"order_ref;carrier;tracking_number\nO-1;ups;1Z-5521\nO-2;Own van;VAN-7\n"
    report = parse_tracking(data, {"O-1": order(ref="O-1"), "O-2": order(ref="O-2")})
    assert [(p.row, p.code, p.value) for p in report.problems] == [(2, "carrier_format", "1Z-5521|UPS")]
    assert [u.order_ref for u in report.updates] == ["O-2"] and carrier_name("ups") == "UPS"
