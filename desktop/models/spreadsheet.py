"""CSV cells that a spreadsheet opens as text: no formula injection (=, +, -, @, tab, CR).

Exports put such a cell behind an apostrophe, as spreadsheets themselves write text that looks like a
formula; imports of our own files take it off again, so an export re-imports unchanged."""

from __future__ import annotations

__all__ = ["FORMULA_PREFIXES", "formula_guard", "strip_formula_guard"]

#: what makes a spreadsheet run a cell as a formula (or split it: tab, carriage return)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def formula_guard(value: str) -> str:
    """`value` behind an apostrophe when a spreadsheet would run it as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def strip_formula_guard(value: str) -> str:
    """The inverse of :func:`formula_guard` (other text, apostrophes included, is kept as it is)."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES) else value
