"""events name the op of the write that made them

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10 09:00:00

A socket write's ``op_id`` or a REST write's ``Idempotency-Key`` is stored with each event it
records, and sent with it live and on replay, so a client reconciles its pending writes exactly.
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events') as batch_op:
        batch_op.add_column(sa.Column('op_id', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('events') as batch_op:
        batch_op.drop_column('op_id')
