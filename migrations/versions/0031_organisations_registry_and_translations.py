"""organisations registry and translations: organisations live once across events (duplicates of one name
merged, free-text kinds mapped to categories), a juror's conflict with an organisation is per event,
challenges may wait for an invited owner, and every organiser's text carries its translations

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-05 19:25:51.470507

"""
from alembic import op
import sqlalchemy as sa

import hackathon.clock


# revision identifiers, used by Alembic.
revision = '0031'
down_revision = '0030'
branch_labels = None
depends_on = None

TRANSLATED = ('agenda_items', 'announcements', 'challenges', 'judging_criteria')
KINDS = ("'', 'social_economy', 'partner', 'technology', 'research', 'public', 'business', 'funder', 'other'")


def _add_translations(table):
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.add_column(sa.Column('translations', sa.JSON(), nullable=True))
    op.execute(f"UPDATE {table} SET translations = '{{}}'")
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.alter_column('translations', existing_type=sa.JSON(), nullable=False)


def upgrade():
    for table in TRANSLATED:
        _add_translations(table)
    with op.batch_alter_table('challenges', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_email', sa.String(length=254), nullable=True))

    # Conflicts with an organisation are per event once an organisation is shared by events.
    with op.batch_alter_table('judging_conflicts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_judging_conflicts_juror_id_organisation_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_judging_conflicts_event_id_juror_id_organisation_id'),
                                          ['event_id', 'juror_id', 'organisation_id'])

    # One row per organisation name: the oldest keeps what any of its copies knew; challenges and conflicts
    # point to it; the copies go.
    for column in ('country', 'kind', 'website'):
        op.execute(f"UPDATE organisations SET {column} = (SELECT MAX(o2.{column}) FROM organisations o2 "
                   f"WHERE o2.name = organisations.name) WHERE {column} = ''")
    op.execute("UPDATE organisations SET logo_path = (SELECT MAX(o2.logo_path) FROM organisations o2 "
               "WHERE o2.name = organisations.name) WHERE logo_path IS NULL")
    for table in ('challenges', 'judging_conflicts'):
        op.execute(f"UPDATE {table} SET organisation_id = (SELECT MIN(o2.id) FROM organisations o2 WHERE o2.name = "
                   f"(SELECT o1.name FROM organisations o1 WHERE o1.id = {table}.organisation_id)) "
                   "WHERE organisation_id IS NOT NULL")
    op.execute("DELETE FROM organisations WHERE id NOT IN (SELECT MIN(id) FROM organisations GROUP BY name)")
    op.execute("UPDATE organisations SET kind = CASE LOWER(kind) "
               "WHEN 'social enterprise' THEN 'social_economy' WHEN 'cooperative' THEN 'social_economy' "
               "WHEN 'association' THEN 'social_economy' WHEN 'foundation' THEN 'social_economy' "
               "WHEN 'university' THEN 'research' WHEN 'company' THEN 'business' "
               f"ELSE CASE WHEN kind IN ({KINDS}) THEN kind ELSE 'other' END END")

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('description', sa.String(length=1000), server_default='', nullable=False))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('created_at', hackathon.clock.UTCDateTime(), nullable=True))
        batch_op.drop_index(batch_op.f('ix_organisations_event_id'))
        batch_op.drop_constraint(batch_op.f('uq_organisations_event_id_name'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_organisations_name'), ['name'])
        batch_op.drop_constraint(batch_op.f('fk_organisations_event_id_events'), type_='foreignkey')
        batch_op.drop_column('event_id')
        batch_op.create_check_constraint('known_kind', f"kind IN ({KINDS})")


def downgrade():
    # Back to one event per organisation: each keeps the event of its first challenge; those without go.
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_organisations_known_kind'), type_='check')
        batch_op.add_column(sa.Column('event_id', sa.INTEGER(), nullable=True))
    op.execute("UPDATE organisations SET event_id = (SELECT MIN(c.event_id) FROM challenges c "
               "WHERE c.organisation_id = organisations.id)")
    op.execute("UPDATE challenges SET organisation_id = NULL WHERE organisation_id IN "
               "(SELECT id FROM organisations WHERE event_id IS NULL)")
    op.execute("DELETE FROM judging_conflicts WHERE organisation_id IN "
               "(SELECT id FROM organisations WHERE event_id IS NULL)")
    op.execute("DELETE FROM organisations WHERE event_id IS NULL")
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.alter_column('event_id', existing_type=sa.INTEGER(), nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_organisations_event_id_events'), 'events', ['event_id'], ['id'],
                                    ondelete='CASCADE')
        batch_op.drop_constraint(batch_op.f('uq_organisations_name'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_organisations_event_id_name'), ['event_id', 'name'])
        batch_op.create_index(batch_op.f('ix_organisations_event_id'), ['event_id'], unique=False)
        batch_op.drop_column('created_at')
        batch_op.drop_column('version')
        batch_op.drop_column('description')

    # A juror's conflicts with one organisation at several events become one (the first declared).
    op.execute("DELETE FROM judging_conflicts WHERE organisation_id IS NOT NULL AND id NOT IN "
               "(SELECT MIN(id) FROM judging_conflicts WHERE organisation_id IS NOT NULL "
               "GROUP BY juror_id, organisation_id)")
    with op.batch_alter_table('judging_conflicts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_judging_conflicts_event_id_juror_id_organisation_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_judging_conflicts_juror_id_organisation_id'),
                                          ['juror_id', 'organisation_id'])

    with op.batch_alter_table('challenges', schema=None) as batch_op:
        batch_op.drop_column('owner_email')
    for table in TRANSLATED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('translations')
