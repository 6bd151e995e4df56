"""Workshop phases, private reflect cards, scoped voting rounds and saved workshop templates

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 22:48:58

A workshop runs through a template's steps (reflect, group, vote, discuss); cards written during
reflect are private to their author until revealed; a voting round may cover only some cards; a
facilitator may save templates per engagement.
"""
from alembic import op
import sqlalchemy as sa
import board.db


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('workshop_templates',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('steps', sa.JSON(), nullable=False),
    sa.Column('created_by_id', sa.String(length=24), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('workshop_templates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_templates_engagement_id'), ['engagement_id'], unique=False)

    # in place, not a batch rebuild: on SQLite the search index's views and rowids depend on ``cards``
    op.add_column('cards', sa.Column('private', sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table('voting_rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scope', sa.JSON(), nullable=True))

    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('template_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('template_name', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('steps', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('step', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('agenda', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('agenda_index', sa.Integer(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('agenda_index')
        batch_op.drop_column('agenda')
        batch_op.drop_column('step')
        batch_op.drop_column('steps')
        batch_op.drop_column('template_name')
        batch_op.drop_column('template_id')

    with op.batch_alter_table('voting_rounds', schema=None) as batch_op:
        batch_op.drop_column('scope')

    op.drop_column('cards', 'private')  # SQLite (3.35+) drops it in place

    with op.batch_alter_table('workshop_templates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_templates_engagement_id'))

    op.drop_table('workshop_templates')
