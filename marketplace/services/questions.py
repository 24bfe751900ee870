"""'Contact the seller': a buyer's question about a live offer, the seller's one answer, and the
threads each side reads, newest first."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..errors import ApiError, not_found
from ..orm import Company, Offer, Question, Seller, User, utcnow
from ..schemas.questions import QuestionOut, QuestionPage
from .search import decode_cursor, encode_cursor


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


def _page(db: Session, stmt: Select, limit: int, cursor: str | None) -> QuestionPage:
    offset = decode_cursor(cursor)
    rows = db.execute(
        stmt.order_by(Question.created_at.desc(), Question.id.desc()).offset(offset).limit(limit + 1)
    ).all()
    more = len(rows) > limit
    return QuestionPage(
        items=[_out(r) for r in rows[:limit]], next_cursor=encode_cursor(offset + limit) if more else None
    )


def _one(db: Session, question_id: int) -> QuestionOut:
    return _out(db.execute(_threads().where(Question.id == question_id)).one())


def ask(db: Session, offer_id: int, buyer_id: int, buyer_seller_id: int | None, message: str) -> QuestionOut:
    """A buyer's question about a live offer (404 `not_found`; 422 `own_offer` for the asker's own
    offer); committed."""
    offer = db.scalar(select(Offer).where(Offer.id == offer_id, Offer.deleted_at.is_(None)))
    if offer is None:
        raise not_found("offer")
    if offer.seller_id == buyer_seller_id:
        raise ApiError(
            422,
            "own_offer",
            "This is your own offer.",
            errors=[{"field": "offer_id", "code": "own_offer", "message": "You sell this offer."}],
        )
    question = Question(offer_id=offer.id, seller_id=offer.seller_id, buyer_id=buyer_id, message=message)
    db.add(question)
    db.flush()
    out = _one(db, question.id)
    db.commit()
    return out


def asked_by(db: Session, buyer_id: int, limit: int, cursor: str | None) -> QuestionPage:
    return _page(db, _threads().where(Question.buyer_id == buyer_id), limit, cursor)


def asked_of(db: Session, seller_id: int, unanswered: bool | None, limit: int, cursor: str | None) -> QuestionPage:
    stmt = _threads().where(Question.seller_id == seller_id)
    if unanswered is True:
        stmt = stmt.where(Question.answer.is_(None))
    elif unanswered is False:
        stmt = stmt.where(Question.answer.is_not(None))
    return _page(db, stmt, limit, cursor)


def answer(db: Session, question_id: int, seller_id: int, message: str) -> QuestionOut:
    """The seller's one answer (404 `not_found`, 409 `already_answered`); committed."""
    question = db.scalar(
        select(Question)
        .where(Question.id == question_id, Question.seller_id == seller_id)
        .with_for_update()
    )
    if question is None:
        raise not_found("question")
    if question.answer is not None:
        raise ApiError(409, "already_answered", "This question already has an answer.")
    question.answer = message
    question.answered_at = utcnow()
    db.flush()
    out = _one(db, question.id)
    db.commit()
    return out
