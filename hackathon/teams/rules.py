"""Who may do what with teams and challenges, and whether team formation is still open: the one place."""

from __future__ import annotations

from flask_babel import gettext as _

from ..accounts.models import User
from ..errors import Closed, Forbidden
from ..events.models import Event
from ..events.roles import roles_of
from ..events.schedule import local_text, phase_state
from .membership import is_member
from .models import Challenge, Team


def formation_open(event: Event) -> bool:
    """Whether participants may form, join and leave teams now (within the team formation window)."""
    return phase_state(event, "team_formation") == "open"


def teams_phase(event: Event) -> str:
    """The `teams` phase in GET /api/v1/events/<slug>: upcoming, open or closed."""
    return phase_state(event, "team_formation")


def require_open(event: Event, roles: set[str]) -> None:
    """Outside the team formation window only organisers change teams; everyone else gets `closed`."""
    if "organiser" in roles:
        return
    current = phase_state(event, "team_formation")
    if current == "upcoming":
        raise Closed(_("Team formation opens on %(when)s.",
                       when=local_text(event.team_formation_opens_at, event.timezone)))
    if current == "closed":
        raise Closed(_("Team formation has closed. Please ask an organiser if your team needs to change."))


def require_participant(user: User, event: Event) -> set[str]:
    """Only people with a confirmed registration form and join teams."""
    roles = roles_of(user, event)
    if "participant" not in roles:
        raise Forbidden(_("Only confirmed participants can form or join teams."), code="not_participant")
    return roles


def require_member(user: User, team: Team, roles: set[str] | None = None) -> None:
    """Members (and organisers) act for a team; anyone else gets `not_member`."""
    if roles is not None and "organiser" in roles:
        return
    if not is_member(user, team.id):
        raise Forbidden(_("Only members of %(team)s can do that.", team=team.name), code="not_member")


def can_post_challenges(roles: set[str]) -> bool:
    """Organisers and challenge owners post challenges."""
    return bool(roles.intersection({"organiser", "challenge_owner"}))


def can_edit_challenge(user: User, roles: set[str], challenge: Challenge) -> bool:
    """Organisers edit every challenge; a challenge owner edits their own."""
    return "organiser" in roles or ("challenge_owner" in roles and challenge.owner_id == user.id)

