"""Removing a team's row (dissolved, merged away, or left by its last member), with the other capabilities told first.

Other capabilities point at teams: a mentoring slot booked by a team must not stay `booked` without one (its
check constraint refused the delete: dissolving a team with a booking answered 500). They register a hook that
frees their rows of the team inside the same transaction, before the delete.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete

from ..extensions import db
from .models import Team

TeamHook = Callable[[int], None]
_before_removal: list[TeamHook] = []


def before_team_removal(hook: TeamHook) -> None:
    """Register fn(team_id), run in the transaction that removes the team, before its row goes."""
    if hook not in _before_removal:
        _before_removal.append(hook)


def remove_team(team_id: int, *conditions) -> bool:
    """Delete the team's row (when `conditions` hold); True when it was deleted."""
    for hook in list(_before_removal):
        hook(team_id)
    return db.session.execute(delete(Team).where(Team.id == team_id, *conditions)).rowcount == 1
