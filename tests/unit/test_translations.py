"""Every user-visible string of the views has a French translation (the committed .ts is complete)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import build_translations  # noqa: E402


def test_every_string_in_the_sources_is_translated_to_french(tmp_path):
    ts = tmp_path / "bulkdesk_fr.ts"
    shutil.copy(build_translations.TRANSLATIONS / "bulkdesk_fr.ts", ts)
    subprocess.run(
        [build_translations.tool("pyside6-lupdate"), *build_translations.sources(), "-locations", "none",
         "-no-obsolete", "-target-language", "fr", "-ts", str(ts)],
        cwd=ROOT, check=True, capture_output=True,
    )
    assert build_translations.unfinished(ts) == []


def test_the_check_notices_a_missing_translation(tmp_path):
    ts = tmp_path / "x.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="fr"><context>'
                  "<name>CartPage</name><message><source>Checkout…</source>"
                  '<translation type="unfinished"></translation></message></context></TS>')
    assert build_translations.unfinished(ts) == ["CartPage: Checkout…"]


def test_every_count_in_the_sources_has_its_english_plural_forms(tmp_path):
    ts = tmp_path / "bulkdesk_en.ts"
    shutil.copy(build_translations.TRANSLATIONS / "bulkdesk_en.ts", ts)
    subprocess.run(
        [build_translations.tool("pyside6-lupdate"), *build_translations.sources(), "-locations", "none",
         "-no-obsolete", "-pluralonly", "-target-language", "en", "-ts", str(ts)],
        cwd=ROOT, check=True, capture_output=True,
    )
    assert build_translations.unfinished(ts) == []  # scripts/build_translations.py writes them


def test_english_plural_forms_come_from_the_sources_s(tmp_path):
    ts = tmp_path / "en.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="en"><context>'
                  '<name>OrdersPage</name><message numerus="yes"><source>%n order(s) for %1</source>'
                  '<translation type="unfinished"><numerusform></numerusform></translation></message></context></TS>')
    build_translations.english_plurals(ts)
    assert build_translations.unfinished(ts) == []
    assert "<numerusform>%n order for %1</numerusform>" in ts.read_text()
    assert "<numerusform>%n orders for %1</numerusform>" in ts.read_text()
