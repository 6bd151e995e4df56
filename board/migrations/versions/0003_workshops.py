"""workshops voting notifications pii mentions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 15:14:28.907156
"""
from alembic import op
import sqlalchemy as sa
import board.db


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('voting_rounds',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('votes_per_person', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_by_id', sa.String(length=24), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revealed_at', board.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('voting_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voting_rounds_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_voting_rounds_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('votes',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('round_id', sa.String(length=24), nullable=False),
    sa.Column('card_id', sa.String(length=24), nullable=False),
    sa.Column('user_id', sa.String(length=24), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['voting_rounds.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_votes_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_round_id'), ['round_id'], unique=False)

    op.create_table('workshops',
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('timer_status', sa.String(length=16), nullable=False),
    sa.Column('timer_ends_at', board.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('timer_remaining', sa.Integer(), nullable=True),
    sa.Column('timer_duration', sa.Integer(), nullable=True),
    sa.Column('focus_card_id', sa.String(length=24), nullable=True),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('updated_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['focus_card_id'], ['cards.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('initiative_id')
    )
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshops_engagement_id'), ['engagement_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('user_id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=True),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('card_id', sa.String(length=24), nullable=True),
    sa.Column('request_id', sa.String(length=24), nullable=True),
    sa.Column('actor_id', sa.String(length=24), nullable=True),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('read_at', board.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['budget_requests.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pii_kept', sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mentions', sa.JSON(), nullable=False, server_default='[]'))



def downgrade() -> None:
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_column('mentions')

    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_column('pii_kept')

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_user_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_engagement_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_created_at'))

    op.drop_table('notifications')
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshops_engagement_id'))

    op.drop_table('workshops')
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_votes_round_id'))
        batch_op.drop_index(batch_op.f('ix_votes_card_id'))

    op.drop_table('votes')
    with op.batch_alter_table('voting_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voting_rounds_initiative_id'))
        batch_op.drop_index(batch_op.f('ix_voting_rounds_engagement_id'))

    op.drop_table('voting_rounds')
