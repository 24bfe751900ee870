"""Phrases with a count, for module-level text functions (the cart's quote texts, an order's lines).

Qt picks the plural form of a language from the count (``%n``, ``%Ln`` with the locale's digit grouping),
but lupdate reads plural forms only from a class's ``self.tr(text, "", n)``: these phrases live on one
QObject so that functions outside a widget get them too (``counts().units(12)`` → "12 units").
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject

__all__ = ["Counts", "counts"]


class Counts(QObject):
    def units(self, n: int) -> str:
        return self.tr("%Ln unit(s)", "", n)

    def below_moq(self, n: int) -> str:
        return self.tr("Below the minimum order of %Ln unit(s).", "", n)

    def only_available(self, n: int) -> str:
        return self.tr("Only %Ln unit(s) available.", "", n)

    def moq(self, n: int) -> str:
        """In an offer's facts: "MOQ 24 units"."""
        return self.tr("MOQ %Ln unit(s)", "", n)

    def in_stock(self, n: int) -> str:
        return self.tr("%Ln unit(s) in stock", "", n)

    def only_in_stock(self, n: int) -> str:
        return self.tr("Only %Ln unit(s) in stock.", "", n)

    def raise_to(self, n: int) -> str:
        return self.tr("Raise to %Ln unit(s)", "", n)

    def lower_to(self, n: int) -> str:
        return self.tr("Lower to %Ln unit(s)", "", n)

    def tier_from(self, n: int) -> str:
        """A volume price's row: "From 100 units"."""
        return self.tr("From %Ln unit(s)", "", n)

    def volume_price_from(self, n: int) -> str:
        """Under a cart line's unit price when a volume price applies: "Volume price from 100 units"."""
        return self.tr("Volume price from %Ln unit(s)", "", n)

    def next_tier_hint(self, packagings: int, label: str, packaging_units: int, price: str) -> str:
        """"Add 3 × Carton of 12 to reach €2.60 per unit" ("Add 7 more units…" for a packaging of one)."""
        if packaging_units <= 1:
            return self.tr("Add %Ln more unit(s) to reach %1 per unit", "", packagings).replace("%1", price)
        return self.tr("Add %Ln × %1 to reach %2 per unit", "", packagings).replace("%1", label).replace(
            "%2", price)

    def order_line(self, quantity: int, packaging: str, units: int) -> str:
        """"2 × Box of 10 (20 units)"."""
        return self.tr("%1 × %2 (%Ln unit(s))", "", units).replace("%1", str(quantity)).replace("%2", packaging)

    def lines_added(self, added: int, total: int) -> str:
        """"2 of 3 lines added to the cart."."""
        return self.tr("%1 of %Ln line(s) added to the cart.", "", total).replace("%1", str(added))


@cache
def counts() -> Counts:
    """The one Counts object (made on first use, on the GUI thread)."""
    return Counts()
