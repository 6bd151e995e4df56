"""budget requests are tranches of an experiment's plan, each with its learning

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 21:00:00

Metered funding: an experiment's request says which tranche of the plan it funds; the next tranche
can be requested once the previous one's learning is written on its approved request. Requests made
before tranches existed are tranche 1; shadowing requests have none.
"""
from alembic import op
import sqlalchemy as sa
import board.db


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('budget_requests') as batch_op:
        batch_op.add_column(sa.Column('tranche', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('learned', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('learned_at', board.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('learned_by_id', sa.String(length=24), nullable=True))
        batch_op.create_foreign_key('fk_budget_requests_learned_by_id_users', 'users', ['learned_by_id'], ['id'])
    op.execute("UPDATE budget_requests SET tranche = 1 WHERE card_id IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('budget_requests') as batch_op:
        batch_op.drop_constraint('fk_budget_requests_learned_by_id_users', type_='foreignkey')
        batch_op.drop_column('learned_by_id')
        batch_op.drop_column('learned_at')
        batch_op.drop_column('learned')
        batch_op.drop_column('tranche')
