"""``client.questions``: "Contact the seller" threads, as the buyer sees them."""

from __future__ import annotations

from .._base import dump
from ..pagination import PageIterator
from ..types import AskRequest, Id, Question
from ._resource import ApiResource, seg


class Questions(ApiResource):
    def ask(self, offer_id: Id, message: str, *, idempotency_key: str | None = None) -> Question:
        response = self._client.request(
            "POST",
            f"/offers/{seg(offer_id)}/questions",
            json_body=dump(AskRequest(message=message)),
            idempotency_key=idempotency_key,
        )
        return self._client.parse(response, Question)

    def list(self, *, limit: int | None = None) -> PageIterator[Question]:
        return self._paginate("/questions", Question, {}, limit=limit)
