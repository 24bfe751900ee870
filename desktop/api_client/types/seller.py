"""Seller offer editing, CSV import report, questions."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from ._common import Id, Money, RequestModel, Resource
from .catalog import Warehouse


class PackagingIn(RequestModel):
    label: str
    units: int = Field(ge=1)


class PriceTierIn(RequestModel):
    """A volume price as the seller writes it: from ``min_units`` units, ``unit_price`` per unit (list
    price, before any promotion)."""

    min_units: int = Field(ge=2)
    unit_price: Money


class PromotionIn(RequestModel):
    discount_percent: int = Field(ge=1, le=90)
    ends_at: datetime


class OfferCreate(RequestModel):
    sku: str
    title: str
    description: str | None = None
    category_id: Id
    warehouse_id: Id
    unit_price: Money
    packagings: list[PackagingIn]
    moq_units: int = Field(ge=1)
    stock_units: int = Field(ge=0)
    #: "promotion" follows the ``promotion`` field
    collections: list[Literal["weekly", "surplus"]] = Field(default_factory=list)
    promotion: PromotionIn | None = None
    #: None: no volume prices (not sent, so a server that predates them still takes the offer)
    price_tiers: list[PriceTierIn] | None = None


class OfferPatch(RequestModel):
    """Only the fields that are set are sent (``exclude_unset``)."""

    sku: str | None = None
    title: str | None = None
    description: str | None = None
    category_id: Id | None = None
    warehouse_id: Id | None = None
    unit_price: Money | None = None
    packagings: list[PackagingIn] | None = None
    moq_units: int | None = Field(default=None, ge=1)
    stock_units: int | None = Field(default=None, ge=0)
    collections: list[Literal["weekly", "surplus"]] | None = None
    #: set to None explicitly to end a running promotion
    promotion: PromotionIn | None = None
    #: the whole list; ``[]`` removes every volume price
    price_tiers: list[PriceTierIn] | None = None


class SellerWarehouse(Warehouse):
    """One of the seller's warehouses (``GET /seller/warehouses``); ``code`` names it in CSV files."""

    code: str


class ImportRowError(Resource):
    row: int
    field: str | None
    code: str
    message: str
    #: the row's SKU as the file gives it (servers before it was added send none)
    sku: str | None = None


class ImportFieldChange(Resource):
    field: str
    #: the server's value now and the file's, as the export writes them
    old: str
    new: str


class ImportRowChange(Resource):
    """A row that updates an offer; ``stale``: the offer changed on the server after the file's export."""

    row: int
    sku: str
    changes: list[ImportFieldChange]
    stale: bool = False
    file_version: int | None = None
    server_version: int | None = None
    server_updated_at: datetime | None = None


class ImportReport(Resource):
    created: int
    updated: int
    unchanged: int
    errors: list[ImportRowError]
    dry_run: bool | None = None
    #: whether anything was written (never with errors or on a dry run)
    applied: bool | None = None
    #: rows whose offer changed on the server after the export, and those left as they are (stale=skip)
    stale: int = 0
    skipped: int = 0
    #: each update field by field (servers before it was added send none)
    changes: list[ImportRowChange] = Field(default_factory=list)


class Question(Resource):
    """A "Contact the seller" thread: the buyer's message and the seller's answer, once given."""

    id: Id
    offer_id: Id
    message: str
    created_at: datetime
    answer: str | None
    answered_at: datetime | None
    offer_title: str | None = None
    offer_sku: str | None = None
    seller_id: Id | None = None
    seller_name: str | None = None
    #: the asking buyer's company (what the seller sees)
    buyer_company: str | None = None


class AskRequest(RequestModel):
    message: str = Field(min_length=1)


class AnswerRequest(RequestModel):
    message: str = Field(min_length=1)
