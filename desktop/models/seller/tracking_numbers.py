"""What a tracking number may look like: not a number a spreadsheet rewrote, and in its carrier's format
where that format is known.

    number_problem("3,40434161234568E+017", "DHL")   # "scientific_notation"
    number_problem("1Z999AA1012345678", "UPS")       # "carrier_format" (1Z + 16, here 15)
    number_problem("1Z999AA10123456784", "UPS")      # None

A spreadsheet (LibreOffice Calc, Excel) reads a long run of digits such as the SSCC ``00340434161234567890``
as a number: the leading zeros go, and a CSV saved "as shown" holds ``3,40434161234568E+017`` — the digits
past the 15th are lost for good, so the buyer's carrier link is dead. Such a cell is refused, never
"repaired".

The formats (spaces and hyphens ignored, letters in any case) are the carriers' published ones for the
services a surplus seller ships with; a carrier not in :data:`FORMATS` (FedEx, TNT, PostNL, any other) is
not checked, because its numbering has too many variants to refuse a number safely:

=========== =====================================================================================
UPS         ``1Z`` + 16 letters or digits (``1Z999AA10123456784``)
DHL         Express: 10 digits; Paket: 12 or 20 digits; eCommerce / Parcel: ``JJD`` or ``JVGL`` +
            digits, or ``JD`` + 18 digits
DPD         14 digits
GLS         11 or 12 digits
Colissimo   La Poste's international form: 2 letters, 9 digits, 2 letters (``AA123456789FR``); a
            Colissimo parcel: a digit, a letter, 11 digits (``6A12345678901``); or 11 to 15 digits
=========== =====================================================================================
"""

from __future__ import annotations

import re

__all__ = ["FORMATS", "compact", "number_problem"]

#: carrier (as :data:`.tracking_csv.CARRIERS` spells it) → the whole-number pattern of its numbers
FORMATS: dict[str, re.Pattern[str]] = {
    "UPS": re.compile(r"1Z[0-9A-Z]{16}"),
    "DHL": re.compile(r"\d{10}|\d{12}|\d{20}|JJD\d{16,20}|JVGL\d{10,20}|JD\d{18}"),
    "DPD": re.compile(r"\d{14}"),
    "GLS": re.compile(r"\d{11,12}"),
    "Colissimo": re.compile(r"[A-Z]{2}\d{9}[A-Z]{2}|\d[A-Z]\d{11}|\d{11,15}"),
}
#: what a number becomes once a spreadsheet took it for a number: 3,40434161234568E+017, 3.4E17, 1e+20
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d*)?\s*[eE]\s*[+-]?\d+")


def compact(number: str) -> str:
    """The number as carriers compare it: no spaces or hyphens, upper case."""
    return re.sub(r"[\s\-]+", "", number).upper()


def number_problem(number: str, carrier: str | None) -> str | None:
    """Why ``number`` cannot be sent for ``carrier`` (the marketplace's spelling, or None): the code
    ``scientific_notation`` or ``carrier_format``; None when it may be sent."""
    text = number.strip()
    if _SCIENTIFIC.fullmatch(text):
        return "scientific_notation"
    pattern = FORMATS.get(carrier or "")
    if pattern is not None and not pattern.fullmatch(compact(text)):
        return "carrier_format"
    return None
