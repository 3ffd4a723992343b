"""check-in nonce answers keep only the check-in they reported, not the participant's data

Revision ID: 0051
Revises: 0050
Create Date: 2026-12-05 20:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0051'
down_revision = '0050'
branch_labels = None
depends_on = None


def upgrade():
    # The stored answers held each scanned participant's dietary and accessibility needs. They only serve a
    # scanner retrying a request within seconds, so they are dropped rather than converted.
    op.execute("DELETE FROM checkin_scan_answers")
    with op.batch_alter_table('checkin_scan_answers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checkin_id', sa.Integer(), nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_checkin_scan_answers_checkin_id_checkins'), 'checkins',
                                    ['checkin_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_column('body')


def downgrade():
    op.execute("DELETE FROM checkin_scan_answers")
    with op.batch_alter_table('checkin_scan_answers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('body', sa.JSON(), nullable=False))
        batch_op.drop_constraint(batch_op.f('fk_checkin_scan_answers_checkin_id_checkins'), type_='foreignkey')
        batch_op.drop_column('checkin_id')
