"""The offer table's model (after calibre's library model): it holds offer ids, not rows.

``rowCount`` is the length of the id list that the cache's SQL search returned; ``data()`` reads from a
row cache filled on demand with ``cache.rows(ids)`` a chunk at a time, and never raises. Search and
sort happen in SQL; a new result resets the model, the same result after a sync updates rows in place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop.views.locale.formatting import country_name, format_int
from desktop.views.window.theme import status_colour

from .currency import CurrencyContext
from .thumbnails import ThumbnailLoader

if TYPE_CHECKING:
    from desktop.models.catalog_cache import CatalogCache, OfferRow

__all__ = ["NEW_MATCH_ROLE", "OFFER_ID_ROLE", "Column", "OfferTableModel", "row_index"]

log = logging.getLogger(__name__)

OFFER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: True on the rows of a saved search's new matches (shown bold, on a tint)
NEW_MATCH_ROLE = Qt.ItemDataRole.UserRole + 2
CHUNK = 200
THUMB_SIZE = 30

_Index = QModelIndex | QPersistentModelIndex


class Column:
    THUMBNAIL, TITLE, SELLER, COUNTRY, PRICE, MOQ, STOCK, PROMOTION = range(8)
    COUNT = 8
    #: sensible default widths in pixels (the title column stretches)
    WIDTHS = (THUMB_SIZE + 10, 260, 132, 84, 80, 56, 66, 74)


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_NEW_TINT = QColor(46, 125, 50, 40)  # translucent green: readable on the light and the dark theme


class OfferTableModel(QAbstractTableModel):
    def __init__(
        self,
        cache: CatalogCache,
        currency: CurrencyContext,
        thumbnails: ThumbnailLoader | None = None,
        now: Callable[[], datetime] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache = cache
        self.currency = currency
        self.thumbnails = thumbnails
        self._now = now or (lambda: datetime.now(UTC))
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._rows: dict[int, OfferRow] = {}
        self._missing: set[int] = set()
        self._new: frozenset[int] = frozenset()  # a saved search's new matches, marked
        self._bold = QFont()
        self._bold.setBold(True)
        if thumbnails is not None:
            thumbnails.loaded.connect(self.thumbnail_loaded)

    # -- the id list -------------------------------------------------------------------------------
    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def starts_with(self, ids: Sequence[int]) -> bool:
        """Whether the shown list begins with ``ids`` (without copying it)."""
        return len(self._ids) >= len(ids) and self._ids[:len(ids)] == list(ids)

    def offer_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, offer_id: int) -> int | None:
        return self._row_of.get(offer_id)

    @property
    def marked(self) -> frozenset[int]:
        return self._new

    def set_marked(self, ids: Iterable[int]) -> None:
        """Mark the rows of ``ids`` as new matches (bold on a tint, ``NEW_MATCH_ROLE``); none: unmark."""
        before, self._new = self._new, frozenset(ids)
        if before != self._new:
            self.refresh(before ^ self._new)

    def set_ids(
        self, ids: Sequence[int], changed: Iterable[int] | None = None, *, row_of: dict[int, int] | None = None
    ) -> None:
        """Show ``ids``. The same list again (after a sync) refreshes rows in place: only ``changed``
        ones when given, else all of them; the shown list followed by more ids appends rows (the rest
        of a search whose first screen came first); another list resets the model.

        ``row_of`` ({id: row} of ``ids``, see :func:`row_index`) is what a worker thread computed for a
        big list, so that the GUI thread does not (60 ms at 100,000 ids)."""
        ids = list(ids)
        if ids == self._ids:
            self.refresh(changed)
            return
        count = len(self._ids)
        if count and len(ids) > count and ids[:count] == self._ids:
            # the rest of a result whose first screen is shown: rows appended, nothing reset
            self.refresh(changed)
            self.beginInsertRows(QModelIndex(), count, len(ids) - 1)
            self._ids = ids
            if row_of is None:
                self._row_of.update((offer_id, row) for row, offer_id in enumerate(ids[count:], count))
            else:
                self._row_of = row_of
            self.endInsertRows()
            return
        self.beginResetModel()
        self._ids = ids
        self._row_of = row_index(ids) if row_of is None else row_of
        self._rows.clear()
        self._missing.clear()
        self.endResetModel()

    def refresh(self, changed: Iterable[int] | None = None) -> None:
        """Forget cached rows (all, or those of ``changed`` ids) and repaint them: dataChanged only."""
        if not self._ids:
            return
        last = self.columnCount() - 1
        if changed is not None and not isinstance(changed, set | frozenset | dict):
            changed = set(changed)
        if changed is None or len(changed) > max(len(self._rows), CHUNK) * 4:
            # (a full sync changes every id: one repaint of everything is cheaper than 100,000 lookups)
            self._rows.clear()
            self._missing.clear()
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, last))
            return
        rows = sorted(self._row_of[i] for i in changed if i in self._row_of)
        for offer_id in changed:
            self._rows.pop(offer_id, None)
            self._missing.discard(offer_id)
        for start, end in _ranges(rows):
            self.dataChanged.emit(self.index(start, 0), self.index(end, last))

    def thumbnail_loaded(self, url: str) -> None:
        """A picture arrived: repaint the thumbnail cell of the rows that show it (usually one)."""
        for offer_id, row in self._rows.items():
            if row is not None and row.thumbnail_url == url and offer_id in self._row_of:
                index = self.index(self._row_of[offer_id], Column.THUMBNAIL)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def row(self, offer_id: int) -> OfferRow | None:
        """The cached table row of ``offer_id`` (reading its chunk if needed), or None."""
        if offer_id in self._rows:
            return self._rows[offer_id]
        if offer_id in self._missing:
            return None
        position = self._row_of.get(offer_id)
        if position is None:
            chunk = [offer_id]
        else:
            start = position - position % CHUNK
            chunk = [i for i in self._ids[start:start + CHUNK] if i not in self._rows]
        try:
            found = self.cache.rows(chunk)
        except Exception as exc:  # a closed or rebuilt cache: show nothing rather than fail a paint
            log.warning("could not read offer rows: %s", exc)
            found = {}
        for i in chunk:
            if i in found:
                self._rows[i] = found[i]
            else:
                self._missing.add(i)
        return self._rows.get(offer_id)

    # -- Qt model ----------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else Column.COUNT

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < Column.COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in (Column.PRICE, Column.MOQ, Column.STOCK) else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.PRICE:
            text = self.tr("Price per unit in %1, any promotion applied")
            return text.replace("%1", self.currency.currency)
        return None

    def _headers(self) -> tuple[str, ...]:
        return ("", self.tr("Offer"), self.tr("Seller"), self.tr("Ships from"), self.tr("Unit price"),
                self.tr("MOQ"), self.tr("Stock"), self.tr("Promotion"))  # fmt: skip

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        try:
            return self._data(index, role)
        except Exception:  # never raise into Qt's painting
            log.exception("OfferTableModel.data failed (row %s, role %s)", index.row(), role)
            return None

    def _data(self, index: _Index, role: int) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        r, column = index.row(), index.column()
        if not 0 <= r < len(self._ids) or not 0 <= column < Column.COUNT:
            return None
        offer_id = self._ids[r]
        if role == OFFER_ID_ROLE:
            return offer_id
        if role == NEW_MATCH_ROLE:
            return offer_id in self._new
        row = self.row(offer_id)
        if row is None:  # deleted meanwhile: an empty line until the next search
            return "—" if role == Qt.ItemDataRole.DisplayRole and column == Column.TITLE else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == Column.THUMBNAIL:
            if self.thumbnails is None:
                return None
            pixmap = self.thumbnails.pixmap(row.thumbnail_url, THUMB_SIZE)
            return pixmap if pixmap is not None else self.thumbnails.placeholder(THUMB_SIZE)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (Column.PRICE, Column.MOQ, Column.STOCK):
                return _RIGHT
            return _CENTER if column in (Column.THUMBNAIL, Column.PROMOTION) else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.PROMOTION or (column == Column.PRICE and row.promotion_active(self._now())):
                return status_colour("error")
            if column == Column.STOCK and row.stock_units <= 0:
                return status_colour("muted")
            return None
        if role == Qt.ItemDataRole.FontRole and (column == Column.PROMOTION or offer_id in self._new):
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and offer_id in self._new:
            return _NEW_TINT
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, column) or row.title
        return None

    def _display(self, row: OfferRow, column: int) -> str | None:
        if column == Column.TITLE:
            return row.title
        if column == Column.SELLER:
            return row.seller_name
        if column == Column.COUNTRY:
            return country_name(row.warehouse_country)
        if column == Column.PRICE:
            price = row.unit_price(self._now())
            return self.currency.format(price.amount, price.currency)
        if column == Column.MOQ:
            return format_int(row.moq_units)
        if column == Column.STOCK:
            return format_int(row.stock_units) if row.stock_units > 0 else self.tr("Out of stock")
        if column == Column.PROMOTION:
            if row.promotion_active(self._now()) and row.promo_discount is not None:
                return self.tr("−%1 %").replace("%1", format_int(int(row.promo_discount)))
            return None
        return None

    def _tooltip(self, row: OfferRow, column: int) -> str | None:
        if column in (Column.TITLE, Column.THUMBNAIL):
            new = "\n" + self.tr("New match of the saved search") if row.id in self._new else ""
            return row.title + "\n" + self.tr("SKU %1").replace("%1", row.sku) + new
        if column == Column.COUNTRY:
            where = ", ".join(p for p in (row.warehouse_city, country_name(row.warehouse_country)) if p)
            return self.tr("Warehouse in %1").replace("%1", where)
        if column == Column.MOQ:
            return self.tr("Minimum order: %Ln unit(s)", "", row.moq_units)
        if column == Column.PRICE and row.promotion_active(self._now()):
            before = self.currency.format(row.list_price, row.currency)
            return self.tr("Before the promotion: %1").replace("%1", before)
        return None


def row_index(ids: Sequence[int]) -> dict[int, int]:
    """{offer id: row} of a list of ids (a worker thread computes it for a big result)."""
    return {offer_id: row for row, offer_id in enumerate(ids)}


def _ranges(rows: Sequence[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 7, 9, 10] → [(1, 3), (7, 7), (9, 10)]: one dataChanged per run of rows."""
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and r == out[-1][1] + 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out
