"""packagings: an offer's list read from one index, in its order

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # (offer_id, units, id, label) serves every lookup the offer_id index did, in the order an offer's
    # packagings are shown, with the label: a GET /offers page reads no packagings row (orm.py)
    op.create_index('ix_packagings_offer_units', 'packagings', ['offer_id', 'units', 'id', 'label'])
    op.drop_index('ix_packagings_offer_id', table_name='packagings')


def downgrade() -> None:
    op.create_index('ix_packagings_offer_id', 'packagings', ['offer_id'])
    op.drop_index('ix_packagings_offer_units', table_name='packagings')
