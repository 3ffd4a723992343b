"""judging tracks: a challenge judged on its own, with its prize, panel and sheets

Revision ID: 0041
Revises: 0040
Create Date: 2026-12-05 19:19:26.222659

"""
from alembic import op
import sqlalchemy as sa

import hackathon.clock


# revision identifiers, used by Alembic.
revision = '0041'
down_revision = '0040'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('judging_tracks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('prize', sa.String(length=300), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', hackathon.clock.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_judging_tracks_challenge_id_challenges'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_judging_tracks_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_judging_tracks')),
    sa.UniqueConstraint('challenge_id', name=op.f('uq_judging_tracks_challenge_id'))
    )
    with op.batch_alter_table('judging_tracks', schema=None) as batch_op:
        batch_op.create_index('ix_judging_tracks_event', ['event_id'], unique=False)

    op.create_table('judging_track_jurors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('track_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_judging_track_jurors_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['track_id'], ['judging_tracks.id'], name=op.f('fk_judging_track_jurors_track_id_judging_tracks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_judging_track_jurors_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_judging_track_jurors')),
    sa.UniqueConstraint('track_id', 'user_id', name=op.f('uq_judging_track_jurors_track_id_user_id'))
    )
    with op.batch_alter_table('judging_track_jurors', schema=None) as batch_op:
        batch_op.create_index('ix_judging_track_jurors_user', ['user_id'], unique=False)

    op.create_table('judging_track_sheets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('track_id', sa.Integer(), nullable=False),
    sa.Column('juror_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('updated_at', hackathon.clock.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_judging_track_sheets_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['juror_id'], ['users.id'], name=op.f('fk_judging_track_sheets_juror_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_judging_track_sheets_team_id_teams'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['track_id'], ['judging_tracks.id'], name=op.f('fk_judging_track_sheets_track_id_judging_tracks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_judging_track_sheets')),
    sa.UniqueConstraint('track_id', 'juror_id', 'team_id', name=op.f('uq_judging_track_sheets_track_id_juror_id_team_id'))
    )
    with op.batch_alter_table('judging_track_sheets', schema=None) as batch_op:
        batch_op.create_index('ix_judging_track_sheets_track', ['track_id'], unique=False)


def downgrade():
    with op.batch_alter_table('judging_track_sheets', schema=None) as batch_op:
        batch_op.drop_index('ix_judging_track_sheets_track')

    op.drop_table('judging_track_sheets')
    with op.batch_alter_table('judging_track_jurors', schema=None) as batch_op:
        batch_op.drop_index('ix_judging_track_jurors_user')

    op.drop_table('judging_track_jurors')
    with op.batch_alter_table('judging_tracks', schema=None) as batch_op:
        batch_op.drop_index('ix_judging_tracks_event')

    op.drop_table('judging_tracks')
