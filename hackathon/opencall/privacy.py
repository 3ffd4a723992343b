"""The open call's part of erasing an account: the person's applications (and the reviews of them) go.

A data export needs nothing from here: it follows every key to users.id, and applications and reviews have one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete

from ..extensions import db
from .models import Application


def erase_applications(user: Any) -> None:
    """Delete the person's applications; their reviews go with them (ON DELETE CASCADE, and here explicitly)."""
    from sqlalchemy import select

    from .models import ApplicationReview

    mine = select(Application.id).where(Application.user_id == user.id)
    db.session.execute(delete(ApplicationReview).where(ApplicationReview.application_id.in_(mine))
                       .execution_options(synchronize_session=False))
    db.session.execute(delete(Application).where(Application.user_id == user.id)
                       .execution_options(synchronize_session=False))
