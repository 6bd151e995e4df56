"""photos attached to observation cards

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 14:30:00

An observation may carry photos taken in the field: the row holds the sizes, who added it and
that they confirmed the personal-data warning; the image files live in the photo store
(``instance/attachments`` by default), named after the row's id.
"""
from alembic import op
import sqlalchemy as sa
import board.db


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('photos',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('card_id', sa.String(length=24), nullable=False),
    sa.Column('created_by_id', sa.String(length=24), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('thumb_width', sa.Integer(), nullable=False),
    sa.Column('thumb_height', sa.Integer(), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('personal_data_confirmed', sa.Boolean(), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_photos_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_photos_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_photos_initiative_id'), ['initiative_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_photos_initiative_id'))
        batch_op.drop_index(batch_op.f('ix_photos_engagement_id'))
        batch_op.drop_index(batch_op.f('ix_photos_card_id'))

    op.drop_table('photos')
