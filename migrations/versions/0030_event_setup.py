"""event setup: platform administrators, door staff, the event's phase windows, publication, content
languages and translations, the venue's rooms

Revision ID: 0030
Revises: 0052
Create Date: 2026-12-05 19:15:29.386925

"""
from alembic import op
import sqlalchemy as sa

import hackathon.clock


# revision identifiers, used by Alembic.
revision = '0030'
down_revision = '0052'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('event_rooms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('notes', sa.String(length=300), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint('capacity IS NULL OR capacity >= 0', name=op.f('ck_event_rooms_room_capacity_not_negative')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_rooms_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_rooms')),
    sa.UniqueConstraint('event_id', 'name', name=op.f('uq_event_rooms_event_id_name'))
    )
    with op.batch_alter_table('event_rooms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_rooms_event_id'), ['event_id'], unique=False)

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registration_opens_at', hackathon.clock.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('registration_closes_at', hackathon.clock.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('team_formation_opens_at', hackathon.clock.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('mentoring_opens_at', hackathon.clock.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('mentoring_closes_at', hackathon.clock.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('judging_opens_at', hackathon.clock.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('judging_closes_at', hackathon.clock.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('checkin_opens_at', hackathon.clock.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('checkin_closes_at', hackathon.clock.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('published', sa.Boolean(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('language', sa.String(length=8), server_default='en', nullable=False))
        batch_op.add_column(sa.Column('translation_languages', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('translations', sa.JSON(), nullable=True))
    op.execute("UPDATE events SET translation_languages = '[]', translations = '{}'")
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.alter_column('translation_languages', existing_type=sa.JSON(), nullable=False)
        batch_op.alter_column('translations', existing_type=sa.JSON(), nullable=False)

    # Door staff: a role of its own.
    with op.batch_alter_table('roles', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_roles_known_role'), type_='check')
        batch_op.create_check_constraint(
            'known_role', "role IN ('organiser', 'mentor', 'jury', 'challenge_owner', 'door')")

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_admin', sa.Boolean(), server_default='0', nullable=False))



def downgrade():
    op.execute("DELETE FROM roles WHERE role = 'door'")
    with op.batch_alter_table('roles', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_roles_known_role'), type_='check')
        batch_op.create_check_constraint('known_role', "role IN ('organiser', 'mentor', 'jury', 'challenge_owner')")

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('is_admin')

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('translations')
        batch_op.drop_column('translation_languages')
        batch_op.drop_column('language')
        batch_op.drop_column('published')
        batch_op.drop_column('checkin_closes_at')
        batch_op.drop_column('checkin_opens_at')
        batch_op.drop_column('judging_closes_at')
        batch_op.drop_column('judging_opens_at')
        batch_op.drop_column('mentoring_closes_at')
        batch_op.drop_column('mentoring_opens_at')
        batch_op.drop_column('team_formation_opens_at')
        batch_op.drop_column('registration_closes_at')
        batch_op.drop_column('registration_opens_at')

    with op.batch_alter_table('event_rooms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_rooms_event_id'))

    op.drop_table('event_rooms')
