"""docs/accessibility.md lists every shortcut of the app (issue 30): its "Keyboard shortcuts" table is
``keyboard.SHORTCUTS`` row for row (keys, where, what), so that a shortcut added to the app and not to
the page, or changed in one and not the other, fails here."""

from __future__ import annotations

from pathlib import Path

from desktop.views.window.keyboard import SHORTCUTS

DOC = Path(__file__).resolve().parents[2] / "docs" / "accessibility.md"
GO_ROW = "Ctrl+1 … Ctrl+4"  # the Go menu's pages: made from the window's pages, not from SHORTCUTS


def shortcuts_section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("\n## Keyboard shortcuts\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def doc_rows() -> list[tuple[str, str, str]]:
    """The rows of the section's table (the header and its rule left out)."""
    rows = []
    for line in shortcuts_section().splitlines():
        if not line.startswith("|"):
            continue
        cells = tuple(c.strip() for c in line.strip().strip("|").split("|"))
        if cells[0] in ("keys", "---"):
            continue
        assert len(cells) == 3, f"a shortcuts row has three cells: {line!r}"
        rows.append(cells)
    return rows


def test_the_doc_has_no_placeholder_left_for_the_shortcuts():
    assert "(filled from" not in shortcuts_section()


def test_every_shortcut_of_the_table_is_in_the_doc_with_its_keys_place_and_job():
    documented = doc_rows()
    for shortcut in SHORTCUTS:
        row = (", ".join(shortcut.keys), shortcut.where, shortcut.what)
        assert row in documented, f"shortcut {shortcut.name!r} is missing from docs/accessibility.md: {row}"


def test_the_doc_lists_no_shortcut_the_app_does_not_have_in_the_apps_order():
    expected = [(", ".join(s.keys), s.where, s.what) for s in SHORTCUTS]
    listed = [row for row in doc_rows() if row[0] != GO_ROW]
    assert listed == expected
    assert [row[0] for row in doc_rows()].count(GO_ROW) == 1
