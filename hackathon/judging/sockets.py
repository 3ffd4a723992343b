"""Judging socket commands: open/close scoring, the team now pitching, a juror's sheet, and a resync."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from ..errors import NotFound
from ..events.models import Event
from ..events.roles import require_role
from ..events.services import get_event
from ..extensions import db
from ..realtime.dispatch import command
from ..teams.models import Team
from ..transactions import unit_of_work
from . import audience, audit_trail, scoring, session
from .facts import publish_progress, publish_state, state_payload
from .juror import juror_summary


class EventPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(min_length=1, max_length=80)


class CurrentPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    team_id: StrictInt


class ScorePayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    team_id: StrictInt
    scores: dict[StrictStr, StrictInt] = Field(max_length=50)
    comment: StrictStr = Field(default="", max_length=scoring.MAX_COMMENT)
    # The phone's id for this edit: a resend with the same nonce is acknowledged and changes nothing.
    nonce: StrictStr | None = Field(default=None, min_length=1, max_length=64)


def _team_event(team_id: int) -> Event:
    team = db.session.get(Team, team_id)
    if team is None:
        raise NotFound(_("There is no such team."))
    return db.session.get(Event, team.event_id)


def _organiser_changes_state(user, event_of: Callable[[], Event], change: Callable[[Event], object]) -> dict:
    """An organiser's change to the judging session as one unit of work; then every phone follows."""
    with unit_of_work():
        event = event_of()
        require_role(user, event, "organiser")
        change(event)
    publish_state(event)
    return {"state": state_payload(event)}


@command("judging:open", EventPayload)
def open_scoring(user, payload: EventPayload) -> dict:
    """Organisers open the jury's scoring."""
    return _organiser_changes_state(user, lambda: get_event(payload.event),
                                    lambda event: audit_trail.open_scoring(event, user))


@command("judging:close", EventPayload)
def close_scoring(user, payload: EventPayload) -> dict:
    """Organisers close the jury's scoring."""
    return _organiser_changes_state(user, lambda: get_event(payload.event),
                                    lambda event: audit_trail.close_scoring(event, user))


@command("judging:current", CurrentPayload)
def current(user, payload: CurrentPayload) -> dict:
    """Organisers name the team now pitching; every juror's phone follows."""
    return _organiser_changes_state(user, lambda: _team_event(payload.team_id),
                                    lambda event: session.set_current(event, payload.team_id))


@command("judging:score", ScorePayload)
def score(user, payload: ScorePayload) -> dict:
    """A juror saves their sheet for a team; sending it again replaces it; a repeated nonce changes nothing."""
    with unit_of_work():
        event = _team_event(payload.team_id)
        saved = scoring.save_sheet(event, user, payload.team_id, dict(payload.scores), payload.comment,
                                   payload.nonce)
        sheet = scoring.sheet_json(saved.sheet)
    if saved.changed:
        publish_progress(event, payload.team_id)
    return {"sheet": sheet, "progress": juror_summary(event, user)}


@command("judging:sync", EventPayload)
def sync(user, payload: EventPayload) -> dict:
    """The state again after a reconnect: the session; a juror's own sheets; organisers' progress."""
    event = get_event(payload.event)
    roles = require_role(user, event, "organiser", "jury")
    answer: dict = {"state": state_payload(event)}
    if "jury" in roles:
        answer["sheets"] = [scoring.sheet_json(s) for s in scoring.sheets_of(event, user)]
        answer["progress"] = juror_summary(event, user)
    if "organiser" in roles:
        found = scoring.progress(event)
        answer["teams"] = found.teams
        answer["jurors"] = found.jurors
    return answer


class VotePayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    team_id: StrictInt


@command("judging:vote", VotePayload)
def vote(user, payload: VotePayload) -> dict:
    """A participant's people's choice vote: once, not for their own team, while the vote is open."""
    with unit_of_work():
        event = _team_event(payload.team_id)
        audience.cast_vote(event, user, payload.team_id)
    return {"team_id": payload.team_id}
