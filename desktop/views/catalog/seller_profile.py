"""A seller's profile: rating, country, review count, and their offers (from the cache; from the API
when the cache has none of them and the marketplace answers)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api_client import ApiError
from desktop.models import money
from desktop.models.catalog_cache import OfferQuery
from desktop.views.background.tasks import QueryOp
from desktop.views.locale.formatting import country_name, format_date, format_int
from desktop.views.window.keyboard import keyboard_view

from .currency import CurrencyContext
from .offer_columns import setup_offer_table
from .offer_table_model import OFFER_ID_ROLE, Column, OfferTableModel
from .thumbnails import ThumbnailLoader

if TYPE_CHECKING:
    from datetime import date
    from decimal import Decimal

    from desktop.api_client import MarketplaceClient
    from desktop.api_client.types import Offer, SellerProfile
    from desktop.models.catalog_cache import CatalogCache, Seller

__all__ = ["SellerProfileDialog"]

log = logging.getLogger(__name__)


class SellerProfileDialog(QDialog):
    """Non-modal. ``offer_requested(offer_id)`` when the user opens one of the seller's offers."""

    offer_requested = Signal(int)
    #: the profile (and, if needed, the offers) came back from the API
    loaded = Signal()

    def __init__(
        self,
        seller_id: int,
        cache: CatalogCache,
        client: MarketplaceClient | None,
        currency: CurrencyContext,
        thumbnails: ThumbnailLoader | None = None,
        online: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.seller_id = seller_id
        self.cache = cache
        self.client = client
        self.currency = currency
        self.setWindowTitle(self.tr("Seller"))
        self.resize(760, 520)
        self.name_label = QLabel()
        self.name_label.setObjectName("offerTitle")
        self.facts_label = QLabel()
        self.facts_label.setWordWrap(True)
        self.description_label = QLabel()
        self.description_label.setWordWrap(True)
        self.description_label.setObjectName("mutedText")
        self.offers_label = QLabel()
        self.model = OfferTableModel(cache, currency, thumbnails, parent=self)
        self.api_model = QStandardItemModel(self)
        self.table = keyboard_view(QTableView())
        self.table.setAccessibleName(self.tr("Offers"))
        self.table.setModel(self.model)
        setup_offer_table(self.table)
        self.table.hideColumn(Column.SELLER)  # all the same seller
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(self.name_label)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.description_label)
        layout.addSpacing(4)
        layout.addWidget(self.offers_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.op: QueryOp | None = None
        self._show_cached()
        if online:
            self.fetch()

    # -- data --------------------------------------------------------------------------------------
    def _show_cached(self) -> None:
        seller = next((s for s in self._cached_sellers() if s.id == self.seller_id), None)
        if seller is not None:
            self._show_profile(seller.name, seller.country, seller.rating, seller.review_count, None, None)
        else:
            self.name_label.setText(self.tr("Seller"))
        ids = self.cache.search(OfferQuery(seller_id=self.seller_id, sort="newest"))
        self.model.set_ids(ids)
        self._count_offers(len(ids))

    def _cached_sellers(self) -> list[Seller]:
        try:
            return self.cache.sellers()
        except Exception:
            return []

    def fetch(self) -> QueryOp:
        """The profile from the API (and their offers when the cache has none), off the GUI thread."""
        need_offers = self.model.rowCount() == 0
        client, seller_id = self.client, self.seller_id

        def work() -> tuple[SellerProfile, list[Offer]]:  # only once the app has its client (set_client)
            profile = client.catalog.seller(seller_id)
            offers = client.catalog.seller_offers(seller_id).take(200) if need_offers else []
            return profile, offers

        self.op = QueryOp(self, work, self._fetched, self._fetch_failed)
        return self.op.run_in_background()

    def _fetched(self, result: tuple[SellerProfile, list[Offer]]) -> None:
        profile, offers = result
        self._show_profile(profile.name, profile.country, profile.rating, profile.review_count,
                           profile.member_since, profile.description)
        if offers:
            self._show_api_offers(offers)
        self.loaded.emit()

    def _fetch_failed(self, exc: BaseException) -> None:
        # offline or gone: the cached profile stays; no dialog for a side panel's refresh
        if not isinstance(exc, ApiError):
            raise exc
        log.info("seller %s: profile not refreshed: %s", self.seller_id, exc)
        self.loaded.emit()

    def _show_profile(self, name: str, country: str | None, rating: Decimal | float | None, reviews: int | None,
                      since: date | None, description: str | None) -> None:
        self.setWindowTitle(name)
        self.name_label.setText(name)
        facts = []
        if rating is not None:
            stars = f"★ {_number(rating)}"
            if reviews is not None:
                stars += " " + self.tr("(%1 reviews)").replace("%1", format_int(reviews))
            facts.append(stars)
        elif reviews is not None:
            facts.append(self.tr("%1 reviews").replace("%1", format_int(reviews)))
        if country:
            facts.append(country_name(country))
        if since is not None:
            facts.append(self.tr("Member since %1").replace("%1", format_date(since)))
        self.facts_label.setText(" · ".join(facts))
        self.description_label.setText(description or "")
        self.description_label.setVisible(bool(description))

    def _count_offers(self, n: int) -> None:
        self.offers_label.setText(self.tr("Offers (%1)").replace("%1", format_int(n)) if n
                                  else self.tr("No offers of this seller in the downloaded catalog."))

    def _show_api_offers(self, offers: list[Offer]) -> None:
        model = self.api_model
        model.clear()
        model.setHorizontalHeaderLabels([self.tr("Offer"), self.tr("Unit price"), self.tr("Stock")])
        for offer in offers:
            title = QStandardItem(offer.title)
            title.setData(int(offer.id), OFFER_ID_ROLE)
            price = QStandardItem(self.currency.format(offer.unit_price.amount, offer.unit_price.currency))
            price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            stock = QStandardItem(format_int(offer.stock_units))
            stock.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for item in (title, price, stock):
                item.setEditable(False)
            model.appendRow([title, price, stock])
        self.table.setModel(model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        text = self.tr("Offers (%1, from the marketplace)")
        self.offers_label.setText(text.replace("%1", format_int(len(offers))))

    def _open(self, index: QModelIndex) -> None:
        offer_id = index.siblingAtColumn(0).data(OFFER_ID_ROLE) if index.isValid() else None
        if offer_id is not None:
            self.offer_requested.emit(int(offer_id))


def _number(value: object) -> str:  # a rating: a decimal string or a number
    from PySide6.QtCore import QLocale

    return QLocale().toString(float(money.to_decimal(value)), "f", 1)
