"""invitations, password resets and the mail outbox

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 08:49:27

Members now join by accepting an invitation; "forgot password" links; e-mail queued in the
database with the change that asks for it and sent after the commit.
"""
from alembic import op
import sqlalchemy as sa
import board.db


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outbound_mail',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('ref_id', sa.String(length=24), nullable=True),
    sa.Column('to_email', sa.String(length=254), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('next_attempt_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_until', board.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('sent_at', board.db.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outbound_mail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbound_mail_ref_id'), ['ref_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbound_mail_status'), ['status'], unique=False)

    op.create_table('invitations',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('salt', sa.String(length=32), nullable=False),
    sa.Column('invited_by_id', sa.String(length=24), nullable=True),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('answered_at', board.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answered_by_id', sa.String(length=24), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_engagement_id'), ['engagement_id'], unique=False)

    op.create_table('password_resets',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('user_id', sa.String(length=24), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('salt', sa.String(length=32), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', board.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('password_resets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_resets_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('password_resets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_resets_user_id'))

    op.drop_table('password_resets')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_engagement_id'))
        batch_op.drop_index(batch_op.f('ix_invitations_email'))

    op.drop_table('invitations')
    with op.batch_alter_table('outbound_mail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbound_mail_status'))
        batch_op.drop_index(batch_op.f('ix_outbound_mail_ref_id'))

    op.drop_table('outbound_mail')
