"""The category tree with its names in one language and its live offers counted through the tree."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..orm import Category, CategoryTranslation
from ..schemas.catalog import CategoryOut
from .statements import OFFERS


def category_tree(db: Session, language: str) -> list[CategoryOut]:
    """Every category (a tree through `parent_id`), counting live offers in it and below it; names in
    `language`, English for a category not translated."""
    translated = (
        select(CategoryTranslation.name)
        .where(CategoryTranslation.category_id == Category.id, CategoryTranslation.language == language)
        .scalar_subquery()
    )
    name = func.coalesce(translated, Category.name).label("name")
    cats = db.execute(select(Category.id, name, Category.parent_id).order_by(Category.id)).all()
    totals = offers_below({c.id: c.parent_id for c in cats}, _direct_counts(db))
    return [CategoryOut(id=c.id, name=c.name, parent_id=c.parent_id, offer_count=totals[c.id]) for c in cats]


def _direct_counts(db: Session) -> dict[int, int]:
    """Live offers per category they are listed in."""
    stmt = (
        select(OFFERS.c.category_id, func.count())
        .where(OFFERS.c.deleted_at.is_(None))
        .group_by(OFFERS.c.category_id)
    )
    return dict(db.execute(stmt).tuples().all())


def offers_below(parent: dict[int, int | None], direct: dict[int, int]) -> dict[int, int]:
    """Each category's count plus those of every category below it (`parent`: id → parent id)."""
    totals = dict.fromkeys(parent, 0)
    for cat_id, count in direct.items():
        seen: set[int] = set()
        node: int | None = cat_id
        while node is not None and node in totals and node not in seen:  # `seen` guards a bad cycle
            seen.add(node)
            totals[node] += count
            node = parent[node]
    return totals
