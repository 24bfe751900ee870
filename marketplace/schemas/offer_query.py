"""The query of an offers list (GET /offers, /sellers/{id}/offers, /seller/offers): one model, validated
in one call and documented from the same model."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from .catalog import MAX_AMOUNT, MAX_ID

CURRENCY_DOC = "Show prices in this currency (one of GET /currencies; any other → EUR)"


class OfferParams(BaseModel):
    """The query of an offers list. Validated as one model in one call (`offer_query`) and documented
    from the same model (`OFFER_QUERY_DOC`): FastAPI's own per-parameter handling of a dozen query
    parameters was a third of the CPU of a cached GET /offers (benchmarks server)."""

    q: str | None = Field(
        None, max_length=200,
        description="Full text: title, description, SKU, seller; every word must match, as a prefix",
    )
    category: int | None = Field(None, ge=1, le=MAX_ID, description="Includes sub-categories")
    collection: Literal["weekly", "surplus", "promotion"] | None = None
    seller: int | None = Field(None, ge=1, le=MAX_ID)
    country: str | None = Field(None, pattern="^[A-Za-z]{2}$", description="Warehouse country")
    min_price: Decimal | None = Field(None, ge=0, le=MAX_AMOUNT, description="In `currency`")
    max_price: Decimal | None = Field(None, ge=0, le=MAX_AMOUNT, description="In `currency`")
    in_stock: bool | None = None
    sort: Literal["relevance", "price", "-price", "newest"] = "relevance"
    currency: str = Field("EUR", max_length=16, description=CURRENCY_DOC)
    limit: int = Field(50, ge=1, le=500)
    cursor: str | None = Field(None, max_length=200)


def _query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """OpenAPI query parameters for a model's fields, as FastAPI would write them."""
    schema = model.model_json_schema()
    out = []
    for name, prop in schema["properties"].items():
        prop = dict(prop)
        description = prop.pop("description", None)
        out.append({"name": name, "in": "query", "required": name in schema.get("required", ()),
                    "schema": prop, **({"description": description} if description else {})})
    return out


#: the offers-list query in the OpenAPI document: `openapi_extra=OFFER_QUERY_DOC` on each route using it
OFFER_QUERY_DOC = {"parameters": _query_parameters(OfferParams)}
