"""The people's choice: participants vote once for a team not their own while the vote is open; the tally
stays hidden (even from organisers, who see only how many voted) until it is revealed."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..errors import Closed, Conflict, Forbidden, Invalid
from ..events.models import Event
from ..events.roles import roles_of
from ..extensions import db
from ..teams.membership import team_of
from ..teams.models import Team
from .models import AudienceVote, JudgingState
from .session import event_team, locked_state

AUDIENCE_STATES = ("closed", "open", "revealed")


def set_audience(event: Event, audience: str) -> JudgingState:
    """Open, close or reveal the people's choice vote (organisers)."""
    if audience not in AUDIENCE_STATES:
        raise Invalid(_("Unknown vote state."))
    state = locked_state(event)
    if state.audience != audience:
        state.audience = audience
        state.version += 1
    return state


def cast_vote(event: Event, voter: User, team_id: int) -> AudienceVote:
    """One vote per participant, for a team not their own, while the vote is open; a second vote is `conflict`."""
    if "participant" not in roles_of(voter, event):
        raise Forbidden(_("Only participants vote for the people's choice."))
    state = db.session.scalar(select(JudgingState.audience).where(JudgingState.event_id == event.id)
                              .with_for_update(read=True))
    if state != "open":
        raise Closed(_("The people's choice vote is not open."))
    team = event_team(event, team_id)
    own = team_of(voter, event.id)
    if own is not None and own.id == team.id:
        raise Forbidden(_("You cannot vote for your own team."))
    vote = AudienceVote(event_id=event.id, voter_id=voter.id, team_id=team.id)
    try:
        with db.session.begin_nested():
            db.session.add(vote)
    except IntegrityError:
        raise Conflict(_("You have already voted."), code="already_voted") from None
    return vote


def vote_of(event: Event, voter: User) -> AudienceVote | None:
    """The voter's vote, if any."""
    return db.session.scalar(select(AudienceVote).where(AudienceVote.event_id == event.id,
                                                        AudienceVote.voter_id == voter.id))


def votes_cast(event: Event) -> int:
    """How many people have voted (shown to organisers while the tally is hidden)."""
    return db.session.scalar(select(func.count()).select_from(AudienceVote).where(AudienceVote.event_id == event.id))


def tally(event: Event) -> list[dict] | None:
    """Votes per team, most first, once revealed; None while hidden."""
    state = db.session.scalar(select(JudgingState.audience).where(JudgingState.event_id == event.id))
    if state != "revealed":
        return None
    counts = dict(db.session.execute(select(AudienceVote.team_id, func.count()).where(
        AudienceVote.event_id == event.id).group_by(AudienceVote.team_id)).all())
    teams = db.session.execute(select(Team.id, Team.name).where(Team.event_id == event.id)).all()
    rows = [{"team_id": i, "team": n, "votes": counts.get(i, 0)} for i, n in teams]
    return sorted(rows, key=lambda r: (-r["votes"], r["team"].lower()))
