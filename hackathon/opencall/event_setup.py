"""The open call's part of a copied event (hook `event_copy`): the admission mode, quotas and questions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_babel import ngettext

from ..extensions import db
from .admission import quotas_of, settings_of
from .models import ApplicationQuestion, OpenCallQuota, OpenCallSettings
from .questions import questions_of

if TYPE_CHECKING:
    from ..events.models import Event


def copy_open_call(source: Event, target: Event, _move: Any) -> str | None:
    """The source's way of admitting people and its application form; nothing about applicants."""
    found = settings_of(source)
    if found is None:
        return None
    db.session.add(OpenCallSettings(event_id=target.id, mode=found.mode))
    db.session.add_all([OpenCallQuota(event_id=target.id, dimension=q.dimension, value=q.value, maximum=q.maximum)
                        for q in quotas_of(source)])
    questions = questions_of(source)
    db.session.add_all([ApplicationQuestion(event_id=target.id, kind=q.kind, label=q.label, help=q.help,
                                            options=list(q.options or []), required=q.required, position=q.position)
                        for q in questions])
    db.session.flush()
    return ngettext("the open call with %(num)d question", "the open call with %(num)d questions", len(questions))
