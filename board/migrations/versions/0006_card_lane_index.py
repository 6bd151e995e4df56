"""index cards by lane: the end of a lane without scanning the board

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 10:00:00

A new card goes to the end of its kind's lane (``max(lane_position)``); without this index that
read every card of the board, a cost that grew with each card (docs/performance.md).
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cards_lane", "cards", ["initiative_id", "kind", "lane_position"])


def downgrade() -> None:
    op.drop_index("ix_cards_lane", table_name="cards")
