"""Who holds which role at an event: the one place the events capability decides authorisation."""

from __future__ import annotations

from collections import defaultdict

from flask_babel import gettext as _
from sqlalchemy import bindparam, delete, func, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from ..accounts.models import User
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..extensions import db
from .models import STAFF_ROLES, Event, Registration, Role

# Every role a person can hold at an event: the staff roles granted, and "participant" (a confirmed registration).
ROLES = (*STAFF_ROLES, "participant")
# The roles that take part in the event and see its participants' pages (board, teams, mentoring grid,
# announcements). Door staff are not among them: they get the door's pages and nothing else.
TAKING_PART = ("organiser", "mentor", "jury", "challenge_owner", "participant")

# Built once: commands ask it (once per socket and event, then from memory until the roles change).
_ROLES_AT = select(Role.role).where(Role.event_id == bindparam("event_id"), Role.user_id == bindparam("user_id")
                                    ).union_all(select(literal("participant")).where(
    Registration.event_id == bindparam("event_id"), Registration.user_id == bindparam("user_id"),
    Registration.status == "confirmed"))


def roles_at(user_id: int, event_id: int) -> frozenset[str]:
    """A user's roles at an event, by ids; a confirmed registration makes a participant (one round trip)."""
    return frozenset(db.session.scalars(_ROLES_AT, {"event_id": event_id, "user_id": user_id}))


def roles_of(user: User | None, event: Event) -> set[str]:
    """The user's roles at the event; a confirmed registration makes a participant."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    return set(roles_at(user.id, event.id))


def taking_part(user: User | None, event: Event) -> set[str]:
    """The user's roles at the event that open its participants' pages (empty for door staff only)."""
    return roles_of(user, event) & set(TAKING_PART)


def roles_by_event(user: User) -> dict[int, set[str]]:
    """Every event the user has a role at, with those roles (two queries, whatever the count)."""
    found: dict[int, set[str]] = defaultdict(set)
    for event_id, role in db.session.execute(select(Role.event_id, Role.role).where(Role.user_id == user.id)):
        found[event_id].add(role)
    confirmed = select(Registration.event_id).where(
        Registration.user_id == user.id, Registration.status == "confirmed"
    )
    for event_id in db.session.scalars(confirmed):
        found[event_id].add("participant")
    return dict(found)


def require_role(user: User | None, event: Event, *allowed: str) -> set[str]:
    """Refuse with `forbidden` unless the user holds one of the allowed roles; return their roles."""
    roles = roles_of(user, event)
    if not roles.intersection(allowed):
        raise Forbidden(refusal_message(allowed))
    return roles


def refusal_message(allowed: tuple[str, ...]) -> str:
    """Why a command is refused: "You need to be an organiser or a mentor at this event to do that"."""
    return _("You need to be %(roles)s at this event to do that.", roles=_or_list(tuple(allowed)))


def _or_list(roles: tuple[str, ...]) -> str:
    names = [role_label(r) for r in roles]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " " + _("or") + " " + names[-1]


def role_label(role: str) -> str:
    """A role's name in the user's language."""
    labels = {
        "organiser": _("organiser"),
        "mentor": _("mentor"),
        "jury": _("juror"),
        "challenge_owner": _("challenge owner"),
        "door": _("door staff"),
        "participant": _("participant"),
    }
    return labels.get(role, role)


def grant_role(event: Event, user: User, role: str, granted_by: User | None = None) -> Role:
    """Give the user a staff role at the event; granting it twice is a no-op."""
    if role not in STAFF_ROLES:
        raise Invalid(_("Unknown role."))
    existing = db.session.scalar(
        select(Role).where(Role.event_id == event.id, Role.user_id == user.id, Role.role == role)
    )
    if existing:
        return existing
    grant = Role(event_id=event.id, user_id=user.id, role=role, granted_by_id=granted_by.id if granted_by else None)
    try:
        with db.session.begin_nested():
            db.session.add(grant)
    except IntegrityError:  # granted by someone else at the same moment
        return db.session.scalar(
            select(Role).where(Role.event_id == event.id, Role.user_id == user.id, Role.role == role)
        )
    return grant


def revoke_role(event: Event, user: User, role: str) -> None:
    """Take a staff role away; the last organiser cannot be removed."""
    if role == "organiser":
        organisers = db.session.scalar(
            select(func.count()).select_from(Role).where(Role.event_id == event.id, Role.role == "organiser")
        )
        if organisers <= 1:
            raise Conflict(_("An event needs at least one organiser."), code="last_organiser")
    removed = db.session.execute(delete(Role).where(Role.event_id == event.id, Role.user_id == user.id,
                                                    Role.role == role))
    if removed.rowcount != 1:  # e.g. an id from another event: nothing to revoke here, and nothing to log
        raise NotFound(_("%(name)s is not %(role)s at this event.", name=user.name, role=role_label(role)))


def staff(event: Event) -> list[Role]:
    """Every staff role at the event with its user, ordered by role and name."""
    return list(
        db.session.scalars(
            select(Role).join(Role.user).where(Role.event_id == event.id)
            .order_by(Role.role, User.name).options(contains_eager(Role.user))
        )
    )
