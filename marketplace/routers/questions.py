"""'Contact the seller': buyers ask about an offer, sellers answer, both read their threads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ..deps import Account, ReadDB, SellerAccount, WriteDB
from ..errors import responses
from ..schemas.questions import MessageIn, QuestionOut, QuestionPage
from ..services import questions
from ._http import IdPath

router = APIRouter(tags=["questions"])

Limit = Annotated[int, Query(ge=1, le=500)]
Cursor = Annotated[str | None, Query(max_length=200)]


@router.post(
    "/offers/{offer_id}/questions",
    status_code=201,
    response_model=QuestionOut,
    responses=responses(401, 403, 404, 422),
)
def ask(offer_id: IdPath, body: MessageIn, caller: Account, db: WriteDB) -> QuestionOut:
    """Ask the seller of a live offer a question; the answer shows in GET /questions."""
    return questions.ask(db, offer_id, caller.user_id, caller.seller_id, body.message)


@router.get("/questions", response_model=QuestionPage, responses=responses(401, 403, 422))
def my_questions(caller: Account, db: ReadDB, limit: Limit = 50, cursor: Cursor = None) -> QuestionPage:
    """The questions you asked, newest first, with the sellers' answers."""
    return questions.asked_by(db, caller.user_id, limit, cursor)


@router.get("/seller/questions", response_model=QuestionPage, responses=responses(401, 403, 422))
def seller_questions(
    caller: SellerAccount,
    db: ReadDB,
    unanswered: Annotated[
        bool | None, Query(description="true: only those still waiting for an answer")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> QuestionPage:
    """Buyers' questions about your offers, newest first."""
    return questions.asked_of(db, caller.seller_id, unanswered, limit, cursor)


@router.post(
    "/seller/questions/{question_id}/answer",
    response_model=QuestionOut,
    responses=responses(401, 403, 404, 409, 422),
)
def answer(question_id: IdPath, body: MessageIn, caller: SellerAccount, db: WriteDB) -> QuestionOut:
    """Answer a buyer's question (once)."""
    return questions.answer(db, question_id, caller.seller_id, body.message)
