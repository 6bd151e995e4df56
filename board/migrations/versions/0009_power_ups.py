"""the power-ups last recorded for each initiative

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 10:00:00

A unit of work that may change an initiative's power-ups computes them once before its commit and
records a ``power_ups.changed`` event only when they differ from the last one recorded: this
column holds that last one (empty until the first such write; new initiatives start with the
levels of no facts).
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


# plain ALTER TABLE on SQLite too (3.35+ drops columns): a batch copy of ``initiatives`` would
# cascade-delete every board's rows with foreign keys on


def upgrade() -> None:
    op.add_column('initiatives', sa.Column('power_ups', sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column('initiatives', 'power_ups')
