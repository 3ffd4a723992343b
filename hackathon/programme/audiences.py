"""The audiences an organiser can pick in a form, and how a picked value maps to (kind, value)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ..errors import Invalid
from ..events.models import Event
from ..extensions import db


def role_names() -> dict[str, str]:
    """Each role as an audience, in the reader's language."""
    return {"participant": _("All participants"), "mentor": _("All mentors"), "jury": _("All jurors"),
            "challenge_owner": _("All challenge owners"), "door": _("Door staff"), "organiser": _("Organisers")}


def audience_choices(event: Event) -> list[tuple[str, str]]:
    """The options of the "Send to" select: the event, each role, each team (one query for the teams)."""
    from ..teams.models import Team

    choices = [("event", _("Everyone at the event"))]
    choices += [(f"role:{role}", label) for role, label in role_names().items()]
    teams = db.session.execute(select(Team.id, Team.name).where(Team.event_id == event.id).order_by(Team.name))
    choices += [(f"team:{team_id}", _("Team: %(name)s", name=name)) for team_id, name in teams]
    return choices


def parse_audience(picked: str) -> tuple[str, str | None]:
    """"event", "role:mentor" or "team:12" as (kind, value); `invalid` for anything else."""
    kind, _sep, value = (picked or "").partition(":")
    if kind == "event" and not value:
        return "event", None
    if kind in ("role", "team") and value:
        return kind, value
    raise Invalid(_("Send to the whole event, to one role, or to one team."))


def audience_label(kind: str, value: str | None, team_names: dict[int, str]) -> str:
    """Who an announcement went to, for the list."""
    if kind == "role":
        return role_names().get(value or "", value or "")
    if kind == "team":
        return _("Team: %(name)s", name=team_names.get(int(value or 0), "?"))
    return _("Everyone")


def audience_labels(names: dict[int, str]) -> dict[str, str]:
    """Every audience's label by "event", "role:<role>" or "team:<id>" (names: team_names), for the list
    page's script, which labels the announcements that arrive live as the server labels the others."""
    labels = {"event": audience_label("event", None, {})}
    labels.update({f"role:{role}": label for role, label in role_names().items()})
    labels.update({f"team:{team_id}": audience_label("team", str(team_id), names) for team_id in names})
    return labels


def team_names(event: Event) -> dict[int, str]:
    """The event's team names by id (one query), to label team announcements."""
    from ..teams.models import Team

    rows = db.session.execute(select(Team.id, Team.name).where(Team.event_id == event.id))
    return {team_id: name for team_id, name in rows}
