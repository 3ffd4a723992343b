"""The criteria jurors score: weights, scales and what each score means; editable until scoring opens."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..errors import Closed, Conflict, Invalid, NotFound
from ..events.models import Event
from ..extensions import db
from ..localized import GUIDE, check_translations
from .models import Criterion
from .session import state_of

KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass
class CriterionFields:
    """What an organiser sets for a criterion."""

    key: str
    name: str
    description: str = ""
    weight: int = 1
    min: int = 1
    max: int = 10
    guide: dict[str, str] = field(default_factory=dict)
    translations: dict = field(default_factory=dict)


# What a criterion's translations may hold (hackathon/localized.py), and their longest texts (a guide's per score).
TRANSLATED = {"name": 120, "description": 5000, GUIDE: 500}


def list_criteria(event: Event) -> list[Criterion]:
    """The event's criteria in their order."""
    return list(db.session.scalars(
        select(Criterion).where(Criterion.event_id == event.id).order_by(Criterion.position, Criterion.id)))


def criterion_json(criterion: Criterion) -> dict:
    """A criterion as the JSON API shows it."""
    return {"key": criterion.key, "name": criterion.name, "description": criterion.description,
            "weight": criterion.weight, "min": criterion.min_score, "max": criterion.max_score,
            "guide": dict(criterion.guide or {}), "translations": dict(criterion.translations or {})}


def _check(fields: CriterionFields) -> None:
    if not KEY.match(fields.key or ""):
        raise Invalid(_("The key must be lower-case letters, digits or _ and start with a letter."))
    if not fields.name.strip():
        raise Invalid(_("Please give the criterion a name."))
    if not 1 <= fields.weight <= 1000:
        raise Invalid(_("The weight must be between 1 and 1000."))
    if not (0 <= fields.min < fields.max <= 1000):
        raise Invalid(_("The scale must go from a lower to a higher score (0 to 1000)."))
    for score in fields.guide:
        if not str(score).lstrip("-").isdigit() or not fields.min <= int(score) <= fields.max:
            raise Invalid(_("Every score in the guide must be a whole number on the scale."))


def _translations(event: Event, fields: CriterionFields) -> dict:
    """The translations for the event's languages; a translated guide only for scores the guide explains."""
    found = check_translations(fields.translations, list(event.translation_languages or []), TRANSLATED)
    for texts in found.values():
        if GUIDE in texts:
            texts[GUIDE] = {k: v for k, v in texts[GUIDE].items() if k in {str(int(s)) for s in fields.guide}}
            if not texts[GUIDE]:
                del texts[GUIDE]
    return {code: texts for code, texts in found.items() if texts}


def _editable(event: Event) -> None:
    if state_of(event).state != "pending":
        raise Closed(_("Criteria cannot change once scoring has opened."))


def save_criterion(event: Event, fields: CriterionFields, criterion_id: int | None = None) -> Criterion:
    """Add a criterion or change one; `conflict` when the key is taken, `closed` once scoring opened."""
    _editable(event)
    _check(fields)
    if criterion_id is None:
        position = db.session.scalar(
            select(func.coalesce(func.max(Criterion.position), 0)).where(Criterion.event_id == event.id)) + 1
        criterion = Criterion(event_id=event.id, position=position)
    else:
        criterion = db.session.get(Criterion, criterion_id)
        if criterion is None or criterion.event_id != event.id:
            raise NotFound(_("There is no such criterion."))
    criterion.key, criterion.name, criterion.description = fields.key, fields.name.strip(), fields.description
    criterion.weight, criterion.min_score, criterion.max_score = fields.weight, fields.min, fields.max
    criterion.guide = {str(int(k)): str(v) for k, v in sorted(fields.guide.items(), key=lambda kv: int(kv[0]))}
    criterion.translations = _translations(event, fields)
    try:
        with db.session.begin_nested():
            db.session.add(criterion)
    except IntegrityError:
        raise Conflict(_("Another criterion already has the key %(key)s.", key=fields.key)) from None
    return criterion


def delete_criterion(event: Event, criterion_id: int) -> None:
    """Remove a criterion before scoring opens."""
    _editable(event)
    criterion = db.session.get(Criterion, criterion_id)
    if criterion is None or criterion.event_id != event.id:
        raise NotFound(_("There is no such criterion."))
    db.session.delete(criterion)


def parse_guide(text: str) -> dict[str, str]:
    """Lines 'score: meaning' into {score: meaning}; `invalid` on a line without a number."""
    guide: dict[str, str] = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        score, sep, meaning = line.partition(":")
        if not sep or not score.strip().lstrip("-").isdigit():
            raise Invalid(_("Write each line of the guide as 'score: meaning', e.g. '7: clear benefit'."))
        guide[str(int(score.strip()))] = meaning.strip()
    return guide
