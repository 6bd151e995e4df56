"""KPI measurements, and the measurement an experiment's learning cites

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 20:49:02

A KPI's measured values over time (the latest is its current value); a measurement may name the
experiment it was taken during, and a concluded experiment's learning may cite the measurement that
decided it (``cards.measurement_id``). Deleting a KPI deletes its measurements; the service un-cites
a measurement before deleting it (SQLite cannot add ``ON DELETE`` to a column it adds in place in a form
its reflection reads back).
"""
from alembic import op
import sqlalchemy as sa
import board.db


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('kpi_measurements',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('kpi_id', sa.String(length=24), nullable=False),
    sa.Column('value', sa.Double(), nullable=False),
    sa.Column('measured_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('experiment_id', sa.String(length=24), nullable=True),
    sa.Column('created_by_id', sa.String(length=24), nullable=False),
    sa.Column('created_at', board.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('engagement_id', sa.String(length=24), nullable=False),
    sa.Column('initiative_id', sa.String(length=24), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['experiment_id'], ['cards.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['kpi_id'], ['kpis.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('kpi_measurements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kpi_measurements_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kpi_measurements_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kpi_measurements_kpi_id'), ['kpi_id'], unique=False)

    # ``cards`` is not rebuilt (batch mode) on SQLite: its search index's views and rowids depend on it
    # (0005); SQLite adds a column with its reference in place
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE cards ADD COLUMN measurement_id VARCHAR(24) CONSTRAINT fk_cards_measurement_id '
                   'REFERENCES kpi_measurements (id)')
    else:
        op.add_column('cards', sa.Column('measurement_id', sa.String(length=24), nullable=True))
        op.create_foreign_key('fk_cards_measurement_id', 'cards', 'kpi_measurements', ['measurement_id'], ['id'])


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint('fk_cards_measurement_id', 'cards', type_='foreignkey')
    op.drop_column('cards', 'measurement_id')  # SQLite (3.35+) drops it with its reference, in place

    with op.batch_alter_table('kpi_measurements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kpi_measurements_kpi_id'))
        batch_op.drop_index(batch_op.f('ix_kpi_measurements_initiative_id'))
        batch_op.drop_index(batch_op.f('ix_kpi_measurements_engagement_id'))

    op.drop_table('kpi_measurements')
