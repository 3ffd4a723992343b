"""Setting up an event's challenges: owners invited by email, past challenges reused, copying to a new event.

The hooks (registered by the wiring) make challenges part of the events capability's set-up:
`event_copy` copies an event's challenges to a new one; `invitation_accepted` makes whoever accepts a
challenge owner's invitation the owner of the challenges waiting for their email.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select, update

from ..accounts.addresses import email_key
from ..accounts.services import find_user
from ..errors import Invalid, NotFound
from ..events.invitations import create_invitation
from ..events.models import Event
from ..events.roles import grant_role
from ..extensions import db
from .challenges import get_challenge, slugify
from .models import Challenge


def set_owner(event: Event, challenge: Challenge, email: str, by) -> tuple[str, str | None]:
    """Make the person of this email the challenge's owner: ("granted", None) when they have an account (the
    role is given at once), else ("invited", raw invitation code) and they become the owner on accepting it."""
    email = email_key(email or "")
    if not email or "@" not in email or len(email) > 254:
        raise Invalid(_("Please give a valid email address."))
    user = find_user(email)
    if user is not None:
        grant_role(event, user, "challenge_owner", granted_by=by)
        challenge.owner_id, challenge.owner_email = user.id, None
        db.session.flush()
        return "granted", None
    _invitation, raw = create_invitation(event, "challenge_owner", by, days=current_app.config["INVITATION_DAYS"],
                                       email=email)
    challenge.owner_id, challenge.owner_email = None, email
    db.session.flush()
    return "invited", raw


def claim_owned_challenges(invitation, user) -> None:
    """Hook `invitation_accepted`: a challenge owner's invitation makes them the owner of what waited for them."""
    if invitation.role != "challenge_owner":
        return
    db.session.execute(
        update(Challenge).where(Challenge.event_id == invitation.event_id, Challenge.owner_email == user.email,
                                Challenge.owner_id.is_(None))
        .values(owner_id=user.id, owner_email=None, version=Challenge.version + 1)
        .execution_options(synchronize_session=False))


def _copy(challenge: Challenge, target: Event, taken: set[str]) -> Challenge:
    base = challenge.slug or slugify(challenge.title)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return Challenge(event_id=target.id, organisation_id=challenge.organisation_id, slug=slug, title=challenge.title,
                     summary=challenge.summary, description=challenge.description, tags=list(challenge.tags or []),
                     skills=list(challenge.skills or []), resources=list(challenge.resources or []),
                     max_teams=challenge.max_teams, translations=dict(challenge.translations or {}))


def past_challenge(event: Event, challenge_id: object) -> Challenge:
    """A challenge posed at another event than this one; `not_found` otherwise."""
    source = db.session.get(Challenge, challenge_id) if isinstance(challenge_id, int) else None
    if source is None or source.event_id == event.id:
        raise NotFound(_("There is no such past challenge."))
    return source


def reuse_challenge(event: Event, challenge_id: int) -> Challenge:
    """A challenge an organisation posed at another event, copied to this one (no owner, no teams)."""
    source = past_challenge(event, challenge_id)
    taken = set(db.session.scalars(select(Challenge.slug).where(Challenge.event_id == event.id)))
    copy = _copy(source, event, taken)
    db.session.add(copy)
    db.session.flush()
    return copy


def copy_challenges(source: Event, target: Event, _move) -> str:
    """Hook `event_copy`: every challenge of the source event, with its organisation; no owners, no teams."""
    challenges = list(db.session.scalars(select(Challenge).where(Challenge.event_id == source.id)
                                         .order_by(Challenge.id)))
    taken: set[str] = set()
    db.session.add_all([_copy(c, target, taken) for c in challenges])
    db.session.flush()
    return ngettext("%(num)d challenge", "%(num)d challenges", len(challenges))


def owned_challenge(event: Event, challenge_id: object) -> Challenge:
    """A challenge of this event (for setting its owner); `not_found` otherwise."""
    return get_challenge(event, challenge_id)
