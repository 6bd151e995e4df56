"""notifications that resolve themselves

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 21:05:00

A notification asking for something (a budget request awaiting a sponsor) is done once anyone has
done it: ``done_at`` says when, and it is read from then on. Requests decided before this migration
leave their sponsors' notifications done too.
"""
from alembic import op
import sqlalchemy as sa
import board.db


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('notifications') as batch_op:
        batch_op.add_column(sa.Column('done_at', board.db.UTCDateTime(timezone=True), nullable=True))
    op.execute("UPDATE notifications SET done_at = (SELECT decided_at FROM decisions"
               " WHERE decisions.request_id = notifications.request_id),"
               " read_at = COALESCE(read_at, (SELECT decided_at FROM decisions"
               " WHERE decisions.request_id = notifications.request_id))"
               " WHERE kind = 'budget_pending' AND request_id IN (SELECT request_id FROM decisions)")


def downgrade() -> None:
    with op.batch_alter_table('notifications') as batch_op:
        batch_op.drop_column('done_at')
