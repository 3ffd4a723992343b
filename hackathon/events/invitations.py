"""Invitations: a link that grants a staff role at an event to whoever accepts it."""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update

from ..accounts.addresses import email_key
from ..accounts.models import User
from ..accounts.tokens import digest
from ..clock import utcnow
from ..errors import Forbidden, Gone, Invalid, NotFound
from ..extensions import db
from ..registry import registry
from .models import STAFF_ROLES, Event, Invitation, Role
from .roles import grant_role


def create_invitation(event: Event, role: str, created_by: User, *, days: int, email: str | None = None,
                      max_uses: int = 1) -> tuple[Invitation, str]:
    """Make an invitation; the raw code goes in the link and is never stored."""
    if role not in STAFF_ROLES:
        raise Invalid(_("Unknown role."))
    if not 1 <= max_uses <= 500:
        raise Invalid(_("An invitation may be used from 1 to 500 times."))
    raw = secrets.token_urlsafe(24)
    invitation = Invitation(
        event_id=event.id, role=role, email=email_key(email) if email else None, token_hash=digest(raw),
        created_by_id=created_by.id, expires_at=utcnow() + timedelta(days=days), max_uses=max_uses,
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation, raw


def find_invitation(raw: str) -> Invitation:
    """The invitation behind a link; `not_found`, or `gone` when revoked, expired or used up."""
    invitation = (
        db.session.scalar(select(Invitation).where(Invitation.token_hash == digest(raw)))
        if isinstance(raw, str) and len(raw) < 100 else None
    )
    if invitation is None:
        raise NotFound(_("This invitation link is not valid."))
    if not invitation.is_usable:
        raise Gone(_("This invitation has expired or has already been used. Ask the organisers for a new one."))
    return invitation


def accept_invitation(raw: str, user: User) -> Role:
    """Grant the invitation's role to the user, counting the use atomically."""
    invitation = find_invitation(raw)
    if invitation.email and invitation.email != user.email:
        raise Forbidden(_("This invitation was sent to another email address."), code="wrong_email")
    event = db.session.get(Event, invitation.event_id)
    existing = db.session.scalar(
        select(Role).where(Role.event_id == event.id, Role.user_id == user.id, Role.role == invitation.role)
    )
    if existing:
        _accepted(invitation, user)
        return existing  # accepting twice does not use up another place
    result = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.uses < Invitation.max_uses, Invitation.revoked_at.is_(None))
        .values(uses=Invitation.uses + 1, last_accepted_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Gone(_("This invitation has expired or has already been used. Ask the organisers for a new one."))
    role = grant_role(event, user, invitation.role, granted_by=invitation.created_by)
    _accepted(invitation, user)
    return role


def _accepted(invitation: Invitation, user: User) -> None:
    """Tell the capabilities (the `invitation_accepted` hook): e.g. the challenges waiting for this owner."""
    for hook in registry().hooks_for("invitation_accepted"):
        hook(invitation, user)


def revoke_invitation(event: Event, invitation_id: int) -> None:
    """Make an invitation unusable."""
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.event_id != event.id:
        raise NotFound(_("No such invitation."))
    invitation.revoked_at = invitation.revoked_at or utcnow()


def open_invitations(event: Event) -> list[Invitation]:
    """Invitations of the event that can still be used, newest first."""
    now = utcnow()
    rows = db.session.scalars(
        select(Invitation).where(
            Invitation.event_id == event.id, Invitation.revoked_at.is_(None), Invitation.expires_at > now,
            Invitation.uses < Invitation.max_uses,
        ).order_by(Invitation.id.desc())
    )
    return list(rows)
