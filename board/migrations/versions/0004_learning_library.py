"""learning library

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 15:50:14.224096
"""
from alembic import op
import sqlalchemy as sa
import board.db


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('library_entries',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.Column('card_id', sa.String(length=24), nullable=False),
    sa.Column('provider_key', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('hypothesis', sa.Text(), nullable=False),
    sa.Column('learning', sa.Text(), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=True),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('proposed_by_id', sa.String(length=24), nullable=False),
    sa.Column('proposed_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.String(length=24), nullable=True),
    sa.Column('decided_at', board.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decision_comment', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('library_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_library_entries_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_library_entries_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_library_entries_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_library_entries_provider_key'), ['provider_key'], unique=False)

    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('inspired_by_id', sa.String(length=24), nullable=True))
        batch_op.create_foreign_key('fk_cards_inspired_by_id', 'library_entries', ['inspired_by_id'], ['id'], ondelete='SET NULL')



def downgrade() -> None:
    with op.batch_alter_table('cards', schema=None) as batch_op:
        # WARNING: constraint name is None; this directive will fail as
        # rendered.  Add a name, or use a naming convention; see
        # https://alembic.sqlalchemy.org/en/latest/naming.html
        batch_op.drop_constraint('fk_cards_inspired_by_id', type_='foreignkey')
        batch_op.drop_column('inspired_by_id')

    with op.batch_alter_table('library_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_library_entries_provider_key'))
        batch_op.drop_index(batch_op.f('ix_library_entries_initiative_id'))
        batch_op.drop_index(batch_op.f('ix_library_entries_engagement_id'))
        batch_op.drop_index(batch_op.f('ix_library_entries_card_id'))

    op.drop_table('library_entries')
