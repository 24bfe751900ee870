"""The server's validation rules for a seller's offer fields, checked per cell before anything is sent.

Mirrors ``marketplace/schemas/catalog.py`` (OfferCreate / OfferPatch, PackagingIn, PromotionIn, PriceIn)
and ``marketplace/schemas/offer_text.py``; the server stays the authority (a 422 is still shown on the
cell). Each check returns a :class:`Problem` (a stable ``code``, an English message *template* and its
parameters: the views translate the template, then fill it in) or None.

    problem = check("stock_units", -3)          # Problem("too_small", "At least {min}.", {"min": 0})
    value = parse_cell("packagings", "carton:12|pallet:600")   # raises RuleError on bad text
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = [
    "EDITABLE_FIELDS",
    "MAX_AMOUNT",
    "MAX_UNITS",
    "Problem",
    "RuleError",
    "check",
    "check_all",
    "format_packagings",
    "parse_cell",
]

MAX_UNITS = 2**31 - 1
MAX_AMOUNT = Decimal("999999999999.99")
MAX_SKU, MAX_TITLE, MAX_LABEL, MAX_PACKAGING_UNITS, MAX_PACKAGINGS = 64, 300, 60, 1_000_000, 20
COLLECTIONS = ("weekly", "surplus")
#: the fields a seller edits in the table (and the bulk edits and paste write)
EDITABLE_FIELDS = ("sku", "title", "stock_units", "unit_price", "moq_units", "packagings", "collections",
                   "promotion")
#: a promotion typed without an end date runs two weeks
_DEFAULT_PROMOTION = timedelta(days=14)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Problem:
    code: str
    template: str  # English, with {name} placeholders; views translate it (context "SellerRules")
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.template.format(**self.params)


class RuleError(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _units(value: Any, low: int, high: int) -> Problem | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return Problem("not_a_number", "Enter a whole number.")
    if value < low:
        return Problem("too_small", "At least {min}.", {"min": low})
    if value > high:
        return Problem("too_large", "At most {max}.", {"max": high})
    return None


def _line(value: Any, what: str, max_length: int) -> Problem | None:
    if not isinstance(value, str) or not 1 <= len(value) <= max_length:
        return Problem("too_long" if isinstance(value, str) and value else "too_short",
                       "The {what} needs 1 to {max} characters.", {"what": what, "max": max_length})
    if _CONTROL.search(value):
        return Problem("invalid_character", "The {what} cannot contain control characters.", {"what": what})
    return None


def _price(value: Any) -> Problem | None:
    if not isinstance(value, Decimal) or not value.is_finite():
        return Problem("not_a_price", "Enter a price such as 12.50.")
    if value <= 0:
        return Problem("price_too_small", "The price must be above zero.")
    if value > MAX_AMOUNT:
        return Problem("too_large", "At most {max}.", {"max": str(MAX_AMOUNT)})
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        return Problem("too_precise", "At most 2 decimals.")
    return None


def _packagings(value: Any) -> Problem | None:
    if not isinstance(value, list | tuple) or not value:
        return Problem("required", "At least one packaging, e.g. unit:1.")
    if len(value) > MAX_PACKAGINGS:
        return Problem("too_many", "At most {max} packagings.", {"max": MAX_PACKAGINGS})
    labels = []
    for label, units in value:
        if not isinstance(label, str) or not 1 <= len(label) <= MAX_LABEL or "|" in label or ":" in label:
            return Problem("invalid_label", "A packaging label needs 1 to {max} characters, without | or :.",
                           {"max": MAX_LABEL})
        problem = _units(units, 1, MAX_PACKAGING_UNITS)
        if problem:
            return Problem("invalid_units", "Units per packaging: 1 to {max}.", {"max": MAX_PACKAGING_UNITS})
        labels.append(label.lower())
    if len(set(labels)) != len(labels):
        return Problem("duplicate_packaging", "Each packaging needs its own label.")
    return None


def _collections(value: Any) -> Problem | None:
    if not isinstance(value, list | tuple) or any(c not in COLLECTIONS for c in value) or len(set(value)) != len(value):
        return Problem("invalid_collection", "Collections: weekly, surplus (a promotion is set on its own).")
    return None


def _promotion(value: Any, now: datetime | None = None) -> Problem | None:
    if value is None:
        return None  # ends a promotion
    percent, ends_at = value.get("discount_percent"), value.get("ends_at")
    if isinstance(percent, bool) or not isinstance(percent, int) or not 1 <= percent <= 90:
        return Problem("invalid_discount", "A discount of 1 to 90 %.")
    if not isinstance(ends_at, datetime) or ends_at.tzinfo is None:
        return Problem("naive_datetime", "Give the promotion's end date.")
    if ends_at <= (now or datetime.now(UTC)):
        return Problem("in_the_past", "The promotion must end in the future.")
    return None


_CHECKS = {
    "sku": lambda v: _line(v, "SKU", MAX_SKU),
    "title": lambda v: _line(v, "title", MAX_TITLE),
    "stock_units": lambda v: _units(v, 0, MAX_UNITS),
    "moq_units": lambda v: _units(v, 1, MAX_UNITS),
    "unit_price": _price,
    "packagings": _packagings,
    "collections": _collections,
    "promotion": _promotion,
}


def check(name: str, value: Any, *, now: datetime | None = None) -> Problem | None:
    """The server's rule for one field's (parsed) value: None when it passes."""
    if name == "promotion":
        return _promotion(value, now)
    rule = _CHECKS.get(name)
    return rule(value) if rule is not None else None


def check_all(fields: dict[str, Any], *, now: datetime | None = None) -> dict[str, Problem]:
    return {name: p for name, value in fields.items() if (p := check(name, value, now=now)) is not None}


def parse_cell(name: str, text: str, *, now: datetime | None = None) -> Any:
    """A cell's (or a pasted cell's) text as the field's value; RuleError (with the Problem) when it
    cannot be read or breaks the server's rule. Numbers accept a decimal comma and spaces between
    thousands; packagings are ``label:units|label:units`` (the CSV format); collections are names
    separated by ``|``, ``,`` or spaces; a promotion is ``15`` or ``15% 2027-01-31`` (empty ends it)."""
    text = (text or "").strip()
    if name in ("sku", "title"):
        value: Any = text
    elif name in ("stock_units", "moq_units"):
        value = _parse_int(text)
    elif name == "unit_price":
        value = _parse_decimal(text)
    elif name == "packagings":
        value = _parse_packagings(text)
    elif name == "collections":
        value = sorted({c.lower() for c in re.split(r"[|,;\s]+", text) if c})
    elif name == "promotion":
        value = _parse_promotion(text)
    else:
        raise RuleError(Problem("not_editable", "This column cannot be edited."))
    problem = check(name, value, now=now)
    if problem is not None:
        raise RuleError(problem)
    return value


def _parse_int(text: str) -> int:
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", text)
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        raise RuleError(Problem("not_a_number", "Enter a whole number."))
    return int(cleaned)


def _parse_decimal(text: str) -> Decimal:
    cleaned = re.sub(r"[\s\u00a0\u202f€$£]", "", text)
    if "," in cleaned and "." in cleaned:  # 1.234,50 or 1,234.50: the last one is the decimal mark
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise RuleError(Problem("not_a_price", "Enter a price such as 12.50.")) from None
    if not value.is_finite():
        raise RuleError(Problem("not_a_price", "Enter a price such as 12.50."))
    return value


def _parse_packagings(text: str) -> list[tuple[str, int]]:
    result = []
    for part in (p.strip() for p in text.split("|")):
        if not part:
            continue
        label, sep, units = part.rpartition(":")
        if not sep or not re.fullmatch(r"\d+", units.strip()):
            raise RuleError(Problem("invalid_packagings",
                                    "Packagings as label:units|label:units, e.g. unit:1|carton:12."))
        result.append((label.strip(), int(units)))
    return result


def _parse_promotion(text: str) -> dict[str, Any] | None:
    if not text or text in ("-", "—"):
        return None
    match = re.fullmatch(r"(\d{1,3})\s*%?\s*(?:(?:until|to|→|jusqu'au)?\s*(\d{4}-\d{2}-\d{2}))?", text)
    if not match:
        raise RuleError(Problem("invalid_promotion", "A promotion as 15% 2027-01-31 (empty to end it)."))
    percent = int(match.group(1))
    ends = (datetime.fromisoformat(match.group(2)).replace(hour=23, minute=59, tzinfo=UTC)
            if match.group(2) else datetime.now(UTC).replace(microsecond=0) + _DEFAULT_PROMOTION)
    return {"discount_percent": percent, "ends_at": ends}


def format_packagings(packagings: list[tuple[str, int]] | tuple[tuple[str, int], ...]) -> str:
    return "|".join(f"{label}:{units}" for label, units in packagings)

