"""projects: pages, files, deadline and extensions, gallery names, follow-ups, organisation kinds

Revision ID: 0040
Revises: 0010
Create Date: 2026-12-05 19:19:26.222659

"""
from alembic import op
import sqlalchemy as sa

import hackathon.clock


# revision identifiers, used by Alembic.
revision = '0040'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('impact_organisation_kinds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name_key', sa.String(length=160), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_impact_organisation_kinds_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_impact_organisation_kinds')),
    sa.UniqueConstraint('event_id', 'name_key', name=op.f('uq_impact_organisation_kinds_event_id_name_key'))
    )
    op.create_table('project_gallery_names',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_project_gallery_names_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_project_gallery_names_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_gallery_names')),
    sa.UniqueConstraint('event_id', 'user_id', name=op.f('uq_project_gallery_names_event_id_user_id'))
    )
    op.create_table('project_settings',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('deadline', hackathon.clock.UTCDateTime(), nullable=True),
    sa.Column('gallery_published_at', hackathon.clock.UTCDateTime(), nullable=True),
    sa.Column('winner_places', sa.Integer(), server_default='3', nullable=False),
    sa.Column('reminder_sent_at', hackathon.clock.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint('winner_places >= 0 AND winner_places <= 10', name=op.f('ck_project_settings_winner_places_range')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_project_settings_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_project_settings'))
    )
    op.create_table('project_deadline_extensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('until', hackathon.clock.UTCDateTime(), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', hackathon.clock.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_project_deadline_extensions_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['granted_by_id'], ['users.id'], name=op.f('fk_project_deadline_extensions_granted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_project_deadline_extensions_team_id_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_deadline_extensions')),
    sa.UniqueConstraint('team_id', name=op.f('uq_project_deadline_extensions_team_id'))
    )
    with op.batch_alter_table('project_deadline_extensions', schema=None) as batch_op:
        batch_op.create_index('ix_project_deadline_extensions_event', ['event_id'], unique=False)

    op.create_table('project_follow_ups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('offer', sa.String(length=300), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', hackathon.clock.UTCDateTime(), nullable=False),
    sa.Column('updated_at', hackathon.clock.UTCDateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('pilot', 'voucher', 'mentoring', 'other')", name=op.f('ck_project_follow_ups_known_kind')),
    sa.CheckConstraint("status IN ('offered', 'agreed', 'running', 'done', 'dropped')", name=op.f('ck_project_follow_ups_known_status')),
    sa.CheckConstraint('ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on', name=op.f('ck_project_follow_ups_dates_in_order')),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_project_follow_ups_challenge_id_challenges'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_project_follow_ups_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_project_follow_ups_team_id_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_follow_ups'))
    )
    with op.batch_alter_table('project_follow_ups', schema=None) as batch_op:
        batch_op.create_index('ix_project_follow_ups_event', ['event_id'], unique=False)

    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('built', sa.Text(), nullable=False),
    sa.Column('approach', sa.Text(), nullable=False),
    sa.Column('links', sa.JSON(), nullable=False),
    sa.Column('show_in_gallery', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('submitted_at', hackathon.clock.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', hackathon.clock.UTCDateTime(), nullable=False),
    sa.Column('updated_at', hackathon.clock.UTCDateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_projects_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_projects_team_id_teams'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_projects_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('team_id', name=op.f('uq_projects_team_id'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index('ix_projects_event', ['event_id'], unique=False)

    op.create_table('project_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('filename', sa.String(length=160), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('storage_key', sa.String(length=200), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', hackathon.clock.UTCDateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('slides', 'image')", name=op.f('ck_project_files_known_kind')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_project_files_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_files_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_project_files_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_files')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_project_files_storage_key'))
    )
    with op.batch_alter_table('project_files', schema=None) as batch_op:
        batch_op.create_index('ix_project_files_project', ['project_id'], unique=False)



def downgrade():
    with op.batch_alter_table('project_files', schema=None) as batch_op:
        batch_op.drop_index('ix_project_files_project')

    op.drop_table('project_files')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index('ix_projects_event')

    op.drop_table('projects')
    with op.batch_alter_table('project_follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_project_follow_ups_event')

    op.drop_table('project_follow_ups')
    with op.batch_alter_table('project_deadline_extensions', schema=None) as batch_op:
        batch_op.drop_index('ix_project_deadline_extensions_event')

    op.drop_table('project_deadline_extensions')
    op.drop_table('project_settings')
    op.drop_table('project_gallery_names')
    op.drop_table('impact_organisation_kinds')
