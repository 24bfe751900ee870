"""Refresh the translation sources and build the compiled catalogues.

    python scripts/build_translations.py            # lupdate (.ts refreshed) + lrelease (.qm built)
    python scripts/build_translations.py --release  # only build the .qm from the committed .ts
    python scripts/build_translations.py --check    # fail when a string has no translation

``pyside6-lupdate`` reads the ``self.tr()`` / ``QCoreApplication.translate()`` calls of desktop/views/
and desktop/app.py into resources/translations/bulkdesk_<lang>.ts (kept in git; English's holds only the
plural forms, written by this script); ``pyside6-lrelease``
builds resources/translations/bulkdesk_<lang>.qm next to it (not committed; the app loads it).
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TRANSLATIONS = REPO / "resources" / "translations"
LANGUAGES = ("fr", "en")
#: English is the source language: its file holds only the plural forms ("%n order(s)" → "1 order",
#: "2 orders"), which this script writes itself from the "(s)" of the source (see english_plurals)
PLURAL_ONLY = {"en"}


def tool(name: str) -> str:
    """The PySide6 tool beside this interpreter (the venv's bin), else on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} not found: install PySide6 (it ships pyside6-lupdate and pyside6-lrelease)")
    return found


def sources() -> list[str]:
    files = [*sorted((REPO / "desktop" / "views").rglob("*.py")), REPO / "desktop" / "app.py"]
    return [str(f.relative_to(REPO)) for f in files]


def unfinished(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()  # noqa: S314 - our own committed file
    missing = []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("obsolete", "vanished"):
                continue
            text = "".join(translation.itertext()).strip()
            if translation.get("type") == "unfinished" or not text:
                missing.append(f"{name}: {message.findtext('source')}")
    return missing


def english_plurals(ts: Path) -> None:
    """Fill the English file's plural forms from the source text: "(s)" is "" in the singular and "s"
    in the plural (a source without "(s)" keeps both forms as written)."""
    text = ts.read_text(encoding="utf-8")

    def forms(match: re.Match[str]) -> str:
        source = html.unescape(match.group(2))
        one, many = source.replace("(s)", ""), source.replace("(s)", "s")
        body = "".join(f"\n            <numerusform>{html.escape(f, quote=False)}</numerusform>" for f in (one, many))
        return f"{match.group(1)}<translation>{body}\n        </translation>"

    pattern = re.compile(r'(<message numerus="yes">\s*<source>([^<]*)</source>\s*'
                         r'(?:<(?:extra)?comment>[^<]*</(?:extra)?comment>\s*)*)'
                         r'<translation[^>]*>.*?</translation>', re.S)
    ts.write_text(pattern.sub(forms, text), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--release", action="store_true", help="only build the .qm files")
    parser.add_argument("--check", action="store_true", help="exit 1 when a translation is missing")
    args = parser.parse_args(argv)
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    status = 0
    for lang in LANGUAGES:
        ts = TRANSLATIONS / f"bulkdesk_{lang}.ts"
        if not args.release:
            subprocess.run(  # noqa: S603 - the venv's own tools
                [tool("pyside6-lupdate"), *sources(), "-locations", "none", "-no-obsolete",
                 *(["-pluralonly"] if lang in PLURAL_ONLY else []), "-target-language", lang, "-ts", str(ts)],
                cwd=REPO, check=True,
            )  # fmt: skip
            if lang == "en":
                english_plurals(ts)
        subprocess.run(  # noqa: S603 - the venv's own tools
            [tool("pyside6-lrelease"), str(ts), "-qm", str(TRANSLATIONS / f"bulkdesk_{lang}.qm")],
            cwd=REPO, check=True,
        )
        missing = unfinished(ts)
        if missing:
            print(f"{ts.name}: {len(missing)} string(s) without a translation:", file=sys.stderr)
            for line in missing:
                print(f"  {line}", file=sys.stderr)
            if args.check:
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
