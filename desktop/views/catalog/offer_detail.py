"""The offer detail pane: pictures, price and promotion, seller, packaging × quantity with live units and
line total (following the volume prices, price_tiers_table.py), MOQ and stock warnings, "Add to cart" and
"Contact the seller"."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models import money
from desktop.views.locale.counts import counts
from desktop.views.locale.formatting import format_int, format_money
from desktop.views.questions.contact_seller import ContactSellerDialog

from .currency import CurrencyContext
from .offer_text import JSON, facts_text, packaging_label, price_html, promotion_text, seller_html, warnings
from .offer_watches import OfferWatches
from .price_tiers_table import PriceTiersTable, units_in_cart
from .thumbnails import ThumbnailLoader

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.models.cart import CartLine
    from desktop.models.catalog_cache import CatalogCache
    from desktop.models.saved_searches import AccountSearches
    from desktop.views.shell.collaborators import CartSource

__all__ = ["OfferDetail"]

log = logging.getLogger(__name__)

MAIN_IMAGE = 132
SMALL_IMAGE = 44
MAX_PACKAGINGS = 1_000_000


class OfferDetail(QWidget):
    #: the user clicked "Sold by <seller>"
    seller_requested = Signal(int)
    #: a line went into the cart: a confirmation for the status bar
    added_to_cart = Signal(str)
    #: a question was sent to the seller: a confirmation for the status bar
    question_sent = Signal(str)
    #: "Contact the seller" while signed out
    sign_in_requested = Signal()
    #: a watch of the offer was added or removed: a confirmation for the status bar
    watch_changed = Signal(str)

    def __init__(
        self,
        cache: CatalogCache,
        client: MarketplaceClient | None,
        currency: CurrencyContext,
        thumbnails: ThumbnailLoader | None = None,
        cart: CartSource | None = None,
        signed_in: Callable[[], bool] | None = None,
        now: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("offerDetail")
        self.cache = cache
        self.client = client
        self.currency = currency
        self.thumbnails = thumbnails
        self._cart = cart
        self._signed_in = signed_in or (lambda: False)
        self._now = now or (lambda: datetime.now(UTC))
        self.offer: JSON | None = None  # the cache's JSON of the offer (see offer_text.py)
        self.offer_id: int | None = None
        self.contact_dialog: ContactSellerDialog | None = None
        self._body_built = False
        self.watches = OfferWatches(cache, currency, now=self._now)  # "Notify me when…" (set_watches)
        self.watches.changed.connect(self.watch_changed)
        self._build()
        if thumbnails is not None:
            thumbnails.loaded.connect(self._picture_loaded)
        self.show_offer(None)

    # -- layout ------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.stack = QStackedWidget()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyStateText")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack.addWidget(self.empty_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setMinimumWidth(300)

    def _build_body(self) -> None:
        """The offer's widgets, made when the first offer is shown (at start-up the pane only says
        "Select an offer": ~50 widgets fewer to make before the window is painted)."""
        if self._body_built:
            return
        self._body_built = True
        body = QWidget()
        body.setObjectName("offerDetailBody")
        col = QVBoxLayout(body)
        col.setContentsMargins(12, 10, 12, 12)
        col.setSpacing(6)
        self._add_heading(col)
        col.addLayout(self._pictures())
        self._add_facts(col)
        col.addWidget(_separator())
        col.addLayout(self._order_form())
        self.tiers = PriceTiersTable(self.currency)  # hidden when the offer has no volume prices
        col.addWidget(self.tiers)
        self.warning_label = QLabel()
        self.warning_label.setObjectName("fieldError")
        self.warning_label.setWordWrap(True)
        col.addWidget(self.warning_label)
        col.addLayout(self._actions())
        col.addWidget(self.watches)
        self._add_description(col)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.stack.addWidget(scroll)

    def _add_heading(self, col: QVBoxLayout) -> None:
        """The title and the SKU, both selectable."""
        self.title_label = QLabel()
        self.title_label.setObjectName("offerTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sku_label = QLabel()
        self.sku_label.setObjectName("mutedText")
        self.sku_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.title_label)
        col.addWidget(self.sku_label)

    def _pictures(self) -> QHBoxLayout:
        """The main picture with the two small ones in a column beside it."""
        pictures = QHBoxLayout()
        pictures.setSpacing(6)
        self.main_picture = QLabel()
        self.main_picture.setFixedSize(QSize(MAIN_IMAGE, MAIN_IMAGE))
        self.main_picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pictures.addWidget(self.main_picture)
        self.small_pictures: list[QLabel] = []
        small_col = QVBoxLayout()
        small_col.setSpacing(4)
        for _ in range(2):
            label = QLabel()
            label.setFixedSize(QSize(SMALL_IMAGE, SMALL_IMAGE))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            small_col.addWidget(label)
            self.small_pictures.append(label)
        small_col.addStretch(1)
        pictures.addLayout(small_col)
        pictures.addStretch(1)
        return pictures

    def _add_facts(self, col: QVBoxLayout) -> None:
        """The price, the promotion, "Sold by <seller>" (a link) and the facts line."""
        self.price_label = QLabel()
        self.price_label.setObjectName("offerPrice")
        self.price_label.setTextFormat(Qt.TextFormat.RichText)
        self.promotion_label = QLabel()
        self.promotion_label.setObjectName("offerPromotion")
        self.seller_label = QLabel()
        self.seller_label.setTextFormat(Qt.TextFormat.RichText)
        self.seller_label.setWordWrap(True)
        self.seller_label.linkActivated.connect(self._seller_clicked)
        # Tab reaches the seller's link and Return opens it, as a click does
        self.seller_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                  | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("mutedText")
        self.facts_label.setWordWrap(True)
        for w in (self.price_label, self.promotion_label, self.seller_label, self.facts_label):
            col.addWidget(w)

    def _order_form(self) -> QFormLayout:
        """Packaging × quantity, with the units and the line total they make."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(5)
        self.packaging_combo = QComboBox()
        self.packaging_combo.setAccessibleName(self.tr("Packaging"))
        self.packaging_combo.currentIndexChanged.connect(self._packaging_changed)
        self.quantity_spin = QSpinBox()
        self.quantity_spin.setRange(1, MAX_PACKAGINGS)
        self.quantity_spin.setAccessibleName(self.tr("Quantity"))
        self.quantity_spin.setGroupSeparatorShown(True)
        self.quantity_spin.valueChanged.connect(self._update_totals)
        self.units_label = QLabel()
        self.total_label = QLabel()
        self.total_label.setObjectName("lineTotal")
        form.addRow(self.tr("&Packaging"), self.packaging_combo)
        form.addRow(self.tr("&Quantity"), self.quantity_spin)
        form.addRow(self.tr("Units"), self.units_label)
        form.addRow(self.tr("Line total"), self.total_label)
        return form

    def _actions(self) -> QHBoxLayout:
        """[Add to cart] (the default button) [Contact the seller…]."""
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("A&dd to cart"))
        self.add_button.setObjectName("addToCart")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add_to_cart)
        self.contact_button = QPushButton(self.tr("&Contact the seller…"))
        self.contact_button.clicked.connect(self.contact_seller)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.contact_button)
        buttons.addStretch(1)
        return buttons

    def _add_description(self, col: QVBoxLayout) -> None:
        """The seller's description, selectable, taking what height is left."""
        self.description_label = QLabel()
        self.description_label.setWordWrap(True)
        self.description_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        col.addSpacing(4)
        col.addWidget(self.description_label)
        col.addStretch(1)

    # -- showing an offer --------------------------------------------------------------------------
    def show_offer(self, offer_id: int | None) -> None:
        """Show the cached offer ``offer_id`` (None: the "select an offer" state)."""
        offer = None
        if offer_id is not None:
            try:
                offer = self.cache.offer(offer_id)
            except Exception as exc:
                log.warning("could not read offer %s: %s", offer_id, exc)
        self.offer_id = offer_id
        self.offer = offer
        if offer is None:
            self.empty_label.setText(
                self.tr("This offer is no longer on the marketplace.") if offer_id is not None
                else self.tr("Select an offer to see its details.")
            )
            self.stack.setCurrentIndex(0)
            return
        self._build_body()
        self._fill(offer)
        self.stack.setCurrentIndex(1)

    def refresh(self) -> None:
        """After a sync: show the current offer again (updated, or gone), keeping the quantity."""
        if self.offer_id is None:
            return
        if not self._body_built:  # it was gone when last shown: no packaging or quantity to keep
            self.show_offer(self.offer_id)
            return
        packaging = self.current_packaging_id()
        quantity = self.quantity_spin.value()
        self.show_offer(self.offer_id)
        if self.offer is not None:
            index = self.packaging_combo.findData(packaging)
            if index >= 0:
                self.packaging_combo.setCurrentIndex(index)
                self.quantity_spin.setValue(quantity)

    def _fill(self, offer: JSON) -> None:
        now = self._now()
        self.title_label.setText(offer.get("title", ""))
        self.sku_label.setText(self.tr("SKU %1").replace("%1", str(offer.get("sku", ""))))
        self.price_label.setText(price_html(offer, self.currency, now))
        promotion = promotion_text(offer, now)
        self.promotion_label.setText(promotion or "")
        self.promotion_label.setVisible(promotion is not None)
        self.seller_label.setText(seller_html(offer))
        self.facts_label.setText(facts_text(offer, self.currency))
        stock = int(offer.get("stock_units") or 0)
        self.description_label.setText(offer.get("description") or "")
        self.tiers.show_offer(offer, now, units_in_cart(self._cart() if self._cart else None, offer))

        self.packaging_combo.blockSignals(True)
        self.packaging_combo.clear()
        for p in offer.get("packagings") or []:
            self.packaging_combo.addItem(packaging_label(p), int(p["id"]))
        self.packaging_combo.blockSignals(False)
        self.packaging_combo.setCurrentIndex(0 if self.packaging_combo.count() else -1)
        self._packaging_changed()
        self.add_button.setEnabled(stock > 0 and self.packaging_combo.count() > 0)
        self.contact_button.setToolTip("" if self._signed_in() else self.tr("Sign in to contact the seller"))
        self._show_pictures(offer)
        self.watches.show_offer(int(offer["id"]), stock)

    def set_watches(self, account: AccountSearches | None) -> None:
        """The account whose watches the pane shows and adds to (None: no watches)."""
        self.watches.set_account(account)

    def _show_pictures(self, offer: JSON) -> None:
        urls = list(offer.get("image_urls") or [])
        labels = [(self.main_picture, MAIN_IMAGE)] + [(label, SMALL_IMAGE) for label in self.small_pictures]
        for n, (label, size) in enumerate(labels):
            url = urls[n] if n < len(urls) else None
            label.setProperty("url", url)
            label.setVisible(url is not None or n == 0)
            label.setAccessibleName(self.tr("Picture of %1").replace("%1", str(offer.get("title") or ""))
                                    if url else self.tr("No picture"))
            self._set_picture(label, url, size)

    def _set_picture(self, label: QLabel, url: str | None, size: int) -> None:
        if self.thumbnails is None:
            return
        pixmap = self.thumbnails.pixmap(url, size) if url else None
        label.setPixmap(pixmap if pixmap is not None else self.thumbnails.placeholder(size))

    def _picture_loaded(self, url: str) -> None:
        if not self._body_built:
            return
        labels = [(self.main_picture, MAIN_IMAGE)] + [(s, SMALL_IMAGE) for s in self.small_pictures]
        for label, size in labels:
            if label.property("url") == url:
                self._set_picture(label, url, size)

    # -- packaging, quantity, totals ---------------------------------------------------------------
    def current_packaging(self) -> JSON | None:
        if self.offer is None:
            return None
        pid = self.packaging_combo.currentData()
        return next((p for p in self.offer.get("packagings") or [] if int(p["id"]) == pid), None)

    def current_packaging_id(self) -> int | None:
        packaging = self.current_packaging()
        return None if packaging is None else int(packaging["id"])

    def units(self) -> int:
        packaging = self.current_packaging()
        return 0 if packaging is None else int(packaging.get("units") or 1) * self.quantity_spin.value()

    def line_total(self) -> money.Money | None:
        """Units × the unit price of the volume price they reach, in the display currency."""
        return None if self.offer is None else self.tiers.line_total(self.units())

    def _packaging_changed(self, *_: object) -> None:
        packaging = self.current_packaging()
        if packaging is None or self.offer is None:
            self._update_totals()
            return
        per = max(1, int(packaging.get("units") or 1))
        moq = int(self.offer.get("moq_units") or 1)
        self.quantity_spin.blockSignals(True)
        self.quantity_spin.setValue(max(1, -(-moq // per)))  # the fewest packagings that meet the MOQ
        self.quantity_spin.blockSignals(False)
        self._update_totals()

    def _update_totals(self, *_: object) -> None:
        if self.offer is None:
            return
        units = self.units()
        self.units_label.setText(counts().units(units))
        total = self.line_total()
        self.total_label.setText("" if total is None else format_money(total))
        packaging = self.current_packaging() or {}
        self.tiers.set_units(units, str(packaging.get("label", "")), int(packaging.get("units") or 1))
        found = warnings(units, self.offer)
        self.warning_label.setText(" ".join(found))
        self.warning_label.setVisible(bool(found))

    # -- actions -----------------------------------------------------------------------------------
    def add_to_cart(self) -> CartLine | None:
        """Put the current packaging × quantity into the cart; returns the cart line (None if none)."""
        cart = self._cart() if self._cart is not None else None
        packaging = self.current_packaging()
        if self.offer is None or cart is None or packaging is None:
            return None
        quantity = self.quantity_spin.value()
        line = cart.add(int(self.offer["id"]), int(packaging["id"]), quantity)
        self.tiers.set_in_cart(units_in_cart(cart, self.offer))  # the next addition's tier counts them
        self._update_totals()
        message = self.tr("Added %1 × %2 of “%3” to the cart.").replace("%1", format_int(quantity)).replace(
            "%2", str(packaging.get("label", ""))).replace("%3", str(self.offer.get("title", "")))
        self.added_to_cart.emit(message)
        return line

    def focus_quantity(self) -> bool:
        """The focus on the quantity (its text selected, to type another); False when no offer is shown."""
        if self.offer is None or not self.quantity_spin.isVisible():
            return False
        self.quantity_spin.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.quantity_spin.selectAll()
        return True

    def contact_seller(self) -> ContactSellerDialog | None:
        if self.offer is None or self.client is None:
            return None
        if not self._signed_in():
            self.sign_in_requested.emit()
            return None
        seller = str((self.offer.get("seller") or {}).get("name", ""))
        dialog = ContactSellerDialog(self.client, seller, [(int(self.offer["id"]), str(self.offer.get("title", "")))],
                                     parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sent.connect(self.question_sent)
        dialog.finished.connect(lambda *_: setattr(self, "contact_dialog", None))
        self.contact_dialog = dialog
        dialog.open()
        return dialog

    def _seller_clicked(self, link: str) -> None:
        if link.startswith("seller:"):
            self.seller_requested.emit(int(link.split(":", 1)[1]))


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
