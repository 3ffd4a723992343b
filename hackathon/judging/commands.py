"""Judging commands: the pitch session, criteria, conflicts of interest, a juror's sheet and the audience vote.

Each authorises its actor, applies the rules (`session`, `criteria`, `conflicts`, `scoring`, `audience`), writes
the audit entry (`audit_trail` says which decisions are logged) and declares what changed; `hackathon.commands`
runs it as one unit of work and publishes after the commit. Socket handlers, JSON routes and pages only call
these. Track commands live in `track_commands`.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _

from ..audit.services import record as audit
from ..commands import Actor, changed, command
from ..errors import Conflict, NotFound
from ..events.models import Event
from ..extensions import db
from ..teams.models import Team
from . import audience, audit_trail, conflicts, criteria, results, scoring, session
from .facts import PROGRESS, REVEAL, STATE
from .models import Criterion, JuryConflict


def _organiser(actor: Actor, event: Event) -> None:
    actor.require(event, "organiser")


def _state_changed(event: Event, *, reveal: bool = False) -> None:
    """Jurors' phones and organisers' screens follow the session (and the projector the ranking)."""
    changed(STATE, event.id, event.id)
    if reveal:
        changed(REVEAL, event.id, event.id)


def team_event(team_id: int) -> Event:
    """The event of a team; `not_found` for an unknown team."""
    team = db.session.get(Team, team_id)
    if team is None:
        raise NotFound(_("There is no such team."))
    return db.session.get(Event, team.event_id)


def _session_change(actor: Actor, event: Event, change: Callable[[], object], *, reveal: bool = False) -> dict:
    _organiser(actor, event)
    change()
    _state_changed(event, reveal=reveal)
    return {"event_id": event.id}


@command("judging.open")
def open_scoring(actor: Actor, *, event: Event) -> dict:
    """Organisers open the jury's scoring (within the judging window), logged."""
    return _session_change(actor, event, lambda: audit_trail.open_scoring(event, actor.user))


@command("judging.close")
def close_scoring(actor: Actor, *, event: Event) -> dict:
    """Organisers close the jury's scoring, logged."""
    return _session_change(actor, event, lambda: audit_trail.close_scoring(event, actor.user))


@command("judging.current")
def set_current(actor: Actor, *, team_id: int, event: Event | None = None) -> dict:
    """Organisers name the team now pitching (of `event`, or of the team's event); every juror's phone follows."""
    event = event or team_event(team_id)
    return _session_change(actor, event, lambda: session.set_current(event, team_id))


@command("judging.next")
def next_team(actor: Actor, *, event: Event) -> dict:
    """Organisers move on to the next team in the pitch order."""

    def change() -> None:
        following = session.next_team_id(event)
        if following is None:
            raise Conflict(_("That was the last team in the pitch order."))
        session.set_current(event, following)

    return _session_change(actor, event, change)


@command("judging.timer")
def set_timer(actor: Actor, *, event: Event, phase: str) -> dict:
    """Organisers start the pitch or Q&A countdown, or stop it (not logged: the running of the session)."""
    return _session_change(actor, event, lambda: session.set_timer(event, phase))


@command("judging.timer_lengths")
def set_timer_lengths(actor: Actor, *, event: Event, pitch_seconds: int, qa_seconds: int) -> dict:
    """Organisers set how long a pitch and its Q&A last, logged when they change."""

    def change() -> None:
        state = session.locked_state(event)
        before = (state.pitch_seconds, state.qa_seconds)
        session.set_timer(event, state.timer_phase, pitch_seconds, qa_seconds)
        if before != (pitch_seconds, qa_seconds):
            audit(event, actor.user, "judging.timer_changed", f"event:{event.id}",
                  _("Pitch timer set to %(pitch)d minutes, Q&A to %(qa)d minutes.", pitch=pitch_seconds // 60,
                    qa=qa_seconds // 60), pitch_seconds=pitch_seconds, qa_seconds=qa_seconds)

    return _session_change(actor, event, change)


@command("judging.fill_pitch")
def fill_pitch(actor: Actor, *, event: Event) -> dict:
    """Organisers put every team without a place at the end of the pitch order (by name), logged."""

    def change() -> None:
        placed = {p.team_id for p in session.pitch_order(event)}
        order = session.fill_pitch_order(event)
        added = [p.team.name for p in order if p.team_id not in placed]
        if added:
            audit(event, actor.user, "judging.pitch_order_changed", f"event:{event.id}",
                  _("Added to the pitch order: %(teams)s.", teams=", ".join(added)),
                  order=[p.team_id for p in order])

    return _session_change(actor, event, change)


@command("judging.move_pitch")
def move_pitch(actor: Actor, *, event: Event, team_id: int, step: int) -> dict:
    """Organisers move a team one place up (-1) or down (+1) in the pitch order, logged."""

    def change() -> None:
        before = [p.team_id for p in session.pitch_order(event)]
        order = session.move_pitch(event, team_id, step)
        after = [p.team_id for p in order]
        if after != before:
            place = after.index(team_id) + 1
            audit(event, actor.user, "judging.pitch_order_changed", f"team:{team_id}",
                  _("%(team)s moved to place %(place)d of the pitch order.", team=order[place - 1].team.name,
                    place=place), order=after)

    return _session_change(actor, event, change)


@command("judging.reveal")
def reveal_next(actor: Actor, *, event: Event) -> dict:
    """Organisers show one more place on the projector, from the last place up, logged."""
    _organiser(actor, event)
    ranked = sum(1 for r in results.event_results(event) if r.rank is not None)
    audit_trail.logged_change(
        event, actor.user, lambda: session.reveal_next(event, ranked), "judging.place_revealed",
        lambda state: _("Place %(place)d of %(n)d revealed on the projector.", place=ranked - state.revealed + 1,
                        n=ranked), ranked=ranked)
    _state_changed(event, reveal=True)
    return {"event_id": event.id}


@command("judging.publish")
def publish_results(actor: Actor, *, event: Event) -> dict:
    """Organisers publish the results: every team sees its scores and the jurors' comments, logged."""
    return _session_change(actor, event, lambda: audit_trail.logged_change(
        event, actor.user, lambda: session.publish_results(event), "judging.results_published",
        lambda _state: _("Results published: every team can see its scores and the jurors' comments.")), reveal=True)


AUDIENCE_SUMMARIES = {"open": lambda: _("People's choice vote opened."),
                      "closed": lambda: _("People's choice vote closed."),
                      "revealed": lambda: _("People's choice vote revealed.")}


@command("judging.audience")
def set_audience(actor: Actor, *, event: Event, state: str) -> dict:
    """Organisers open, close or reveal the people's choice vote, logged (an unknown state is refused unlogged)."""
    summary = AUDIENCE_SUMMARIES.get(state, lambda: "")
    return _session_change(actor, event, lambda: audit_trail.logged_change(
        event, actor.user, lambda: audience.set_audience(event, state), audit_trail.AUDIENCE_ACTIONS.get(state, ""),
        lambda _state: summary(), votes=audience.votes_cast(event)))


@command("judging.record_conflict")
def record_conflict(actor: Actor, *, event: Event, juror_id: int, team_id: int | None = None,
                    organisation_id: int | None = None, reason: str = "") -> dict:
    """Organisers record a juror's conflict of interest with a team or an organisation, logged once."""
    _organiser(actor, event)
    juror = next((j for j in conflicts.jurors(event) if j.id == juror_id), None)
    if juror is None:
        raise NotFound(_("There is no such juror at this event."))
    known = {c.id for c in conflicts.list_conflicts(event, juror.id)}
    conflict = conflicts.declare(event, juror, team_id=team_id, organisation_id=organisation_id,
                                 declared_by="organiser", reason=reason)
    if conflict.id not in known:  # declaring it again keeps the first: nothing to log
        audit(event, actor.user, "judging.conflict_declared", f"conflict:{conflict.id}",
              _("Conflict of interest recorded: %(pair)s.", pair=audit_trail.conflict_text(conflict)),
              juror_id=juror.id, team_id=team_id, organisation_id=organisation_id)
    _state_changed(event)
    return {"conflict_id": conflict.id}


@command("judging.declare_conflict")
def declare_conflict(actor: Actor, *, event: Event, team_id: int | None = None, organisation_id: int | None = None,
                     reason: str = "") -> dict:
    """A juror declares their own conflict of interest (the rule refuses anyone who is not a juror)."""
    conflict = conflicts.declare(event, actor.user, team_id=team_id, organisation_id=organisation_id,
                                 declared_by="juror", reason=reason)
    return {"conflict_id": conflict.id}


@command("judging.remove_conflict")
def remove_conflict(actor: Actor, *, event: Event, conflict_id: int) -> dict:
    """Organisers withdraw a conflict of interest, logged."""
    _organiser(actor, event)
    found = db.session.get(JuryConflict, conflict_id)
    pair = audit_trail.conflict_text(found) if found is not None and found.event_id == event.id else ""
    details = {"juror_id": found.juror_id, "team_id": found.team_id,
               "organisation_id": found.organisation_id} if pair else {}
    conflicts.remove(event, conflict_id)
    audit(event, actor.user, "judging.conflict_removed", f"conflict:{conflict_id}",
          _("Conflict of interest removed: %(pair)s.", pair=pair), **details)
    _state_changed(event)
    return {"conflict_id": conflict_id}


def _log_criterion(actor: Actor, event: Event, saved: Criterion, before: dict | None) -> None:
    """A new criterion, or the fields an edit changed, in the audit log."""
    after = audit_trail.criterion_snapshot(saved)
    if before is None:
        audit(event, actor.user, "judging.criterion_added", f"criterion:{saved.id}",
              _("Criterion %(name)s added (weight %(weight)d, scores %(min)d to %(max)d).", name=saved.name,
                weight=saved.weight, min=saved.min_score, max=saved.max_score),
              key=saved.key, weight=saved.weight, min=saved.min_score, max=saved.max_score)
        return
    changes = audit_trail.criterion_changes(before, after)
    if changes:
        audit(event, actor.user, "judging.criterion_changed", f"criterion:{saved.id}",
              _("Criterion %(name)s changed: %(fields)s.", name=saved.name, fields=", ".join(sorted(changes))),
              changes=changes)


@command("judging.save_criterion")
def save_criterion(actor: Actor, *, event: Event, fields: criteria.CriterionFields,
                   criterion_id: int | None = None) -> dict:
    """Organisers add a criterion or change one (before scoring opens), logged with what changed."""
    _organiser(actor, event)
    existing = db.session.get(Criterion, criterion_id) if criterion_id else None
    if criterion_id and (existing is None or existing.event_id != event.id):
        raise NotFound(_("There is no such criterion."))
    before = audit_trail.criterion_snapshot(existing) if existing is not None else None
    saved = criteria.save_criterion(event, fields, criterion_id)
    _log_criterion(actor, event, saved, before)
    return {"criterion_id": saved.id}


@command("judging.delete_criterion")
def delete_criterion(actor: Actor, *, event: Event, criterion_id: int) -> dict:
    """Organisers remove a criterion (before scoring opens), logged."""
    _organiser(actor, event)
    found = db.session.get(Criterion, criterion_id)
    name = found.name if found is not None and found.event_id == event.id else ""
    criteria.delete_criterion(event, criterion_id)
    audit(event, actor.user, "judging.criterion_removed", f"criterion:{criterion_id}",
          _("Criterion %(name)s removed.", name=name))
    _state_changed(event)
    return {"criterion_id": criterion_id}


@command("judging.score")
def score(actor: Actor, *, team_id: int, scores: dict, comment: str = "", nonce: str | None = None,
          event: Event | None = None) -> dict:
    """A juror saves their sheet for a team; sending it again replaces it; a repeated nonce changes nothing.

    Not logged: sheets are the jury's work, kept with their version, not organisers' decisions.
    """
    event = event or team_event(team_id)
    saved = scoring.save_sheet(event, actor.user, team_id, dict(scores), comment, nonce)
    if saved.changed:
        changed(PROGRESS, event.id, team_id)
    return {"event_id": event.id, "sheet": scoring.sheet_json(saved.sheet), "changed": saved.changed}


@command("judging.vote")
def vote(actor: Actor, *, team_id: int, event: Event | None = None) -> dict:
    """A participant's people's choice vote: once, not for their own team, while the vote is open."""
    event = event or team_event(team_id)
    audience.cast_vote(event, actor.user, team_id)
    return {"team_id": team_id}

