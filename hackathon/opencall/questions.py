"""The open call's questions: what applicants answer, in the organisers' order.

Once applications have arrived, a question keeps its meaning: it cannot be removed, its kind cannot change and
a choice keeps its options (new ones may be added). Its wording may still be fixed, and new questions added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from .models import QUESTION_KINDS, Application, ApplicationQuestion

if TYPE_CHECKING:
    from ..events.models import Event

MAX_QUESTIONS = 30
MAX_OPTIONS = 20


@dataclass
class QuestionFields:
    """A question as the organiser writes it; options only for a choice (one per line in the form)."""

    kind: str
    label: str
    help: str = ""
    options: list[str] = field(default_factory=list)
    required: bool = True


def kind_names() -> dict[str, str]:
    """Each kind of question, in the reader's language."""
    return {"short_text": _("Short text"), "long_text": _("Long text"), "choice": _("Choice from options"),
            "country": _("Country"), "organisation_type": _("Organisation type")}


def _check(fields: QuestionFields) -> QuestionFields:
    if fields.kind not in QUESTION_KINDS:
        raise Invalid(_("Choose a kind of question from the list."))
    fields.label = " ".join((fields.label or "").split())
    fields.help = " ".join((fields.help or "").split())
    if not fields.label:
        raise Invalid(_("Write the question."))
    if len(fields.label) > 300 or len(fields.help) > 300:
        raise Invalid(_("A question and its help may have at most 300 characters each."))
    options: list[str] = []
    for raw in fields.options if fields.kind == "choice" else []:
        option = " ".join(str(raw).split())
        if option and option not in options:
            options.append(option)
    if fields.kind == "choice" and not 2 <= len(options) <= MAX_OPTIONS:
        raise Invalid(_("A choice needs 2 to %(n)d different options, one per line.", n=MAX_OPTIONS))
    if any(len(option) > 120 for option in options):
        raise Invalid(_("An option may have at most 120 characters."))
    fields.options = options
    fields.required = bool(fields.required)
    return fields


def questions_of(event: Event) -> list[ApplicationQuestion]:
    """The event's questions in order."""
    return list(db.session.scalars(select(ApplicationQuestion).where(ApplicationQuestion.event_id == event.id)
                                   .order_by(ApplicationQuestion.position, ApplicationQuestion.id)))


def get_question(event: Event, question_id: int) -> ApplicationQuestion:
    """One of the event's questions; `not_found` otherwise."""
    question = db.session.get(ApplicationQuestion, question_id)
    if question is None or question.event_id != event.id:
        raise NotFound(_("There is no such question."))
    return question


def has_applications(event: Event) -> bool:
    """Whether anyone has applied yet (from then on questions keep their meaning)."""
    return db.session.scalar(select(func.count()).select_from(Application)
                             .where(Application.event_id == event.id)) > 0


def add_question(event: Event, fields: QuestionFields) -> ApplicationQuestion:
    """Add a question at the end."""
    fields = _check(fields)
    existing = questions_of(event)
    if len(existing) >= MAX_QUESTIONS:
        raise Invalid(_("An application form may have at most %(n)d questions.", n=MAX_QUESTIONS))
    question = ApplicationQuestion(event_id=event.id, kind=fields.kind, label=fields.label, help=fields.help,
                                   options=fields.options, required=fields.required,
                                   position=(existing[-1].position + 1) if existing else 1)
    db.session.add(question)
    db.session.flush()
    return question


def update_question(event: Event, question_id: int, fields: QuestionFields,
                    expected_version: int | None = None) -> ApplicationQuestion:
    """Change a question; once people applied, its kind stays and a choice keeps every option it had."""
    question = get_question(event, question_id)
    fields = _check(fields)
    if has_applications(event):
        if fields.kind != question.kind:
            raise Conflict(_("People have applied already: a question's kind cannot change any more. Add a new "
                             "question instead."), code="answered")
        dropped = [option for option in question.options or [] if option not in fields.options]
        if dropped:
            raise Conflict(_("People have applied already: keep the options %(options)s, their answers use them. "
                             "You may add options.", options=", ".join(dropped)), code="answered")
    conditions = [ApplicationQuestion.id == question.id]
    if expected_version is not None:
        conditions.append(ApplicationQuestion.version == expected_version)
    result = db.session.execute(
        update(ApplicationQuestion).where(*conditions)
        .values(kind=fields.kind, label=fields.label, help=fields.help, options=fields.options,
                required=fields.required, version=ApplicationQuestion.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(_("Someone changed this question in the meantime. Please review it again."))
    db.session.refresh(question)
    return question


def move_question(event: Event, question_id: int, direction: str) -> bool:
    """Swap a question with its neighbour ("up" or "down"); False at either end."""
    if direction not in ("up", "down"):
        raise Invalid(_("Move a question up or down."))
    ordered = questions_of(event)
    index = next((i for i, q in enumerate(ordered) if q.id == question_id), None)
    if index is None:
        raise NotFound(_("There is no such question."))
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, question in enumerate(ordered, start=1):  # renumber: older rows may share a position
        question.position = position
        question.version += 1
    db.session.flush()
    return True


def remove_question(event: Event, question_id: int) -> ApplicationQuestion:
    """Remove a question, only while nobody has applied (afterwards its answers would lose their question)."""
    question = get_question(event, question_id)
    if has_applications(event):
        raise Conflict(_("People have applied already, and their answers belong to this question: it cannot be "
                         "removed any more. You may change its wording or make it optional."), code="answered")
    db.session.delete(question)
    db.session.flush()
    return question
