"""The open call's part of erasing an account: the person's applications (and the reviews of them) go.

A data export needs nothing from here: it follows every key to users.id, and applications and reviews have one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from ..extensions import db
from .models import Application


def retention_people(event_ids: list[int], *, elsewhere: bool) -> list[tuple[int, int]]:
    """The privacy purge's hook: applicants (event id, user id) at these events, or with `elsewhere` at others."""
    scope = Application.event_id.not_in(event_ids) if elsewhere else Application.event_id.in_(event_ids)
    return [(event_id, user_id) for event_id, user_id in db.session.execute(
        select(Application.event_id, Application.user_id).where(scope))]


def erase_applications(user: Any) -> None:
    """Delete the person's applications; their reviews go with them (ON DELETE CASCADE, and here explicitly)."""
    from .models import ApplicationReview

    mine = select(Application.id).where(Application.user_id == user.id)
    db.session.execute(delete(ApplicationReview).where(ApplicationReview.application_id.in_(mine))
                       .execution_options(synchronize_session=False))
    db.session.execute(delete(Application).where(Application.user_id == user.id)
                       .execution_options(synchronize_session=False))
