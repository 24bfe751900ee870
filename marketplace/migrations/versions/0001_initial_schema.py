"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""
from alembic import op

from marketplace.orm import Base

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    # TODO(before first release): replace with explicit ops frozen from the ORM.
    Base.metadata.create_all(bind)
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE offers_fts USING fts5("
            "title, description, sku, seller, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
        )
    else:
        op.execute(
            "CREATE INDEX ix_offers_search ON offers USING gin (to_tsvector('simple', search_text)) "
            "WHERE deleted_at IS NULL"
        )
    op.execute("INSERT INTO counters (name, value) VALUES ('offer_changes', 0)")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS offers_fts")
    Base.metadata.drop_all(op.get_bind())
