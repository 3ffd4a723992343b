"""Open call commands: the admission mode, quotas, questions, applying, reviewing and deciding.

Each authorises its actor, applies the rules (`admission`, `questions`, `applications`, `review`), writes the
audit entry and returns what the caller needs; `hackathon.commands` runs it as one unit of work. Pages only
call these, and send the decision emails after the commit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _

from ..audit.services import record as audit
from ..commands import Actor, changed, command
from ..errors import Unauthorized
from . import admission, applications, questions, review

if TYPE_CHECKING:
    from ..events.models import Event

REGISTRATIONS = "events:registrations"  # the organisers' live counters (published by events)


def _mode_label(mode: str) -> str:
    return _("open call") if mode == "open_call" else _("first come, first served")


@command("opencall.set_mode")
def set_mode(actor: Actor, *, event: Event, mode: str, expected_version: int | None = None) -> dict:
    """Organisers choose first come, first served or an open call."""
    actor.require(event, "organiser")
    before, after = admission.set_mode(event, mode, expected_version)
    if before != after:
        audit(event, actor.user, "opencall.mode_changed", f"event:{event.id}",
              _("Admission changed from %(before)s to %(after)s.", before=_mode_label(before),
                after=_mode_label(after)), mode=[before, after])
    return {"mode": after, "changed": before != after}


@command("opencall.set_quota")
def set_quota(actor: Actor, *, event: Event, dimension: str, value: str, maximum: int | None) -> dict:
    """Organisers set or remove a quota (most people to accept from one country or organisation type)."""
    actor.require(event, "organiser")
    quota = admission.set_quota(event, dimension, value, maximum)
    label = admission.quota_label(dimension, value.strip().upper() if dimension == "country" else value.strip())
    if quota is None:
        summary = _("Quota for %(what)s removed.", what=label)
    else:
        summary = _("Quota for %(what)s set to %(n)d.", what=label, n=quota.maximum)
    audit(event, actor.user, "opencall.quota_set", f"event:{event.id}", summary, dimension=dimension, value=value,
          maximum=maximum)
    return {"quota_id": quota.id if quota else None}


@command("opencall.add_question")
def add_question(actor: Actor, *, event: Event, fields: questions.QuestionFields) -> dict:
    """Organisers add a question to the application form."""
    actor.require(event, "organiser")
    question = questions.add_question(event, fields)
    audit(event, actor.user, "opencall.question_added", f"question:{question.id}",
          _("Question added: %(label)s", label=question.label), kind=question.kind)
    return {"question_id": question.id}


@command("opencall.update_question")
def update_question(actor: Actor, *, event: Event, question_id: int, fields: questions.QuestionFields,
                    expected_version: int | None = None) -> dict:
    """Organisers change a question's wording, options or whether it must be answered."""
    actor.require(event, "organiser")
    before = questions.get_question(event, question_id).label
    question = questions.update_question(event, question_id, fields, expected_version)
    audit(event, actor.user, "opencall.question_changed", f"question:{question.id}",
          _("Question changed: %(label)s", label=question.label), label=[before, question.label])
    return {"question_id": question.id}


@command("opencall.move_question")
def move_question(actor: Actor, *, event: Event, question_id: int, direction: str) -> dict:
    """Organisers move a question up or down the form."""
    actor.require(event, "organiser")
    moved = questions.move_question(event, question_id, direction)
    if moved:
        audit(event, actor.user, "opencall.question_moved", f"question:{question_id}",
              _("Question moved %(direction)s: %(label)s", direction=_("up") if direction == "up" else _("down"),
                label=questions.get_question(event, question_id).label))
    return {"moved": moved}


@command("opencall.remove_question")
def remove_question(actor: Actor, *, event: Event, question_id: int) -> dict:
    """Organisers remove a question nobody has answered yet."""
    actor.require(event, "organiser")
    gone = questions.remove_question(event, question_id)
    audit(event, actor.user, "opencall.question_removed", f"question:{question_id}",
          _("Question removed: %(label)s", label=gone.label))
    return {"question_id": question_id}


@command("opencall.apply")
def apply(actor: Actor, *, event: Event, answers: dict[str, Any], consent_data: bool,
          expected_version: int | None = None) -> dict:
    """A person applies to the open call, or changes their application while it is undecided."""
    if actor.known is None:
        raise Unauthorized()
    application, new = applications.submit(event, actor.id, answers, consent_data=consent_data,
                                           expected_version=expected_version)
    audit(event, actor.user, "opencall.applied" if new else "opencall.application_changed",
          f"application:{application.id}",
          _("%(name)s applied.", name=actor.name) if new else _("%(name)s changed their application.",
                                                                name=actor.name))
    return {"application_id": application.id, "new": new}


@command("opencall.review")
def save_review(actor: Actor, *, event: Event, application_id: int, score: int | None, notes: str) -> dict:
    """An organiser scores an application (1–5) and keeps notes; each reviewer has their own."""
    actor.require(event, "organiser")
    application = applications.get_application(event, application_id)
    saved = review.save_review(application, actor.id, score, notes)
    audit(event, actor.user, "opencall.reviewed", f"application:{application.id}",
          _("Reviewed %(name)s's application: %(score)s.", name=application.user.name,
            score=saved.score if saved.score is not None else "–"), score=saved.score)
    return {"review_id": saved.id}


def _record_decisions(event: Event, actor: Actor, decisions: list[review.Decision]) -> dict:
    for decision in decisions:
        if not decision.changed:
            continue
        application = decision.application
        audit(event, actor.user, f"opencall.{application.status}", f"application:{application.id}",
              _("%(name)s's application: %(before)s → %(after)s.", name=application.user.name,
                before=review.decision_label(decision.before), after=review.decision_label(application.status)),
              status=[decision.before, application.status], quota_warnings=decision.warnings)
    if any(d.changed and "accepted" in (d.before, d.application.status) for d in decisions):
        changed(REGISTRATIONS, event.id, event.id)
    return {"decided": [d.application.id for d in decisions if d.changed],
            "unchanged": [d.application.id for d in decisions if not d.changed],
            "warnings": sorted({w for d in decisions for w in d.warnings}),
            "promoted": [r.id for d in decisions for r in d.promoted]}


@command("opencall.decide")
def decide(actor: Actor, *, event: Event, application_id: int, decision: str,
           expected_version: int | None = None) -> dict:
    """An organiser accepts, waitlists or declines one application."""
    actor.require(event, "organiser")
    return _record_decisions(event, actor, [review.decide(event, application_id, decision, expected_version)])


@command("opencall.decide_many")
def decide_many(actor: Actor, *, event: Event, picks: list[tuple[int, int | None]], decision: str) -> dict:
    """An organiser gives several applications the same decision at once (all or none)."""
    actor.require(event, "organiser")
    return _record_decisions(event, actor, review.decide_many(event, picks, decision))
