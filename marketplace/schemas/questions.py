"""'Contact the seller': a buyer's question about an offer and the seller's answer."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from .common import Strict


class MessageIn(Strict):
    message: str = Field(
        min_length=1, max_length=2000, examples=["Can you ship 3 pallets to Lyon by Friday?"]
    )


class QuestionOut(BaseModel):
    id: int
    offer_id: int
    offer_title: str
    offer_sku: str
    seller_id: int
    seller_name: str
    buyer_company: str = Field(description="The asking buyer's company name")
    message: str
    created_at: datetime
    answer: str | None
    answered_at: datetime | None


class QuestionPage(BaseModel):
    items: list[QuestionOut]
    next_cursor: str | None
