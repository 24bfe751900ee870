"""The import report speaks the app's language for every row error of the import format (issue 29:
"The title needs 1 to 300 characters." stayed English in a French report)."""

from __future__ import annotations

import pytest

from desktop.models.seller.import_check import ReportRow
from desktop.views.seller.import_report_model import server_text


@pytest.mark.parametrize(("code", "field", "message", "expected"), [
    ("invalid_title", "title", "The title needs 1 to 300 characters.", "Le titre doit compter de 1 à 300 caractères."),
    ("invalid_sku", "sku", "The SKU needs 1 to 64 characters.", "Le SKU doit compter de 1 à 64 caractères."),
    ("invalid_character", "title", "The title cannot contain control characters (NUL, tab, line breaks).",
     "Le titre ne peut pas contenir de caractères de contrôle (NUL, tabulation, saut de ligne)."),
    ("invalid_version", "version", "The offer's version as the export writes it (a whole number), or empty.",
     "La version de l’offre telle que l’export l’écrit (un nombre entier), ou vide."),
])
def test_server_row_errors_in_french(french, code, field, message, expected):
    assert server_text(ReportRow(2, "A-1", field, code, message, value="x")) == expected
