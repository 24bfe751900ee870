"""`POST /cart/quote`: prices, stock, MOQ and minimum order checks for a client-side cart."""

from __future__ import annotations

from fastapi import APIRouter

from ..deps import ReadDB
from ..errors import responses
from ..schemas.cart import QuoteIn, QuoteOut
from ..services.quote import LineRequest, build_quote, quote_json

router = APIRouter(tags=["cart"])


@router.post(
    "/cart/quote",
    response_model=QuoteOut,
    responses=responses(422),
    description=(
        "Quotes a cart: one group per warehouse (each becomes one seller order) with unit and line prices, "
        "shipping methods, the subtotal and issues. Nothing is reserved. A quote never fails for cart "
        "issues: line issues `offer_not_found` (in the top-level `issues`), `out_of_stock`, "
        "`insufficient_stock` (+`available_units`), `below_moq` (+`moq_units`), `unknown_packaging`; group "
        "issue `below_min_order_value` (+`minimum`, `shortfall`). Unit prices are converted first, then "
        "line total = unit price × units. Any currency other than the 12 → EUR."
    ),
)
def quote_cart(body: QuoteIn, db: ReadDB) -> QuoteOut:
    lines = [LineRequest(ln.offer_id, ln.packaging_id, ln.quantity) for ln in body.lines]
    return QuoteOut.model_validate(quote_json(build_quote(db, body.currency, lines)))
