"""users confirm the address they signed up with

Revision ID: 0052
Revises: 0051
Create Date: 2026-12-05 21:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

import hackathon.clock


# revision identifiers, used by Alembic.
revision = '0052'
down_revision = '0051'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_verified_at', hackathon.clock.UTCDateTime(), nullable=True))
    # Accounts that exist already keep working: they count as confirmed since they were made.
    op.execute("UPDATE users SET email_verified_at = created_at")


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('email_verified_at')
