"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 14:37:50.978303
"""
from alembic import op
import sqlalchemy as sa
import board.db


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('engagements',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('buyer_name', sa.String(length=200), nullable=False),
    sa.Column('provider_name', sa.String(length=200), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('users',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_email'), ['email'], unique=True)

    op.create_table('api_tokens',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('user_id', sa.String(length=24), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('auth_sessions',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.String(length=24), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('auth_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auth_sessions_user_id'), ['user_id'], unique=False)

    op.create_table('initiatives',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.String(length=24), nullable=True),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiatives_engagement_id'), ['engagement_id'], unique=False)

    op.create_table('memberships',
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('user_id', sa.String(length=24), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('engagement_id', 'user_id')
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_memberships_user_id'), ['user_id'], unique=False)

    op.create_table('access_grants',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('expires_at', board.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('granted_by_id', sa.String(length=24), nullable=False),
    sa.Column('granted_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_by_id', sa.String(length=24), nullable=True),
    sa.Column('revoked_at', board.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['granted_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('access_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_grants_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_grants_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('clusters',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clusters_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_clusters_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=True),
    sa.Column('seq', sa.Integer(), nullable=True),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('actor_id', sa.String(length=24), nullable=True),
    sa.Column('at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index('ix_events_initiative_seq', ['initiative_id', 'seq'], unique=True)

    op.create_table('kpi_agreements',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('user_id', sa.String(length=24), nullable=False),
    sa.Column('agreed_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('initiative_id', 'side')
    )
    with op.batch_alter_table('kpi_agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kpi_agreements_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kpi_agreements_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('kpis',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('baseline', sa.Double(), nullable=True),
    sa.Column('target', sa.Double(), nullable=True),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('kpis', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kpis_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kpis_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('shadowing_sessions',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.Column('shadower_id', sa.String(length=24), nullable=False),
    sa.Column('host', sa.String(length=200), nullable=False),
    sa.Column('context', sa.Text(), nullable=False),
    sa.Column('started_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=True),
    sa.Column('customer_contact', sa.Boolean(), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shadower_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('shadowing_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shadowing_sessions_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shadowing_sessions_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('cards',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('author_id', sa.String(length=24), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('lane_position', sa.Double(), nullable=False),
    sa.Column('cluster_id', sa.String(length=24), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('observation_kind', sa.String(length=16), nullable=True),
    sa.Column('tags', sa.JSON(), nullable=True),
    sa.Column('shadowing_session_id', sa.String(length=24), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('persona', sa.Text(), nullable=True),
    sa.Column('situation', sa.Text(), nullable=True),
    sa.Column('struggle', sa.Text(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('told', sa.Boolean(), nullable=False),
    sa.Column('hypothesis', sa.Text(), nullable=True),
    sa.Column('test', sa.Text(), nullable=True),
    sa.Column('metric', sa.Text(), nullable=True),
    sa.Column('criterion', sa.Text(), nullable=True),
    sa.Column('audience', sa.String(length=16), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=True),
    sa.Column('observed', sa.Text(), nullable=True),
    sa.Column('learned', sa.Text(), nullable=True),
    sa.Column('decision', sa.String(length=16), nullable=True),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', board.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['cluster_id'], ['clusters.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shadowing_session_id'], ['shadowing_sessions.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cards_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cards_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cards_shadowing_session_id'), ['shadowing_session_id'], unique=False)

    op.create_table('budget_requests',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.Column('card_id', sa.String(length=24), nullable=True),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('requested_by_id', sa.String(length=24), nullable=False),
    sa.Column('requested_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('budget_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_requests_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_requests_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_requests_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('card_links',
    sa.Column('from_card_id', sa.String(length=24), nullable=False),
    sa.Column('to_card_id', sa.String(length=24), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['from_card_id'], ['cards.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['to_card_id'], ['cards.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('from_card_id', 'to_card_id')
    )
    with op.batch_alter_table('card_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_links_to_card_id'), ['to_card_id'], unique=False)

    op.create_table('comments',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.Column('card_id', sa.String(length=24), nullable=False),
    sa.Column('author_id', sa.String(length=24), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comments_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('spend',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.Column('card_id', sa.String(length=24), nullable=True),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.String(length=24), nullable=False),
    sa.Column('recorded_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('spend', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spend_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spend_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spend_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('decisions',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('request_id', sa.String(length=24), nullable=False),
    sa.Column('decided_by_id', sa.String(length=24), nullable=False),
    sa.Column('approve', sa.Boolean(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('decided_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['budget_requests.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('request_id')
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_engagement_id'), ['engagement_id'], unique=False)




def downgrade() -> None:
    # dependants first; a table's indexes go with it
    for table in ('decisions', 'spend', 'comments', 'card_links', 'budget_requests', 'cards', 'shadowing_sessions',
                  'kpis', 'kpi_agreements', 'events', 'clusters', 'access_grants', 'memberships', 'initiatives',
                  'auth_sessions', 'api_tokens', 'users', 'engagements'):
        op.drop_table(table)
