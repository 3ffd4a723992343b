"""After the event: what each winning team is offered (a pilot, a voucher, mentoring), with dates and status.

Organisers keep every follow-up; the owner of a team's challenge keeps those of the teams on their challenges.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from ..clock import utcnow
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..events.models import Event
from ..extensions import db
from ..teams.challenges import owner_id_of, titles
from ..teams.models import Team
from .models import FOLLOW_UP_STATUSES, OFFER_KINDS, FollowUp

MAX_OFFER = 300
MAX_NOTES = 4000
KIND_LABELS = {"pilot": _l("Pilot"), "voucher": _l("Voucher"), "mentoring": _l("Mentoring"), "other": _l("Other")}
STATUS_LABELS = {"offered": _l("Offered"), "agreed": _l("Agreed"), "running": _l("Running"), "done": _l("Done"),
                 "dropped": _l("Dropped")}


@dataclass
class FollowUpFields:
    """What an editor fills in."""

    kind: str
    offer: str
    status: str = "offered"
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    notes: str = ""


def check(fields: FollowUpFields) -> FollowUpFields:
    """A known kind and status, an offer in words, dates in order; `invalid` otherwise."""
    if fields.kind not in OFFER_KINDS:
        raise Invalid(_("An offer is a pilot, a voucher, mentoring or something else."))
    if fields.status not in FOLLOW_UP_STATUSES:
        raise Invalid(_("Unknown status."))
    fields.offer = " ".join((fields.offer or "").split())
    if not 3 <= len(fields.offer) <= MAX_OFFER:
        raise Invalid(_("Describe the offer in 3 to %(n)d characters.", n=MAX_OFFER))
    fields.notes = (fields.notes or "").strip()
    if len(fields.notes) > MAX_NOTES:
        raise Invalid(_("The notes are too long (at most %(n)d characters).", n=MAX_NOTES))
    if fields.starts_on and fields.ends_on and fields.ends_on < fields.starts_on:
        raise Invalid(_("The offer cannot end before it starts."))
    return fields


def may_edit(event: Event, user_id: int, roles, team: Team) -> bool:
    """Organisers, and the owner of the team's challenge."""
    if "organiser" in roles:
        return True
    if "challenge_owner" not in roles or team.challenge_id is None:
        return False
    return owner_id_of(team.challenge_id) == user_id


def _team(event: Event, team_id: int) -> Team:
    team = db.session.get(Team, team_id) if isinstance(team_id, int) else None
    if team is None or team.event_id != event.id:
        raise NotFound(_("There is no such team at this event."))
    return team


def save_follow_up(event: Event, user_id: int, roles, team_id: int, fields: FollowUpFields, winners: set[int],
                   follow_up_id: int | None = None, expected_version: int | None = None) -> FollowUp:
    """Add a follow-up for a winning team, or change one; `conflict` if someone changed it since it was loaded."""
    team = _team(event, team_id)
    if not may_edit(event, user_id, roles, team):
        raise Forbidden(_("Only organisers and the owner of the team's challenge keep its follow-ups."))
    fields = check(fields)
    values = dict(kind=fields.kind, offer=fields.offer, status=fields.status, starts_on=fields.starts_on,
                  ends_on=fields.ends_on, notes=fields.notes, updated_at=utcnow())
    if follow_up_id is None:
        if team.id not in winners:
            raise Invalid(_("Follow-ups are for winning teams."))
        row = FollowUp(event_id=event.id, team_id=team.id, challenge_id=team.challenge_id, version=1, **values)
        db.session.add(row)
        db.session.flush()
        return row
    row = get_follow_up(event, follow_up_id)
    if row.team_id != team.id:
        raise NotFound(_("There is no such follow-up."))
    conditions = [FollowUp.id == row.id]
    if expected_version is not None:
        conditions.append(FollowUp.version == expected_version)
    result = db.session.execute(update(FollowUp).where(*conditions).values(**values, version=FollowUp.version + 1)
                                .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise Conflict(_("Someone changed this follow-up meanwhile. Please review it again."))
    db.session.refresh(row)
    return row


def get_follow_up(event: Event, follow_up_id: object) -> FollowUp:
    """A follow-up of this event; `not_found` otherwise."""
    row = db.session.get(FollowUp, follow_up_id) if isinstance(follow_up_id, int) else None
    if row is None or row.event_id != event.id:
        raise NotFound(_("There is no such follow-up."))
    return row


def delete_follow_up(event: Event, user_id: int, roles, follow_up_id: int) -> FollowUp:
    """Remove a follow-up (organisers, the challenge's owner)."""
    row = get_follow_up(event, follow_up_id)
    if not may_edit(event, user_id, roles, _team(event, row.team_id)):
        raise Forbidden(_("Only organisers and the owner of the team's challenge keep its follow-ups."))
    db.session.delete(row)
    return row


def follow_ups(event: Event, team_ids: set[int] | None = None) -> list[dict]:
    """Follow-ups with their team and challenge names (one query), by team, newest last."""
    challenge = titles(event.id).subquery()
    query = (select(FollowUp, Team.name, challenge.c.title).join(Team, Team.id == FollowUp.team_id)
             .outerjoin(challenge, challenge.c.id == FollowUp.challenge_id)
             .where(FollowUp.event_id == event.id).order_by(Team.name, FollowUp.id))
    if team_ids is not None:
        query = query.where(FollowUp.team_id.in_(team_ids))
    return [{"row": row, "team": team, "challenge": title or ""} for row, team, title in db.session.execute(query)]
