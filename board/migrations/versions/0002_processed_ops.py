"""processed socket operations (idempotent op_id)

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

import board.db

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "processed_ops",
        sa.Column("user_id", sa.String(length=24), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("created_at", board.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "op_id"),
    )
    op.create_index("ix_processed_ops_created_at", "processed_ops", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_processed_ops_created_at", table_name="processed_ops")
    op.drop_table("processed_ops")
