"""The pitch session: the scoring window, the pitch order, who pitches now, the timer and the reveal.

Every change locks the event's JudgingState row (FOR UPDATE on PostgreSQL; SQLite serialises
writers anyway) and bumps its version, so two organisers' phones cannot interleave half-changes.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from ..clock import utcnow
from ..errors import Closed, Conflict, Invalid, NotFound
from ..events.models import Event
from ..events.schedule import local_text, phase_state
from ..extensions import db
from ..teams.models import Team
from .models import JudgingState, Pitch

TIMER_PHASES = ("idle", "pitch", "qa")


def state_of(event: Event) -> JudgingState:
    """The event's judging state; a pending one (version 0, not stored) before anything happened."""
    found = db.session.get(JudgingState, event.id)
    return found or JudgingState(event_id=event.id, state="pending", pitch_seconds=300, qa_seconds=180,
                                 timer_phase="idle", revealed=0, audience="closed", version=0)


def locked_state(event: Event) -> JudgingState:
    """The stored state row, created if missing, locked for this write transaction."""
    query = select(JudgingState).where(JudgingState.event_id == event.id).with_for_update()
    found = db.session.scalar(query.execution_options(populate_existing=True))
    if found is not None:
        return found
    try:
        with db.session.begin_nested():
            db.session.add(JudgingState(event_id=event.id, state="pending", version=0))
    except IntegrityError:  # made by a concurrent first change
        pass
    return db.session.scalar(query.execution_options(populate_existing=True))


def _bump(state: JudgingState) -> JudgingState:
    state.version = (state.version or 0) + 1
    return state


def open_scoring(event: Event) -> JudgingState:
    """Open the jury's scoring (from pending or closed); opening an open window changes nothing."""
    state = locked_state(event)
    if state.state == "open":
        return state
    if state.state == "published":
        raise Conflict(_("The results are published; scoring cannot open again."), code="closed")
    if phase_state(event, "judging") != "open":  # the window the organisers planned in the settings
        raise Closed(_("Scoring opens only within the judging window (%(opens)s – %(closes)s): change it in the "
                       "event's settings to open scoring now.",
                       opens=local_text(event.judging_opens_at, event.timezone) or "…",
                       closes=local_text(event.judging_closes_at, event.timezone) or "…"))
    state.state = "open"
    return _bump(state)


def close_scoring(event: Event) -> JudgingState:
    """Close the jury's scoring; closing a closed window changes nothing."""
    state = locked_state(event)
    if state.state in ("closed", "published"):
        return state
    if state.state == "pending":
        raise Closed(_("Scoring has not opened yet."))
    state.state = "closed"
    state.timer_phase, state.timer_started_at = "idle", None
    return _bump(state)


def event_team(event: Event, team_id: int) -> Team:
    """A team of this event; `not_found` otherwise."""
    team = db.session.get(Team, team_id) if isinstance(team_id, int) else None
    if team is None or team.event_id != event.id:
        raise NotFound(_("There is no such team at this event."))
    return team


def set_current(event: Event, team_id: int | None) -> JudgingState:
    """Name the team now pitching (None: nobody); jurors' phones follow. The timer goes back to idle."""
    state = locked_state(event)
    if state.state == "published":
        raise Closed(_("The results are published; the pitch session is over."))
    if team_id is not None:
        event_team(event, team_id)
        pitch = db.session.scalar(select(Pitch).where(Pitch.event_id == event.id, Pitch.team_id == team_id))
        if pitch is not None and pitch.started_at is None:
            pitch.started_at = utcnow()
    if state.current_team_id == team_id:
        return state
    state.current_team_id = team_id
    state.timer_phase, state.timer_started_at = "idle", None
    return _bump(state)


def next_team_id(event: Event, order: list[int] | None = None) -> int | None:
    """The team after the one now pitching in the pitch order (the first when nobody pitched yet); `order`: the
    pitch order's team ids, when the caller has them already."""
    order = [team_id for team_id, _name in pitch_lineup(event)] if order is None else order
    if not order:
        return None
    current = state_of(event).current_team_id
    if current not in order:
        return order[0]
    index = order.index(current)
    return order[index + 1] if index + 1 < len(order) else None


def set_timer(event: Event, phase: str, pitch_seconds: int | None = None, qa_seconds: int | None = None
              ) -> JudgingState:
    """Start the pitch or the Q&A countdown (now), or stop it (idle); optionally change the lengths."""
    if phase not in TIMER_PHASES:
        raise Invalid(_("Unknown timer phase."))
    state = locked_state(event)
    for seconds in (pitch_seconds, qa_seconds):
        if seconds is not None and not 10 <= seconds <= 3600:
            raise Invalid(_("A timer lasts between 10 seconds and an hour."))
    if pitch_seconds is not None:
        state.pitch_seconds = pitch_seconds
    if qa_seconds is not None:
        state.qa_seconds = qa_seconds
    state.timer_phase = phase
    state.timer_started_at = utcnow() if phase != "idle" else None
    return _bump(state)


def pitch_order(event: Event) -> list[Pitch]:
    """The pitch order with each team, first to last."""
    from sqlalchemy.orm import joinedload

    return list(db.session.scalars(select(Pitch).where(Pitch.event_id == event.id)
                                   .options(joinedload(Pitch.team)).order_by(Pitch.position, Pitch.id)))


def pitch_lineup(event: Event) -> list:
    """The pitch order as (team_id, name) rows, first to last: what pages show, without loading entities."""
    return db.session.execute(
        select(Pitch.team_id, Team.name).join(Team, Team.id == Pitch.team_id)
        .where(Pitch.event_id == event.id).order_by(Pitch.position, Pitch.id)).all()


def fill_pitch_order(event: Event) -> list[Pitch]:
    """Append every team of the event that has no place yet (by name), keeping the order of the others."""
    placed = set(db.session.scalars(select(Pitch.team_id).where(Pitch.event_id == event.id)))
    last = db.session.scalar(select(func.coalesce(func.max(Pitch.position), 0)).where(Pitch.event_id == event.id))
    teams = db.session.scalars(select(Team).where(Team.event_id == event.id).order_by(Team.name))
    for team in teams:
        if team.id in placed:
            continue
        last += 1
        try:
            with db.session.begin_nested():
                db.session.add(Pitch(event_id=event.id, team_id=team.id, position=last))
        except IntegrityError:  # placed by a concurrent fill
            pass
    _bump(locked_state(event))
    return pitch_order(event)


def set_pitch_order(event: Event, team_ids: list[int]) -> list[Pitch]:
    """Make these teams, in this order, the whole pitch order (e.g. an expo round's finalists).

    Only before scoring opens: once jurors score, the order of who pitches is part of what they saw.
    """
    state = locked_state(event)
    if state.state != "pending":
        raise Closed(_("Scoring has opened: the pitch order can no longer be replaced."))
    if len(set(team_ids)) != len(team_ids):
        raise Invalid(_("A team pitches once."))
    for team_id in team_ids:
        event_team(event, team_id)
    db.session.execute(delete(Pitch).where(Pitch.event_id == event.id))
    db.session.add_all(Pitch(event_id=event.id, team_id=team_id, position=position)
                       for position, team_id in enumerate(team_ids, start=1))
    _bump(state)
    db.session.flush()
    return pitch_order(event)


def move_pitch(event: Event, team_id: int, step: int) -> list[Pitch]:
    """Move a team one place up (-1) or down (+1) in the pitch order; at either end nothing changes."""
    if step not in (-1, 1):
        raise Invalid(_("A team moves one place up or down."))
    state = locked_state(event)
    order = pitch_order(event)
    index = next((i for i, p in enumerate(order) if p.team_id == team_id), None)
    if index is None:
        raise NotFound(_("That team is not in the pitch order."))
    other = index + step
    if 0 <= other < len(order):
        # Renumber the whole order so that equal positions left by concurrent fills cannot make a swap a no-op.
        order[index], order[other] = order[other], order[index]
        for position, pitch in enumerate(order, start=1):
            pitch.position = position
        _bump(state)
    return order


def reveal_next(event: Event, ranked_count: int) -> JudgingState:
    """Show one more place on the projector, from the last place up; needs scoring closed."""
    state = locked_state(event)
    if state.state not in ("closed", "published"):
        raise Closed(_("Close scoring before revealing the ranking."))
    if state.revealed >= ranked_count:
        return state
    state.revealed += 1
    return _bump(state)


def publish_results(event: Event) -> JudgingState:
    """Publish: every team sees its own scores and the jurors' comments; the whole ranking is revealed."""
    state = locked_state(event)
    if state.state == "published":
        return state
    if state.state != "closed":
        raise Closed(_("Close scoring before publishing the results."))
    state.state = "published"
    return _bump(state)
