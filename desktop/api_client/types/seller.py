"""Seller offer editing, CSV import report, questions."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from ._common import Id, Money, RequestModel, Resource
from .catalog import Collection


class PackagingIn(RequestModel):
    label: str
    units: int = Field(ge=1)


class PromotionIn(RequestModel):
    discount_percent: int = Field(ge=1, le=99)
    ends_at: datetime | None = None


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
    collections: list[Collection] = Field(default_factory=list)
    promotion: PromotionIn | None = None
    image_urls: list[str] = Field(default_factory=list)


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
    collections: list[Collection] | None = None
    promotion: PromotionIn | None = None
    image_urls: list[str] | None = None


class ImportRowError(Resource):
    row: int
    field: str | None
    code: str
    message: str


class ImportReport(Resource):
    created: int
    updated: int
    unchanged: int
    errors: list[ImportRowError]


class Question(Resource):
    """A "Contact the seller" thread: the buyer's message and the seller's answer, once given."""

    id: Id
    offer_id: Id
    message: str
    created_at: datetime
    answer: str | None = None
    answered_at: datetime | None = None


class AskRequest(RequestModel):
    message: str = Field(min_length=1)


class AnswerRequest(RequestModel):
    message: str = Field(min_length=1)
