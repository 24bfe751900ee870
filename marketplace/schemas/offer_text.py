"""The one rule for an offer's one-line texts (SKU, title), whichever way the offer is written: the
JSON API (create, PATCH) through pydantic, the CSV import by calling `line_problem` itself."""

from __future__ import annotations

import re

MAX_SKU = 64
MAX_TITLE = 300
#: Unicode's control characters (category Cc): C0, DEL and C1
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def line_problem(value: str, what: str, max_length: int) -> tuple[str, str] | None:
    """(code, message) when ``value`` (already trimmed) is not a valid one-line text, else None.
    Control characters (NUL, tab, line breaks, escape, C1 codes) are refused: they break lists,
    exports and terminals, and PostgreSQL cannot store a NUL."""
    if not 1 <= len(value) <= max_length:
        code = "too_long" if len(value) > max_length else "too_short"
        return code, f"The {what} needs 1 to {max_length} characters."
    if _CONTROL.search(value):
        return "invalid_character", f"The {what} cannot contain control characters (NUL, tab, line breaks)."
    return None


def _checker(what: str, max_length: int):
    def check(value: str) -> str:
        problem = line_problem(value, what, max_length)
        if problem:
            raise ValueError(f"{problem[0]}: {problem[1]}")
        return value

    return check


check_sku = _checker("SKU", MAX_SKU)
check_title = _checker("title", MAX_TITLE)
