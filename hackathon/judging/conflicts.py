"""Conflicts of interest: a juror and a team, or a juror and an organisation (all teams on its challenges)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..errors import Invalid, NotFound
from ..events.models import Event
from ..events.people import holders
from ..events.roles import roles_of
from ..extensions import db
from ..registry import registry
from ..teams import challenges, membership, organisations
from ..teams.models import Team
from .models import JuryConflict


def jurors(event: Event) -> list[User]:
    """The event's jurors by name."""
    return list(db.session.scalars(select(User).where(User.id.in_(holders(event.id, "jury"))).order_by(User.name)))


def conflict_pairs(event: Event) -> set[tuple[int, int]]:
    """Every (juror_id, team_id) that may not be scored: declared conflicts, organisations expanded to their
    teams, and a juror's own team, which is a conflict nobody needs to declare (three queries)."""
    pairs: set[tuple[int, int]] = set()
    juror_ids = holders(event.id, "jury")
    seats = membership.members(event.id).subquery()
    rows = db.session.execute(select(seats.c.user_id, seats.c.team_id).where(seats.c.user_id.in_(juror_ids)))
    pairs.update((juror_id, team_id) for juror_id, team_id in rows)
    rows = db.session.execute(select(JuryConflict.juror_id, JuryConflict.team_id)
                              .where(JuryConflict.event_id == event.id, JuryConflict.team_id.is_not(None)))
    pairs.update((juror_id, team_id) for juror_id, team_id in rows)
    posed = challenges.teams_by_organisation(event.id).subquery()
    rows = db.session.execute(
        select(JuryConflict.juror_id, posed.c.team_id)
        .join(posed, posed.c.organisation_id == JuryConflict.organisation_id)
        .where(JuryConflict.event_id == event.id))
    pairs.update((juror_id, team_id) for juror_id, team_id in rows)
    return pairs


def is_conflicted(event: Event, juror_id: int, team: Team) -> bool:
    """Whether this juror has a conflict with this team (a member of it, declared, or through its organisation)."""
    if membership.in_team(juror_id, team.id):
        return True
    organisation_id = challenges.organisation_id_of(team.challenge_id)
    query = select(JuryConflict.id).where(JuryConflict.event_id == event.id, JuryConflict.juror_id == juror_id)
    if organisation_id is None:
        query = query.where(JuryConflict.team_id == team.id)
    else:
        query = query.where((JuryConflict.team_id == team.id) | (JuryConflict.organisation_id == organisation_id))
    return db.session.scalar(query.limit(1)) is not None


def list_conflicts(event: Event, juror_id: int | None = None) -> list[JuryConflict]:
    """The event's declared conflicts (of one juror when given), with juror, team and organisation loaded."""
    query = (select(JuryConflict).where(JuryConflict.event_id == event.id)
             .options(joinedload(JuryConflict.juror), joinedload(JuryConflict.team),
                      joinedload(JuryConflict.organisation))
             .order_by(JuryConflict.id))
    if juror_id is not None:
        query = query.where(JuryConflict.juror_id == juror_id)
    return list(db.session.scalars(query))


def declare(event: Event, juror: User, *, team_id: int | None = None, organisation_id: int | None = None,
            declared_by: str = "juror", reason: str = "") -> JuryConflict:
    """Record a conflict of a juror with a team or an organisation; declaring it twice keeps the first."""
    if "jury" not in roles_of(juror, event):
        raise Invalid(_("Only jurors have conflicts of interest here."))
    if (team_id is None) == (organisation_id is None):
        raise Invalid(_("Choose either a team or an organisation."))
    if team_id is not None:
        team = db.session.get(Team, team_id)
        if team is None or team.event_id != event.id:
            raise NotFound(_("There is no such team at this event."))
        existing = select(JuryConflict).where(JuryConflict.juror_id == juror.id, JuryConflict.team_id == team_id)
    else:
        if not organisations.poses_at(organisation_id, event.id):
            raise NotFound(_("There is no such organisation at this event."))
        existing = select(JuryConflict).where(JuryConflict.event_id == event.id, JuryConflict.juror_id == juror.id,
                                              JuryConflict.organisation_id == organisation_id)
    conflict = JuryConflict(event_id=event.id, juror_id=juror.id, team_id=team_id, organisation_id=organisation_id,
                            declared_by=declared_by, reason=(reason or "")[:300])
    try:
        with db.session.begin_nested():
            db.session.add(conflict)
    except IntegrityError:
        return db.session.scalar(existing)
    return conflict


def remove(event: Event, conflict_id: int) -> None:
    """Withdraw a conflict (organisers)."""
    conflict = db.session.get(JuryConflict, conflict_id)
    if conflict is None or conflict.event_id != event.id:
        raise NotFound(_("There is no such conflict."))
    db.session.delete(conflict)


def mentored_pairs(event: Event) -> set[tuple[int, int]]:
    """(juror_id, team_id) where the juror mentored the team in a booked slot: flagged to organisers.

    Mentoring answers through its "mentored_pairs" hook (none registered: nobody mentored anyone).
    """
    hooks = registry().hooks_for("mentored_pairs")
    if not hooks:
        return set()
    juror_ids = set(db.session.scalars(holders(event.id, "jury")))
    return {(mentor_id, team_id) for hook in hooks for mentor_id, team_id in hook(event.id) if mentor_id in juror_ids}


def barred_teams(event: Event, user_id: int) -> set[int]:
    """The teams this person may not judge (the pitch session or the expo): declared conflicts (a team or an
    organisation's), teams they mentored, and their own team."""
    pairs = conflict_pairs(event) | mentored_pairs(event)
    teams = {team_id for juror_id, team_id in pairs if juror_id == user_id}
    own = membership.team_id_of(user_id, event.id)
    return teams if own is None else teams | {own}
