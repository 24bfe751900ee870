"""The main window's pages before the real ones are plugged in (placeholders that say what comes)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.views.window.main_window import EmptyState, Page

__all__ = ["placeholder_pages"]


def placeholder_pages(loading: Collection[str] = (), widgets: Mapping[str, QWidget] | None = None) -> list[Page]:
    """The pages until the real Catalog / Cart / Orders / Seller widgets are plugged in here: a page
    in ``widgets`` is that widget; one in ``loading`` says so (the app builds it a moment after its
    window is shown)."""
    widgets = widgets or {}

    def page(key: str, title: str, empty: Callable[[], tuple[str, str]], seller_only: bool = False) -> Page:
        widget = widgets.get(key)
        if widget is None:
            text = (QCoreApplication.translate("app", "Loading…"), "") if key in loading else empty()
            widget = EmptyState(key, *text)
        return Page(key, title, widget, icon=key, seller_only=seller_only)

    return [
        page("catalog", QCoreApplication.translate("app", "Catalog"), lambda: (
            QCoreApplication.translate("app", "No offers yet"),
            QCoreApplication.translate("app", "The catalog appears here after the first sync with the marketplace."),
        )),
        page("cart", QCoreApplication.translate("app", "Cart"), lambda: (
            QCoreApplication.translate("app", "Your cart is empty"),
            QCoreApplication.translate("app", "Add lots from the catalog; the cart is kept on this computer."),
        )),
        page("orders", QCoreApplication.translate("app", "Orders"), lambda: (
            QCoreApplication.translate("app", "No orders yet"),
            QCoreApplication.translate("app", "Orders you place appear here with their payment and shipping status."),
        )),
        page("seller", QCoreApplication.translate("app", "Seller"), lambda: (
            QCoreApplication.translate("app", "Your listings"),
            QCoreApplication.translate("app", "Manage your offers, stock and incoming orders here."),
        ), seller_only=True),
    ]
