"""privacy

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 10:55:00.000000

"""
from alembic import op
import sqlalchemy as sa

import hackathon.clock


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('privacy_settings',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('retention_days', sa.Integer(), nullable=True),
    sa.Column('updated_at', hackathon.clock.UTCDateTime(), nullable=False),
    sa.CheckConstraint('retention_days IS NULL OR retention_days >= 0', name=op.f('ck_privacy_settings_retention_not_negative')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_privacy_settings_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_privacy_settings'))
    )


def downgrade():
    op.drop_table('privacy_settings')
