"""The lean batch loader behind GET /offers and the delta feed: offer ids (or a change_seq page) to the
contract's offer representation, as plain dicts rendered straight from result tuples."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import Integer, bindparam, column, text
from sqlalchemy.orm import Session

from . import offer_json, price_tiers
from .currency import convert
from .statements import OFFERS, SELLERS, WAREHOUSES, Statement, fetch_all, statement

# --- loading rows ---------------------------------------------------------------------------------

#: (result label, SQL expression, type) of an offer row, in the order `OfferRenderer.render_rows` unpacks
_ROW_COLUMNS = (
    ("id", "offers.id", OFFERS.c.id.type),
    ("sku", "offers.sku", OFFERS.c.sku.type),
    ("title", "offers.title", OFFERS.c.title.type),
    ("description", "offers.description", OFFERS.c.description.type),
    ("category_id", "offers.category_id", OFFERS.c.category_id.type),
    ("seller_id", "offers.seller_id", OFFERS.c.seller_id.type),
    ("warehouse_id", "offers.warehouse_id", OFFERS.c.warehouse_id.type),
    ("list_price", "offers.list_price", OFFERS.c.list_price.type),
    ("unit_price", "offers.unit_price", OFFERS.c.unit_price.type),
    ("moq_units", "offers.moq_units", OFFERS.c.moq_units.type),
    ("stock_units", "offers.stock_units", OFFERS.c.stock_units.type),
    ("weekly", "offers.weekly", OFFERS.c.weekly.type),
    ("surplus", "offers.surplus", OFFERS.c.surplus.type),
    ("promotion", "offers.promotion", OFFERS.c.promotion.type),
    ("promo_discount_percent", "offers.promo_discount_percent", OFFERS.c.promo_discount_percent.type),
    ("promo_ends_at", "offers.promo_ends_at", OFFERS.c.promo_ends_at.type),
    ("image_count", "offers.image_count", OFFERS.c.image_count.type),
    ("price_tiers", "offers.price_tiers", OFFERS.c.price_tiers.type),
    ("updated_at", "offers.updated_at", OFFERS.c.updated_at.type),
    ("version", "offers.version", OFFERS.c.version.type),
    ("change_seq", "offers.change_seq", OFFERS.c.change_seq.type),
    ("deleted_at", "offers.deleted_at", OFFERS.c.deleted_at.type),
    ("seller_name", "sellers.name", SELLERS.c.name.type),
    ("seller_country", "sellers.country", SELLERS.c.country.type),
    ("seller_rating", "sellers.rating", SELLERS.c.rating.type),
    ("wh_country", "warehouses.country", WAREHOUSES.c.country.type),
    ("wh_city", "warehouses.city", WAREHOUSES.c.city.type),
    ("wh_min", "warehouses.min_order_value", WAREHOUSES.c.min_order_value.type),
)
_ROW_LIST = ", ".join(f"{expr} AS {label}" for label, expr, _ in _ROW_COLUMNS)
_ROW_SELECT = (  # constant column names; every value is a bound parameter
    f"SELECT {_ROW_LIST} FROM offers JOIN sellers ON sellers.id = offers.seller_id"  # noqa: S608
    " JOIN warehouses ON warehouses.id = offers.warehouse_id"
)
_ROW_TYPES = tuple(column(label, type_) for label, _, type_ in _ROW_COLUMNS)


def _ids_in(dialect: str, expr: str) -> str:
    """`expr IN (:ids)`: one JSON text parameter on SQLite (one statement for any page size); an
    expanding IN elsewhere."""
    if dialect == "sqlite":
        return f"{expr} IN (SELECT value FROM json_each(:ids))"  # noqa: S608 - `expr` is our column name
    return f"{expr} IN :ids"


def _ids_param(dialect: str) -> Any:
    return bindparam("ids") if dialect == "sqlite" else bindparam("ids", expanding=True)


def _ids_value(dialect: str, ids: Sequence[int]) -> Any:
    return orjson.dumps(list(ids)).decode() if dialect == "sqlite" else list(ids)


def _rows_by_ids(dialect: str) -> Statement:
    sql = f"{_ROW_SELECT} WHERE {_ids_in(dialect, 'offers.id')}"
    return text(sql).bindparams(_ids_param(dialect)).columns(*_ROW_TYPES)


def _changes_sql(dialect: str, live_only: bool) -> Statement:
    # the page of the feed first (index on change_seq), then its sellers and warehouses; on SQLite the
    # unary + keeps the planner on ix_offers_change_seq (instead of sorting every live offer)
    live = ""
    if live_only:
        live = " AND +offers.deleted_at IS NULL" if dialect == "sqlite" else " AND offers.deleted_at IS NULL"
    page = f"SELECT offers.id FROM offers WHERE offers.change_seq > :after{live} ORDER BY offers.change_seq LIMIT :limit"  # noqa: S608, E501
    sql = f"{_ROW_SELECT} WHERE offers.id IN ({page}) ORDER BY offers.change_seq"
    return text(sql).bindparams(bindparam("after", type_=Integer), bindparam("limit", type_=Integer)).columns(
        *_ROW_TYPES
    )


def _packagings_sql(dialect: str) -> Statement:
    where = _ids_in(dialect, "packagings.offer_id")
    sql = (  # constant fragments; the ids are a bound parameter
        "SELECT packagings.offer_id, packagings.id, packagings.label, packagings.units FROM packagings "  # noqa: S608
        f"WHERE {where} ORDER BY packagings.units, packagings.id"
    )
    return text(sql).bindparams(_ids_param(dialect))


def offer_rows_statement(dialect: str) -> Statement:
    """Offer rows (with seller and warehouse columns) WHERE offers.id IN :ids."""
    return statement(("rows", dialect), lambda: _rows_by_ids(dialect))


def packagings_statement(dialect: str) -> Statement:
    """(offer_id, id, label, units) of the packagings WHERE offer_id IN :ids, by units then id."""
    return statement(("packagings", dialect), lambda: _packagings_sql(dialect))


def offer_rows(session: Session, ids: Iterable[int]) -> list[Sequence[Any]]:
    """The offer rows (with seller and warehouse columns) of these ids, in no particular order."""
    dialect = session.get_bind().dialect.name
    return fetch_all(session, offer_rows_statement(dialect), {"ids": _ids_value(dialect, list(ids))})


def changed_rows(session: Session, after: int, limit: int, *, live_only: bool) -> list[Any]:
    """Up to `limit` offer rows changed after `after` (change_seq), in change order; removed ones too
    unless `live_only`."""
    dialect = session.get_bind().dialect.name
    stmt = statement(("changes", dialect, live_only), lambda: _changes_sql(dialect, live_only))
    return session.execute(stmt, {"after": after, "limit": limit}).all()


def packagings_by_offer(session: Session, ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    ids = list(ids)
    if not ids:
        return out
    dialect = session.get_bind().dialect.name
    params = {"ids": _ids_value(dialect, ids)}
    for offer_id, pid, label, units in fetch_all(session, packagings_statement(dialect), params):
        pack = {"id": pid, "label": label, "units": units}
        if offer_id in out:
            out[offer_id].append(pack)
        else:
            out[offer_id] = [pack]
    return out


# --- representation -------------------------------------------------------------------------------


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat().replace("+00:00", "Z")


class OfferRenderer:
    """Builds offer dicts (the OfferOut shape) for one currency, in batches: three queries per page."""

    def __init__(self, public_url: str, currency: str, rate: Decimal):
        self.media = public_url.rstrip("/") + "/api/v1/media/offers/"
        self.currency = currency
        self.rate = rate
        self.at_par = rate == 1

    def load(self, session: Session, ids: Sequence[int]) -> list[dict[str, Any]]:
        """The offers with these ids, in this order (missing ones skipped)."""
        if not ids:
            return []
        rows = {row[0]: row for row in offer_rows(session, ids)}
        packs = packagings_by_offer(session, rows)
        return self.render_rows([rows[i] for i in ids if i in rows], packs)

    def load_json(self, session: Session, ids: Sequence[int]) -> bytes:
        """`load` as a JSON array: rendered by SQLite itself where it can (offer_json.py)."""
        body = offer_json.offers_json(session, ids, self.media, self.currency, self.rate)
        return body if body is not None else orjson.dumps(self.load(session, ids), option=orjson.OPT_NON_STR_KEYS)

    def amount(self, amount_eur: Decimal) -> str:
        """An EUR amount (a MONEY column: two places) shown in the currency."""
        if self.at_par:
            return f"{amount_eur:.2f}"  # already to the cent: converting at 1 changes nothing
        return f"{convert(Decimal(amount_eur), self.rate):.2f}"

    def render_rows(
        self, rows: Iterable[Sequence[Any]], packs: dict[int, list[dict[str, Any]]]
    ) -> list[dict[str, Any]]:
        """Offer rows (the `_ROW_COLUMNS` tuple) → offer dicts. An offer's seller and warehouse dicts are
        built once per page and shared by its offers."""
        cur, media, amount = self.currency, self.media, self.amount
        sellers: dict[int, dict[str, Any]] = {}
        warehouses: dict[int, dict[str, Any]] = {}
        out = []
        for (
            oid, sku, title, description, category_id, seller_id, warehouse_id, list_price, unit_price,
            moq_units, stock_units, weekly, surplus, promotion, discount, promo_ends_at, image_count,
            tiers, updated_at, version, _change_seq, _deleted_at, seller_name, seller_country, seller_rating,
            wh_country, wh_city, wh_min,
        ) in rows:  # fmt: skip
            seller = sellers.get(seller_id)
            if seller is None:
                seller = sellers[seller_id] = {
                    "id": seller_id,
                    "name": seller_name,
                    "country": seller_country,
                    "rating": None if seller_rating is None else f"{Decimal(seller_rating):.2f}",
                }
            warehouse = warehouses.get(warehouse_id)
            if warehouse is None:
                warehouse = warehouses[warehouse_id] = {
                    "id": warehouse_id,
                    "country": wh_country,
                    "city": wh_city,
                    "min_order_value": {"amount": amount(wh_min), "currency": cur},
                }
            collections = []
            if weekly:
                collections.append("weekly")
            if surplus:
                collections.append("surplus")
            if promotion:
                collections.append("promotion")
            out.append(
                {
                    "id": oid,
                    "sku": sku,
                    "title": title,
                    "description": description or "",
                    "category_id": category_id,
                    "seller": seller,
                    "warehouse": warehouse,
                    "unit_price": {"amount": amount(unit_price), "currency": cur},
                    "list_price": {"amount": amount(list_price), "currency": cur},
                    "packagings": packs.get(oid, []),
                    "moq_units": moq_units,
                    "stock_units": stock_units,
                    "collections": collections,
                    "promotion": (
                        {"discount_percent": discount, "ends_at": _time(promo_ends_at)}
                        if promotion and discount
                        else None
                    ),
                    "price_tiers": (
                        price_tiers.render(
                            tiers,
                            price_tiers.promotion_percent(promotion, discount, promo_ends_at),
                            lambda eur: {"amount": amount(eur), "currency": cur},
                        )
                        if tiers
                        else []
                    ),
                    "image_urls": [f"{media}{oid}/{n}.png" for n in range(image_count or 0)],
                    "updated_at": _time(updated_at),
                    "version": version,
                }
            )
        return out
