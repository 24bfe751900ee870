"""'Contact the seller': buyers ask about an offer, sellers answer, both read their threads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import Select, select

from ..deps import Account, ReadDB, SellerAccount, WriteDB
from ..errors import ApiError, not_found, responses
from ..orm import Company, Offer, Question, Seller, User, utcnow
from ..schemas.questions import MessageIn, QuestionOut, QuestionPage
from ..services.search import decode_cursor, encode_cursor
from ._http import IdPath

router = APIRouter(tags=["questions"])

Limit = Annotated[int, Query(ge=1, le=500)]
Cursor = Annotated[str | None, Query(max_length=200)]


def _threads() -> Select:
    return (
        select(Question, Offer.title, Offer.sku, Seller.name, Company.name)
        .join(Offer, Offer.id == Question.offer_id)
        .join(Seller, Seller.id == Question.seller_id)
        .join(User, User.id == Question.buyer_id)
        .join(Company, Company.id == User.company_id)
    )


def _out(row) -> QuestionOut:
    q, title, sku, seller_name, company = row
    return QuestionOut(
        id=q.id,
        offer_id=q.offer_id,
        offer_title=title,
        offer_sku=sku,
        seller_id=q.seller_id,
        seller_name=seller_name,
        buyer_company=company,
        message=q.message,
        created_at=q.created_at,
        answer=q.answer,
        answered_at=q.answered_at,
    )


def _page(db, stmt: Select, limit: int, cursor: str | None) -> QuestionPage:
    offset = decode_cursor(cursor)
    rows = db.execute(
        stmt.order_by(Question.created_at.desc(), Question.id.desc()).offset(offset).limit(limit + 1)
    ).all()
    more = len(rows) > limit
    return QuestionPage(
        items=[_out(r) for r in rows[:limit]], next_cursor=encode_cursor(offset + limit) if more else None
    )


def _one(db, question_id: int) -> QuestionOut:
    return _out(db.execute(_threads().where(Question.id == question_id)).one())


@router.post(
    "/offers/{offer_id}/questions",
    status_code=201,
    response_model=QuestionOut,
    responses=responses(401, 403, 404, 422),
)
def ask(offer_id: IdPath, body: MessageIn, caller: Account, db: WriteDB) -> QuestionOut:
    """Ask the seller of a live offer a question; the answer shows in GET /questions."""
    offer = db.scalar(select(Offer).where(Offer.id == offer_id, Offer.deleted_at.is_(None)))
    if offer is None:
        raise not_found("offer")
    if offer.seller_id == caller.seller_id:
        raise ApiError(
            422,
            "own_offer",
            "This is your own offer.",
            errors=[{"field": "offer_id", "code": "own_offer", "message": "You sell this offer."}],
        )
    question = Question(
        offer_id=offer.id, seller_id=offer.seller_id, buyer_id=caller.user_id, message=body.message
    )
    db.add(question)
    db.flush()
    out = _one(db, question.id)
    db.commit()
    return out


@router.get("/questions", response_model=QuestionPage, responses=responses(401, 403, 422))
def my_questions(caller: Account, db: ReadDB, limit: Limit = 50, cursor: Cursor = None) -> QuestionPage:
    """The questions you asked, newest first, with the sellers' answers."""
    return _page(db, _threads().where(Question.buyer_id == caller.user_id), limit, cursor)


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
    stmt = _threads().where(Question.seller_id == caller.seller_id)
    if unanswered is True:
        stmt = stmt.where(Question.answer.is_(None))
    elif unanswered is False:
        stmt = stmt.where(Question.answer.is_not(None))
    return _page(db, stmt, limit, cursor)


@router.post(
    "/seller/questions/{question_id}/answer",
    response_model=QuestionOut,
    responses=responses(401, 403, 404, 409, 422),
)
def answer(question_id: IdPath, body: MessageIn, caller: SellerAccount, db: WriteDB) -> QuestionOut:
    """Answer a buyer's question (once)."""
    question = db.scalar(
        select(Question)
        .where(Question.id == question_id, Question.seller_id == caller.seller_id)
        .with_for_update()
    )
    if question is None:
        raise not_found("question")
    if question.answer is not None:
        raise ApiError(409, "already_answered", "This question already has an answer.")
    question.answer = body.message
    question.answered_at = utcnow()
    db.flush()
    out = _one(db, question.id)
    db.commit()
    return out
