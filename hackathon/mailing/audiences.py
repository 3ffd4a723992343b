"""Who a mailing goes to: each audience as the people it names today, through the other capabilities' services."""

from __future__ import annotations

from flask_babel import gettext as _

from ..errors import Invalid
from ..events.people import Contact, contacts, registered_ids, role_ids
from ..mentoring.grid import slots_json
from ..opencall.applications import waitlisted_user_ids
from ..teams.listing import team_cards
from .models import AUDIENCES

STAFF = ("organiser", "mentor", "jury", "challenge_owner", "door")


def audience_names() -> dict[str, str]:
    """Each audience, in the reader's language."""
    return {"everyone": _("Everyone at the event (participants and staff)"), "participants": _("Participants"),
            "no_mentor_booking": _("Teams without a mentoring booking"), "waitlist": _("The waitlist"),
            "mentors": _("Mentors"), "jurors": _("Jurors")}


def team_member_ids(event_id: int, team_ids: set[int] | None = None) -> dict[int, list[int]]:
    """Members of the event's teams (or of some of them), by team."""
    return {team.id: [m.user_id for m in team.memberships] for team in team_cards(event_id)
            if team_ids is None or team.id in team_ids}


def booked_team_ids(event_id: int) -> set[int]:
    """Teams holding at least one mentoring booking at the event."""
    return {slot["team"]["id"] for slot in slots_json(event_id) if slot["status"] == "booked" and slot["team"]}


def recipient_ids(event_id: int, audience: str) -> set[int]:
    """The ids of the people an audience names now; `invalid` for an unknown audience."""
    if audience not in AUDIENCES:
        raise Invalid(_("Choose who the email goes to."))
    if audience == "participants":
        return registered_ids(event_id, "confirmed")
    if audience == "everyone":
        return registered_ids(event_id, "confirmed") | role_ids(event_id, *STAFF)
    if audience == "waitlist":
        return registered_ids(event_id, "waitlisted") | waitlisted_user_ids(event_id)
    if audience == "mentors":
        return role_ids(event_id, "mentor")
    if audience == "jurors":
        return role_ids(event_id, "jury")
    booked = booked_team_ids(event_id)
    return {user_id for team_id, members in team_member_ids(event_id).items() if team_id not in booked
            for user_id in members}


def recipients(event_id: int, audience: str) -> list[Contact]:
    """The people an audience names now, as contacts (erased accounts left out)."""
    return contacts(recipient_ids(event_id, audience))
