"""Projects commands: every change to a project, its files, the deadline, the gallery and the follow-ups.

Each authorises its actor, applies the rules (`editing`, `files`, `deadline`, `followups`), writes the audit
entry and declares what changed; `hackathon.commands` runs it as one unit of work and publishes after the
commit. Socket handlers, JSON routes and pages only call these. Nothing here touches the file store or sends
mail: the caller stores bytes before and mails after.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit.services import record as audit
from ..clock import utcnow
from ..commands import Actor, changed, command
from ..errors import Invalid, NotFound
from ..events.models import Event
from ..extensions import db
from ..teams.membership import members
from ..teams.models import Team
from . import deadline, editing, files, followups
from .facts import DEADLINE, EVENT_WIDE, PROJECT
from .models import ORGANISATION_KINDS, OrganisationKind, Project


def _member_team(actor: Actor, team_id: int) -> Team:
    team = editing.team_for_member(team_id, actor.user)
    actor.require(team.event_id, "participant", "organiser", "mentor", "jury", "challenge_owner")
    return team


@command("projects.save")
def save_project(actor: Actor, *, team_id: int, values: dict, version: int | None = None, submit: bool = False
                 ) -> dict:
    """A member saves the team's project (the fields given); `conflict` on a stale version, `closed` after the
    deadline; with `submit`, the project is also handed in."""
    team = _member_team(actor, team_id)
    before = editing.project_of(team.id)
    was_submitted = before is not None and before.submitted_at is not None
    project = editing.save(team, actor.user, editing.clean_changes(values), version, submit=submit)
    if submit and not was_submitted:
        audit(team.event_id, actor.user, "projects.submitted", f"team:{team.id}",
              _("%(team)s submitted its project “%(title)s”.", team=team.name, title=project.title))
    changed(PROJECT, team.event_id, team.id)
    return {"team_id": team.id, "version": project.version}


@command("projects.consent")
def set_consent(actor: Actor, *, team_id: int, show: bool) -> dict:
    """A member agrees (or no longer agrees) to show the project in the public gallery."""
    team = _member_team(actor, team_id)
    before = editing.project_of(team.id)
    was_shown = before is not None and before.show_in_gallery
    project = editing.set_consent(team, actor.user, show)
    if was_shown != show:
        audit(team.event_id, actor.user, "projects.consent_changed", f"team:{team.id}",
              _("%(team)s agreed to show its project in the gallery.", team=team.name) if show
              else _("%(team)s withdrew its project from the gallery.", team=team.name), show=show)
    changed(PROJECT, team.event_id, team.id)
    return {"team_id": team.id, "version": project.version, "show_in_gallery": project.show_in_gallery}


@command("projects.gallery_name")
def set_gallery_name(actor: Actor, *, event: Event, name: str) -> dict:
    """A participant chooses the name shown beside their team's project in the gallery ("" for none)."""
    actor.require(event, "participant")
    found = editing.set_gallery_name(event.id, actor.user, name)
    return {"name": found.name if found else ""}


@command("projects.add_file")
def add_file(actor: Actor, *, team_id: int, upload: files.Upload, key: str, max_files: int) -> dict:
    """A member adds a stored file (slides or an image) to the team's project."""
    team = _member_team(actor, team_id)
    row = files.add_file(team, actor.user, upload, key, max_files)
    changed(PROJECT, team.event_id, team.id)
    return {"team_id": team.id, "file_id": row.id}


@command("projects.remove_file")
def remove_file(actor: Actor, *, team_id: int, file_id: int) -> dict:
    """A member removes a file; returns its store key, for the caller to delete after the commit."""
    team = _member_team(actor, team_id)
    key = files.remove_file(team, actor.user, file_id)
    changed(PROJECT, team.event_id, team.id)
    return {"team_id": team.id, "key": key}


@command("projects.set_deadline")
def set_deadline(actor: Actor, *, event: Event, moment: datetime | None) -> dict:
    """Organisers set (or clear) the event's submission deadline."""
    actor.require(event, "organiser")
    before = deadline.settings_of(event.id).deadline
    settings = deadline.set_deadline(event, moment)
    if before != moment:
        text = deadline.local_text(moment, event.timezone)
        audit(event, actor.user, "projects.deadline_changed", f"event:{event.id}",
              _("Submission deadline set to %(when)s (%(tz)s).", when=text, tz=event.timezone) if moment
              else _("Submission deadline removed."), deadline=text)
        changed(DEADLINE, event.id, EVENT_WIDE)
        for team_id in deadline.extensions(event.id):  # extended teams' deadlines may change with it
            changed(DEADLINE, event.id, team_id)
    return {"version": settings.version}


def _event_team(event: Event, team_id: int) -> Team:
    team = db.session.get(Team, team_id) if isinstance(team_id, int) else None
    if team is None or team.event_id != event.id:
        raise NotFound(_("There is no such team at this event."))
    return team


@command("projects.grant_extension")
def grant_extension(actor: Actor, *, event: Event, team_id: int, until: datetime, reason: str = "") -> dict:
    """Organisers give one team more time."""
    actor.require(event, "organiser")
    team = _event_team(event, team_id)
    found = deadline.grant_extension(event, team.id, until, reason, actor.id)
    audit(event, actor.user, "projects.extension_granted", f"team:{team.id}",
          _("%(team)s may change its project until %(when)s.", team=team.name,
            when=deadline.local_text(until, event.timezone)), reason=found.reason)
    changed(DEADLINE, event.id, team.id)
    return {"team_id": team.id}


@command("projects.revoke_extension")
def revoke_extension(actor: Actor, *, event: Event, team_id: int) -> dict:
    """Organisers take a team's extension back."""
    actor.require(event, "organiser")
    team = _event_team(event, team_id)
    if deadline.revoke_extension(event, team.id):
        audit(event, actor.user, "projects.extension_revoked", f"team:{team.id}",
              _("%(team)s's extension was withdrawn.", team=team.name))
        changed(DEADLINE, event.id, team.id)
    return {"team_id": team.id}


@command("projects.save_gallery")
def save_gallery(actor: Actor, *, event: Event, public: bool, winner_places: int) -> dict:
    """Organisers publish (or hide) the gallery and say how many places of the ranking count as winners."""
    actor.require(event, "organiser")
    settings = deadline.locked_settings(event.id)
    if not 0 <= winner_places <= 10:
        raise Invalid(_("Winners are the first 0 to 10 places."))
    was_public = settings.gallery_published_at is not None
    if public and not was_public:
        settings.gallery_published_at = utcnow()
        audit(event, actor.user, "projects.gallery_published", f"event:{event.id}",
              _("The project gallery is public."))
    elif not public and was_public:
        settings.gallery_published_at = None
        audit(event, actor.user, "projects.gallery_hidden", f"event:{event.id}",
              _("The project gallery is hidden again."))
    if settings.winner_places != winner_places:
        audit(event, actor.user, "projects.winner_places_changed", f"event:{event.id}",
              _("The first %(n)d places of the ranking count as winners.", n=winner_places),
              before=settings.winner_places, after=winner_places)
        settings.winner_places = winner_places
    return {"public": settings.gallery_published_at is not None, "winner_places": settings.winner_places}


def not_submitted(event: Event) -> list[dict]:
    """Every team without a submitted project, with its members' names and addresses (two queries)."""
    from ..accounts.models import User

    submitted = select(Project.team_id).where(Project.event_id == event.id, Project.submitted_at.is_not(None))
    seats = members(event.id).subquery()
    rows = db.session.execute(
        select(Team.id, Team.name, User.name, User.email, User.locale)
        .join(seats, seats.c.team_id == Team.id).join(User, User.id == seats.c.user_id)
        .where(Team.event_id == event.id, Team.id.not_in(submitted)).order_by(Team.name, User.name))
    teams: dict[int, dict] = {}
    for team_id, team_name, name, email, locale in rows:
        teams.setdefault(team_id, {"team_id": team_id, "team": team_name, "members": []})["members"].append(
            {"name": name, "email": email, "locale": locale})
    return list(teams.values())


@command("projects.remind")
def remind(actor: Actor, *, event: Event) -> dict:
    """Organisers remind the teams that have not submitted; returns whom to mail (the caller mails after the commit)."""
    actor.require(event, "organiser")
    teams = not_submitted(event)
    settings = deadline.locked_settings(event.id)
    settings.reminder_sent_at = utcnow()
    audit(event, actor.user, "projects.reminder_sent", f"event:{event.id}",
          _("Reminder sent to the %(n)d teams that have not submitted.", n=len(teams)),
          teams=[t["team_id"] for t in teams])
    return {"teams": teams}


@command("projects.save_follow_up")
def save_follow_up(actor: Actor, *, event: Event, team_id: int, fields: followups.FollowUpFields,
                   follow_up_id: int | None = None, version: int | None = None) -> dict:
    """Organisers or the challenge's owner record what a winning team is offered after the event."""
    from .awards import winner_ids

    roles = actor.require(event, "organiser", "challenge_owner")
    row = followups.save_follow_up(event, actor.id, roles, team_id, fields, winner_ids(event),
                                   follow_up_id=follow_up_id, expected_version=version)
    team_name = db.session.scalar(select(Team.name).where(Team.id == row.team_id))
    audit(event, actor.user, "projects.follow_up_saved", f"follow_up:{row.id}",
          _("Follow-up for %(team)s: %(offer)s (%(status)s).", team=team_name, offer=row.offer,
            status=str(followups.STATUS_LABELS[row.status])), kind=row.kind, status=row.status)
    return {"follow_up_id": row.id, "version": row.version}


@command("projects.delete_follow_up")
def delete_follow_up(actor: Actor, *, event: Event, follow_up_id: int) -> dict:
    """Organisers or the challenge's owner remove a follow-up."""
    roles = actor.require(event, "organiser", "challenge_owner")
    row = followups.delete_follow_up(event, actor.id, roles, follow_up_id)
    audit(event, actor.user, "projects.follow_up_removed", f"follow_up:{follow_up_id}",
          _("Follow-up removed: %(offer)s.", offer=row.offer))
    return {"follow_up_id": follow_up_id}


@command("projects.classify_organisation")
def classify_organisation(actor: Actor, *, event: Event, name_key: str, kind: str) -> dict:
    """Organisers say what kind of organisation a name participants wrote is (for the impact report)."""
    actor.require(event, "organiser")
    if kind not in ORGANISATION_KINDS or not name_key or len(name_key) > 160:
        raise Invalid(_("Choose a kind of organisation."))
    found = db.session.scalar(select(OrganisationKind).where(OrganisationKind.event_id == event.id,
                                                             OrganisationKind.name_key == name_key))
    if found is None:
        db.session.add(OrganisationKind(event_id=event.id, name_key=name_key, kind=kind))
    else:
        found.kind = kind
    return {"name_key": name_key, "kind": kind}
