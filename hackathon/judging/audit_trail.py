"""The organiser's judging decisions in the audit log, written in the same unit of work as the change.

Decisions are logged (scoring opened or closed, criteria, conflicts, the pitch order, reveals, the
people's choice vote); the running of the session is not (the team now pitching, timer starts and stops).
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _

from ..accounts.models import User
from ..audit.services import record
from ..events.models import Event
from . import session
from .models import Criterion, JudgingState, JuryConflict

AUDIENCE_ACTIONS = {"open": "judging.vote_opened", "closed": "judging.vote_closed",
                    "revealed": "judging.vote_revealed"}


def logged_change(event: Event, actor: User, rule: Callable[[], JudgingState], action: str,
                  summary: Callable[[JudgingState], str], **details) -> JudgingState:
    """Run a session rule; log it when it changed the state (its version moved), not when it was a no-op."""
    before = session.locked_state(event).version
    state = rule()
    if state.version != before:
        record(event, actor, action, f"event:{event.id}", summary(state), **details)
    return state


def open_scoring(event: Event, actor: User) -> JudgingState:
    """Open the jury's scoring, logged."""
    return logged_change(event, actor, lambda: session.open_scoring(event), "judging.scoring_opened",
                         lambda _state: _("Scoring opened."))


def close_scoring(event: Event, actor: User) -> JudgingState:
    """Close the jury's scoring, logged."""
    return logged_change(event, actor, lambda: session.close_scoring(event), "judging.scoring_closed",
                         lambda _state: _("Scoring closed."))


def conflict_text(conflict: JuryConflict) -> str:
    """'Juror 1 and Team Alpha' for a summary."""
    if conflict.team is not None:
        other = conflict.team.name
    else:
        other = conflict.organisation.name if conflict.organisation is not None else "?"
    return _("%(juror)s and %(other)s", juror=conflict.juror.name, other=other)


CRITERION_FIELDS = ("key", "name", "weight", "min_score", "max_score", "description", "guide", "translations")


def criterion_snapshot(criterion: Criterion) -> dict:
    """A criterion's fields, copied, to compare before and after an edit."""
    return {"key": criterion.key, "name": criterion.name, "weight": criterion.weight,
            "min_score": criterion.min_score, "max_score": criterion.max_score,
            "description": criterion.description, "guide": dict(criterion.guide or {}),
            "translations": dict(criterion.translations or {})}


def criterion_changes(before: dict, after: dict) -> dict:
    """Each changed field with its old and new value; the description and the guide only as "changed"."""
    return {key: "changed" if key in ("description", "guide", "translations") else [before[key], after[key]]
            for key in CRITERION_FIELDS if before[key] != after[key]}
