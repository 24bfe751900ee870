"""Names the reference server gives in English only (its three shipping methods, fixed in its quote
service), worded here in the UI language; any other name as the server sends it. Context ``ServerTexts``.

The server's category names come in the asked language instead (``Accept-Language``) and the order
timeline as codes (see order_display/timeline.py): docs/server.md, "Texts in the user's language"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

__all__ = ["shipping_method_name"]


def shipping_method_name(name: str | None) -> str:
    """"Standard freight" → "Transport standard" in French; an unknown method's name unchanged."""
    names = {
        "Standard freight": QCoreApplication.translate("ServerTexts", "Standard freight"),
        "Express freight": QCoreApplication.translate("ServerTexts", "Express freight"),
        "Pickup at the warehouse": QCoreApplication.translate("ServerTexts", "Pickup at the warehouse"),
    }
    return names.get(name or "", name or "")
