"""Teams commands for setting an event up: the organisations' registry, challenges (posted, edited, with invited
owners, reused). The teams themselves are in `commands.py`.

Each authorises its actor, applies the rules (`organisations`, `challenges`, `event_setup`), writes the audit
entry and declares what changed; `hackathon.commands` runs it as one unit of work. Mail (an owner's
invitation) is sent by the page after the commit, from what the command returns.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..audit.services import record as audit
from ..commands import Actor, command
from ..errors import Forbidden, NotFound
from ..events.models import Event
from ..extensions import db
from . import challenges, event_setup, organisations, rules
from .organisations import OrganisationFields


def _require_registry_keeper(actor: Actor) -> None:
    if not organisations.may_keep_registry(actor.user):
        raise Forbidden(_("Only platform administrators and organisers keep the registry of organisations."))


@command("teams.register_organisation")
def register_organisation(actor: Actor, *, fields: OrganisationFields) -> dict:
    """An organiser or administrator adds an organisation to the registry."""
    _require_registry_keeper(actor)
    organisation = organisations.register(fields)
    audit(None, actor.user, "organisation.registered", f"organisation:{organisation.id}",
          _("%(name)s added to the registry of organisations.", name=organisation.name),
          country=organisation.country, kind=organisation.kind)
    return {"organisation_id": organisation.id}


@command("teams.update_organisation")
def update_organisation(actor: Actor, *, organisation_id: int, fields: OrganisationFields,
                        expected_version: int | None = None) -> dict:
    """An organiser or administrator changes what the registry says of an organisation."""
    _require_registry_keeper(actor)
    organisation = organisations.get_organisation(organisation_id)
    before = {"name": organisation.name, "country": organisation.country, "kind": organisation.kind,
              "website": organisation.website}
    organisations.update_organisation(organisation, fields, expected_version)
    after = {"name": organisation.name, "country": organisation.country, "kind": organisation.kind,
             "website": organisation.website}
    changes = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
    audit(None, actor.user, "organisation.changed", f"organisation:{organisation.id}",
          _("%(name)s changed in the registry of organisations.", name=organisation.name), changes=changes)
    return {"organisation_id": organisation.id}


@command("teams.add_challenge")
def add_challenge(actor: Actor, *, event: Event, fields: challenges.ChallengeFields,
                  owner_email: str | None = None) -> dict:
    """An organiser poses a challenge for an organisation of the registry, its owner invited by email."""
    actor.require(event, "organiser")
    challenge = challenges.create_challenge(event, fields, owner=None)
    audit(event, actor.user, "teams.challenge_posted", f"challenge:{challenge.id}",
          _("Challenge %(title)s posted.", title=challenge.title), max_teams=challenge.max_teams,
          organisation=fields.organisation)
    owner = _owner(actor, event, challenge, owner_email) if owner_email else {"owner": None, "invitation": None}
    return {"challenge_id": challenge.id, **owner}


def _owner(actor: Actor, event: Event, challenge, email: str) -> dict:
    status, raw = event_setup.set_owner(event, challenge, email, actor.user)
    audit(event, actor.user, "teams.owner_invited" if status == "invited" else "teams.owner_set",
          f"challenge:{challenge.id}",
          _("The owner of %(title)s is invited by email.", title=challenge.title) if status == "invited"
          else _("The owner of %(title)s is set.", title=challenge.title), status=status)
    return {"owner": status, "invitation": raw, "owner_email": email.strip().lower()}


@command("teams.set_challenge_owner")
def set_challenge_owner(actor: Actor, *, event: Event, challenge_id: int, owner_email: str) -> dict:
    """An organiser names (or invites) the owner of one of the event's challenges."""
    actor.require(event, "organiser")
    challenge = event_setup.owned_challenge(event, challenge_id)
    return {"challenge_id": challenge.id, **_owner(actor, event, challenge, owner_email)}


@command("teams.reuse_challenge")
def reuse_challenge(actor: Actor, *, event: Event, challenge_id: int) -> dict:
    """An organiser takes a challenge an organisation posed at an earlier event into this one."""
    actor.require(event, "organiser")
    source = event_setup.past_challenge(event, challenge_id)
    source_event = db.session.get(Event, source.event_id)
    if not source_event.published and "organiser" not in actor.roles(source_event):
        raise NotFound(_("There is no such past challenge."))  # a draft event's challenges are its staff's
    copy = event_setup.reuse_challenge(event, challenge_id)
    audit(event, actor.user, "teams.challenge_reused", f"challenge:{copy.id}",
          _("Challenge %(title)s taken over from an earlier event.", title=copy.title), source=challenge_id)
    return {"challenge_id": copy.id}


@command("teams.post_challenge")
def post_challenge(actor: Actor, *, event: Event, fields: challenges.ChallengeFields) -> dict:
    """An organiser or a challenge owner posts a challenge on the challenge pages; they own it."""
    roles = actor.require(event, "organiser", "challenge_owner")
    challenge = challenges.create_challenge(event, fields, owner=actor.user, manager="organiser" in roles)
    audit(event, actor.user, "teams.challenge_posted", f"challenge:{challenge.id}",
          _("Challenge %(title)s posted.", title=challenge.title), max_teams=challenge.max_teams)
    return {"challenge_id": challenge.id}


_LONG_FIELDS = ("description", "resources", "translations")


def _audited(challenge) -> dict:
    """What the audit log compares before and after an edit."""
    return {"title": challenge.title, "summary": challenge.summary, "max_teams": challenge.max_teams,
            "organisation": challenge.organisation.name if challenge.organisation else "",
            "tags": list(challenge.tags), "skills": list(challenge.skills), "resources": list(challenge.resources),
            "description": challenge.description, "translations": challenge.translations}


@command("teams.edit_challenge")
def edit_challenge(actor: Actor, *, event: Event, challenge_id: int, fields: challenges.ChallengeFields,
                   expected_version: int | None = None) -> dict:
    """Organisers edit any challenge of the event, a challenge owner their own; `conflict` on a stale form."""
    roles = actor.require(event, "organiser", "challenge_owner")
    challenge = challenges.get_challenge(event, challenge_id)
    if not rules.can_edit_challenge(actor.user, roles, challenge):
        raise Forbidden(_("Only organisers and the owner of this challenge can edit it."))
    before = _audited(challenge)
    challenges.update_challenge(challenge, fields, expected_version=expected_version, manager="organiser" in roles)
    after = _audited(challenge)
    # Long texts are logged only as "changed": the log is not a second copy of the challenge.
    changes = {key: "changed" if key in _LONG_FIELDS else [before[key], after[key]]
               for key in before if before[key] != after[key]}
    if changes:
        audit(event, actor.user, "teams.challenge_changed", f"challenge:{challenge.id}",
              _("Challenge %(title)s changed: %(fields)s.", title=challenge.title,
                fields=", ".join(sorted(changes))), changes=changes)
    return {"challenge_id": challenge.id, "changes": sorted(changes)}
