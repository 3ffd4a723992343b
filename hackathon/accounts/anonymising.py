"""What deleting an account does to the account itself: tokens gone, the row anonymised (it stays: scores, bookings
and memberships keep pointing at it). Privacy calls this last, after every capability's "erase_person" hook (the
invitations addressed to the person lose the address in the events capability's)."""

from __future__ import annotations

import secrets

from sqlalchemy import delete, update

from ..extensions import db
from .models import ApiToken, User


def anonymous_name(user_id: int) -> str:
    """The name an anonymised account carries."""
    return f"Deleted person #{user_id}"


def anonymous_email(user_id: int) -> str:
    """The address an anonymised account carries (the .invalid domain never resolves)."""
    return f"deleted-{user_id}@invalid"


def is_anonymised(user: User) -> bool:
    """Whether the account has already been anonymised."""
    return user.email == anonymous_email(user.id)


def anonymise(user: User) -> None:
    """Remove the account's tokens and personal data; nobody can log in to it any more."""
    db.session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    db.session.execute(
        update(User).where(User.id == user.id).values(
            name=anonymous_name(user.id), email=anonymous_email(user.id), locale=None, active=False,
            # No "$": werkzeug can never match it, so nobody can log in with any password.
            password_hash="!deleted-" + secrets.token_hex(16), session_epoch=User.session_epoch + 1,
        ).execution_options(synchronize_session=False)
    )
    db.session.refresh(user)
