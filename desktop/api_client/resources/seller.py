"""``client.seller``: the seller's offers (with If-Match), CSV import/export, orders, questions."""

from __future__ import annotations

from typing import Any, Unpack

from .._base import dump
from ..pagination import PageIterator
from ..types import (
    AnswerRequest,
    Id,
    ImportReport,
    Offer,
    OfferCreate,
    OfferPatch,
    Order,
    Question,
    SellerWarehouse,
    ShippingUpdate,
)
from ._resource import ApiResource, seg
from .catalog import OfferFilters, offer_filters
from .orders import OrderFilters, order_filters


class Seller(ApiResource):
    # -- offers --------------------------------------------------------------------------------
    def warehouses(self) -> list[SellerWarehouse]:
        """The seller's warehouses (an offer ships from one of them)."""
        return self._get_all("/seller/warehouses", SellerWarehouse)

    def offers(self, *, limit: int | None = None, **filters: Unpack[OfferFilters]) -> PageIterator[Offer]:
        return self._paginate("/seller/offers", Offer, offer_filters(**filters), limit=limit)

    def create_offer(self, offer: OfferCreate, *, idempotency_key: str | None = None) -> Offer:
        response = self._client.request(
            "POST",
            "/seller/offers",
            json_body=dump(offer, exclude_none=True),
            idempotency_key=idempotency_key,
        )
        return self._client.parse(response, Offer)

    def update_offer(
        self, offer_id: Id, patch: OfferPatch, *, version: int, idempotency_key: str | None = None
    ) -> Offer:
        """PATCH with ``If-Match: <version>``; a stale version raises VersionConflictError whose
        ``current`` is the server's offer."""
        response = self._client.request(
            "PATCH",
            f"/seller/offers/{seg(offer_id)}",
            json_body=dump(patch, exclude_unset=True),
            headers={"If-Match": str(version)},
            idempotency_key=idempotency_key,
        )
        return self._client.parse(response, Offer)

    def delete_offer(
        self, offer_id: Id, *, version: int | None = None, idempotency_key: str | None = None
    ) -> None:
        headers = {"If-Match": str(version)} if version is not None else None
        self._client.request(
            "DELETE", f"/seller/offers/{seg(offer_id)}", headers=headers, idempotency_key=idempotency_key
        )

    def import_csv(self, csv: bytes | str, *, dry_run: bool = True, update_only: bool = False,
                   stale: str = "refuse") -> ImportReport:
        """Check (``dry_run``) or apply a CSV of offers; with any row error nothing is written.
        ``update_only``: a row whose SKU is not one of the seller's offers is the error ``unknown_sku``.
        ``stale``: rows whose offer changed on the server after the export: "refuse" (ConflictError
        ``stale_rows``), "skip" or "overwrite"."""
        body = csv.encode("utf-8") if isinstance(csv, str) else csv
        params: dict[str, Any] = {"dry_run": dry_run}
        if update_only:
            params["mode"] = "update_only"
        if stale != "refuse":
            params["stale"] = stale
        response = self._client.request(
            "POST",
            "/seller/offers/import",
            params=params,
            content=body,
            headers={"Content-Type": "text/csv; charset=utf-8"},
            timeout=self._client.config.read_timeout,  # a whole file checked: long on purpose, not hung
        )
        return self._client.parse(response, ImportReport)

    def export_csv(self) -> str:
        response = self._client.request("GET", "/seller/offers/export", headers={"Accept": "text/csv"})
        return response.content.decode(response.encoding or "utf-8")

    # -- orders --------------------------------------------------------------------------------
    def orders(self, *, limit: int | None = None, **filters: Unpack[OrderFilters]) -> PageIterator[Order]:
        return self._paginate("/seller/orders", Order, order_filters(**filters), limit=limit)

    def update_shipping(
        self,
        ref: str,
        status: str,
        *,
        carrier: str | None = None,
        tracking_number: str | None = None,
        idempotency_key: str | None = None,
    ) -> Order:
        """Move an order forward (preparing → shipped → delivered); ConflictError ``invalid_transition``."""
        body = ShippingUpdate(status=status, carrier=carrier, tracking_number=tracking_number)  # type: ignore[arg-type]
        response = self._client.request(
            "POST",
            f"/seller/orders/{seg(ref)}/shipping",
            json_body=dump(body, exclude_none=True),
            idempotency_key=idempotency_key,
        )
        return self._client.parse(response, Order)

    def cancel_order(
        self, ref: str, reason: str | None = None, *, idempotency_key: str | None = None
    ) -> Order:
        """An order that can no longer be fulfilled: cancelled and refunded."""
        response = self._client.request(
            "POST",
            f"/seller/orders/{seg(ref)}/cancel",
            json_body={"reason": reason} if reason else {},
            idempotency_key=idempotency_key,
        )
        return self._client.parse(response, Order)

    # -- questions -----------------------------------------------------------------------------
    def questions(
        self, *, unanswered: bool | None = None, limit: int | None = None
    ) -> PageIterator[Question]:
        """The buyers' questions about the seller's offers (``unanswered=True``: only those to answer)."""
        return self._paginate("/seller/questions", Question, {"unanswered": unanswered}, limit=limit)

    def answer(self, question_id: Id, message: str, *, idempotency_key: str | None = None) -> Question:
        response = self._client.request(
            "POST",
            f"/seller/questions/{seg(question_id)}/answer",
            json_body=dump(AnswerRequest(message=message)),
            idempotency_key=idempotency_key,
        )
        return self._client.parse(response, Question)
