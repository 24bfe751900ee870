"""The server's validation rules for a seller's offer fields, checked per cell before anything is sent.

Mirrors ``marketplace/schemas/catalog.py`` (OfferCreate / OfferPatch, PackagingIn, PromotionIn, PriceIn)
and ``marketplace/schemas/offer_text.py``; the server stays the authority (a 422 is still shown on the
cell). Each check returns a :class:`Problem` (a stable ``code``, an English message *template* and its
parameters: the views translate the template, then fill it in) or None.

    problem = check("stock_units", -3)          # Problem("too_small", "At least {min}.", {"min": 0})
    problem = check_delta(12, -20)               # STOCK_BELOW_ZERO (a delta: "−20 damaged")
    value = parse_cell("packagings", "carton:12|pallet:600")   # raises RuleError on bad text
    tiers = parse_cell("price_tiers", "10:3.10|100:2.60")       # [(10, Decimal("3.10")), ...]
    problems = check_after(shown_fields, {"moq_units": 12})     # the offer as it will be: tiers too

Volume prices (``price_tiers``) have rules of their own (at most 5; from 2 units, more units and a
lower price each) and rules that need the offer (each above its MOQ, the first below its price):
:func:`check_tiers` takes both, :func:`check_after` checks the offer as an edit would leave it, so an
MOQ or price edit that a tier no longer fits is flagged too (``marketplace`` refuses it with
``invalid_price_tiers``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.models.seller.fields import FieldValue

__all__ = [
    "EDITABLE_FIELDS",
    "MAX_AMOUNT",
    "MAX_UNITS",
    "Problem",
    "RuleError",
    "check",
    "check_after",
    "check_all",
    "check_tiers",
    "format_packagings",
    "format_tiers",
    "parse_cell",
    "parse_delta",
]

MAX_UNITS = 2**31 - 1
MAX_AMOUNT = Decimal("999999999999.99")
MAX_SKU, MAX_TITLE, MAX_LABEL, MAX_PACKAGING_UNITS, MAX_PACKAGINGS = 64, 300, 60, 1_000_000, 20
MAX_TIERS = 5
COLLECTIONS = ("weekly", "surplus")
#: the fields a seller edits in the table (and the bulk edits and paste write)
EDITABLE_FIELDS = ("sku", "title", "stock_units", "unit_price", "price_tiers", "moq_units", "packagings",
                   "collections", "promotion")
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


def _units(value: FieldValue, low: int, high: int) -> Problem | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return Problem("not_a_number", "Enter a whole number.")
    if value < low:
        return Problem("too_small", "At least {min}.", {"min": low})
    if value > high:
        return Problem("too_large", "At most {max}.", {"max": high})
    return None


def _line(value: FieldValue, what: str, max_length: int) -> Problem | None:
    if not isinstance(value, str) or not 1 <= len(value) <= max_length:
        return Problem("too_long" if isinstance(value, str) and value else "too_short",
                       "The {what} needs 1 to {max} characters.", {"what": what, "max": max_length})
    if _CONTROL.search(value):
        return Problem("invalid_character", "The {what} cannot contain control characters.", {"what": what})
    return None


def _price(value: FieldValue) -> Problem | None:
    if not isinstance(value, Decimal) or not value.is_finite():
        return Problem("not_a_price", "Enter a price such as 12.50.")
    if value <= 0:
        return Problem("price_too_small", "The price must be above zero.")
    if value > MAX_AMOUNT:
        return Problem("too_large", "At most {max}.", {"max": str(MAX_AMOUNT)})
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        return Problem("too_precise", "At most 2 decimals.")
    return None


def _packagings(value: FieldValue) -> Problem | None:
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


def _collections(value: FieldValue) -> Problem | None:
    if not isinstance(value, list | tuple) or any(c not in COLLECTIONS for c in value) or len(set(value)) != len(value):
        # ``names``: the views put the names the table shows (the user's language) in their place
        return Problem("invalid_collection", "Collections: {names} (a promotion is set on its own).",
                       {"names": ", ".join(COLLECTIONS)})
    return None


def _promotion(value: FieldValue, now: datetime | None = None) -> Problem | None:
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


_TIERS_FORMAT = Problem("invalid_price_tiers", "Volume prices as units:price|units:price, e.g. 10:3.10|100:2.60.")


def _tiers(value: FieldValue) -> Problem | None:
    """The rules a tier list keeps on its own (without the offer's MOQ and price)."""
    if not isinstance(value, list | tuple):
        return _TIERS_FORMAT
    if len(value) > MAX_TIERS:
        return Problem("too_many_tiers", "At most {max} volume prices.", {"max": MAX_TIERS})
    previous: tuple[int, Decimal] | None = None
    for tier in value:
        if not isinstance(tier, list | tuple) or len(tier) != 2:
            return _TIERS_FORMAT
        units, price = tier
        if _units(units, 2, MAX_UNITS) is not None:
            return Problem("tier_too_small", "A volume price starts at 2 units or more.")
        problem = _price(price)
        if problem is not None:
            return problem
        if previous is not None and units <= previous[0]:
            return Problem("tiers_not_ascending", "Each volume price needs more units than the one before.")
        if previous is not None and price >= previous[1]:
            return Problem("tier_price_not_falling", "Each volume price must be below the one before.")
        previous = (units, price)
    return None


def check_tiers(tiers: FieldValue, moq_units: int, unit_price: Decimal) -> Problem | None:
    """The server's whole rule for an offer's volume prices: their own, then each above the MOQ and
    the first below the offer's (list) price."""
    problem = _tiers(tiers)
    if problem is not None or not tiers:
        return problem
    if any(units <= moq_units for units, _price in tiers):
        return Problem("tier_not_above_moq", "Each volume price must start above the MOQ ({moq}).",
                       {"moq": moq_units})
    if tiers[0][1] >= unit_price:
        return Problem("tier_not_below_price", "The first volume price must be below the price ({price}).",
                       {"price": unit_price})
    return None


def check_after(shown: Mapping[str, Any], edit: Mapping[str, Any]) -> dict[str, Problem]:
    """The offer's tiers as ``edit`` (JSON form, each field valid on its own) would leave the offer
    ``shown`` (JSON form): {field: Problem} on the edited fields the rule is about, else {}."""
    after = {**shown, **edit}
    try:
        tiers = [(int(units), Decimal(str(price))) for units, price in after.get("price_tiers") or ()]
        problem = check_tiers(tiers, int(after["moq_units"]), Decimal(str(after["unit_price"])))
    except (KeyError, TypeError, ValueError, InvalidOperation):
        return {}  # not a whole offer (or a field already refused on its own): nothing to add
    if problem is None:
        return {}
    return {name: problem for name in ("price_tiers", "moq_units", "unit_price") if name in edit}


_CHECKS = {
    "sku": lambda v: _line(v, "SKU", MAX_SKU),
    "title": lambda v: _line(v, "title", MAX_TITLE),
    "stock_units": lambda v: _units(v, 0, MAX_UNITS),
    "moq_units": lambda v: _units(v, 1, MAX_UNITS),
    "unit_price": _price,
    "packagings": _packagings,
    "collections": _collections,
    "promotion": _promotion,
    "price_tiers": _tiers,
}


def check(name: str, value: FieldValue, *, now: datetime | None = None) -> Problem | None:
    """The server's rule for one field's (parsed) value: None when it passes."""
    if name == "promotion":
        return _promotion(value, now)
    rule = _CHECKS.get(name)
    return rule(value) if rule is not None else None


#: a stock delta ("−12 damaged") taking more than the stock holds: the one rule, wherever a delta is made
#: (a cell, a bulk "adjust stock") or sent (re-based on the server's stock, ``offer_handlers.edit_request``)
STOCK_BELOW_ZERO = Problem("stock_below_zero", "The stock would fall below zero.")


def check_delta(stock: int, delta: int) -> Problem | None:
    """The rule for a stock delta applied to ``stock``: None when the stock stays at zero or above."""
    return STOCK_BELOW_ZERO if stock + delta < 0 else None


def check_all(fields: dict[str, Any], *, now: datetime | None = None) -> dict[str, Problem]:
    return {name: p for name, value in fields.items() if (p := check(name, value, now=now)) is not None}


#: a stock typed (or pasted) as a delta: "+40 received", "-12", "−12 damaged"
_DELTA = re.compile(r"^\s*([+\-−])\s*(\d{1,9})\s*(.*)$")


def parse_delta(text: str) -> tuple[int, str] | None:
    """A stock cell's text as a delta and its note ("+40 received" → (40, "received")), or None when it
    is not one (a stock to set). A cell and a pasted cell mean the same."""
    match = _DELTA.match(str(text or ""))
    if match is None:
        return None
    return int(match.group(2)) * (-1 if match.group(1) in "-−" else 1), match.group(3).strip()


def parse_cell(name: str, text: str, *, now: datetime | None = None, names: Mapping[str, str] | None = None) -> Any:
    """A cell's (or a pasted cell's) text as the field's value; RuleError (with the Problem) when it
    cannot be read or breaks the server's rule. Numbers accept a decimal comma and spaces between
    thousands; packagings are ``label:units|label:units`` (the CSV format; ``label × units`` as the
    table shows them too), volume prices ``units:price|units:price`` (empty: none); collections are names
    separated by ``|``, ``,`` or spaces, the codes or ``names`` (the words the table shows, lower case →
    code); a promotion is ``15`` or ``15% 2027-01-31``, also as the cell shows it (``−15 % until
    2027-01-31``; empty or ``—`` ends it)."""
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
        words = text.lower()
        for shown, code in sorted(((k.lower(), v) for k, v in (names or {}).items()), key=lambda n: -len(n[0])):
            words = words.replace(shown, f" {code} ")  # longest first: a name may hold spaces
        value = sorted({c for c in re.split(r"[|,;\s]+", words) if c})
    elif name == "promotion":
        value = _parse_promotion(text)
    elif name == "price_tiers":
        value = _parse_tiers(text)
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
        label, sep, units = part.rpartition(":") if ":" in part else part.rpartition("×")
        if not sep or not re.fullmatch(r"\d+", units.strip()):
            raise RuleError(Problem("invalid_packagings",
                                    "Packagings as label:units|label:units, e.g. unit:1|carton:12."))
        result.append((label.strip(), int(units)))
    return result


def _parse_tiers(text: str) -> list[tuple[int, Decimal]]:
    """"10:3.10|100:2.60" (also "10: 3,10 | 100: 2,60", or the table's "10+ 3.10 · 100+ 2.60")."""
    result = []
    for part in (p.strip() for p in re.split(r"[|·;]", text)):
        if not part:
            continue
        match = re.fullmatch(r"(\d[\d\s\u00a0\u202f']*)\s*[:+]\s*(.+)", part)
        if not match:
            raise RuleError(_TIERS_FORMAT)
        price = _parse_decimal(match.group(2))
        result.append((_parse_int(match.group(1)), price))
    return result


def _parse_promotion(text: str) -> dict[str, Any] | None:
    if not text or text in ("-", "—"):
        return None
    # "15% 2027-01-31", or as the cell shows it: "−15 % until 2027-01-31" (the words of any language)
    match = re.fullmatch(r"[−-]?\s*(\d{1,3})\s*%?\s*(?:[^\d]*?\s*(\d{4}-\d{2}-\d{2}))?", text)
    if not match:
        raise RuleError(Problem("invalid_promotion", "A promotion as 15% 2027-01-31 (empty to end it)."))
    percent = int(match.group(1))
    ends = (datetime.fromisoformat(match.group(2)).replace(hour=23, minute=59, tzinfo=UTC)
            if match.group(2) else datetime.now(UTC).replace(microsecond=0) + _DEFAULT_PROMOTION)
    return {"discount_percent": percent, "ends_at": ends}


def format_tiers(tiers: FieldValue) -> str:
    """Volume prices (parsed or JSON form) as the cell and the CSV write them: ``10:3.10|100:2.60``."""
    return "|".join(f"{int(units)}:{Decimal(str(price)):.2f}" for units, price in tiers or ())


def format_packagings(packagings: list[tuple[str, int]] | tuple[tuple[str, int], ...]) -> str:
    return "|".join(f"{label}:{units}" for label, units in packagings)

