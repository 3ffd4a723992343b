"""Judging's part of an event's set-up: a new event copied from an earlier one gets its criteria (hook `event_copy`)."""

from __future__ import annotations

from flask_babel import ngettext
from sqlalchemy import select

from ..events.models import Event
from ..extensions import db
from .models import Criterion


def copy_criteria(source: Event, target: Event, _move) -> str:
    """Every criterion of the source event, with its weight, scale, score guide and translations."""
    criteria = list(db.session.scalars(select(Criterion).where(Criterion.event_id == source.id)
                                       .order_by(Criterion.position, Criterion.id)))
    db.session.add_all([Criterion(event_id=target.id, key=c.key, name=c.name, description=c.description,
                                  weight=c.weight, min_score=c.min_score, max_score=c.max_score,
                                  guide=dict(c.guide or {}), position=c.position,
                                  translations=dict(c.translations or {})) for c in criteria])
    db.session.flush()
    return ngettext("%(num)d judging criterion", "%(num)d judging criteria", len(criteria))
