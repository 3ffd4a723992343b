"""Account commands: signing up and confirming the address, logging in and out, passwords, preferences, tokens,
and making an account from the command line or an administrator's page (events adds the role).

Each applies the rules (`services`, `sessions`, `tokens`) as one unit of work run by `hackathon.commands`; the
pages, the JSON API and the command line only call these, then mail, set the cookie and answer. A password's
~80 ms hash must not hold the database's write lock: new passwords are checked and hashed, and a current one
verified, in the commands' `prepare` step, outside the transaction; logging in is checked by the transports
(the login throttle counts attempts outside the database, `throttle`), which then call `log_in` or `issue_token`
for the person they found.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from ..audit.services import record as audit
from ..commands import Actor, command
from ..errors import Invalid
from . import services, sessions, tokens
from .admin import require_admin


def _prepare_create(_actor: Actor, *, email: str, name: str, password: str, **kwargs) -> dict:
    """The new account's password hash, outside the transaction (None: the address has an account already)."""
    fresh = services.find_user(email) is None
    return {**kwargs, "email": email, "name": name,
            "password_hash": services.new_password_hash(password, email, name) if fresh else None}


@command("accounts.create", prepare=_prepare_create)
def create_account(actor: Actor, *, email: str, name: str, password_hash: str | None, admin: bool = False) -> dict:
    """An account (or the existing one of that email), optionally made a platform administrator.

    A role at an event is the events capability's (`events.create_person` composes both in one unit of work).
    """
    if actor.via != "cli":
        require_admin(actor.user)
    user = services.find_user(email)
    created = user is None
    if user is None:  # no hash only if the account was deleted meanwhile: create_user refuses the empty password
        user = services.create_user(email, name, password_hash=password_hash)
    if admin and not user.is_admin:
        user.is_admin = True
        audit(None, actor.user, "account.admin_granted", f"user:{user.id}",
              _("%(name)s is a platform administrator.", name=user.name))
    return {"user_id": user.id, "email": user.email, "created": created, "admin": user.is_admin}


# --- signing up -------------------------------------------------------------------------------------------------

def _prepare_sign_up(_actor: Actor, *, email: str, name: str, password: str, **kwargs) -> dict:
    """The password's rules and hash, before the look-up and outside the transaction: whether or not the address
    has an account, the answer takes as long, and no sign-up holds the write lock while it hashes."""
    return {**kwargs, "email": email, "name": name, "password_hash": services.new_password_hash(password, email, name)}


@command("accounts.sign_up", prepare=_prepare_sign_up)
def sign_up(actor: Actor, *, email: str, name: str, password_hash: str, locale: str | None = None) -> dict:
    """Someone signs up: a new, unconfirmed account, or (`created` False) the existing one of that address (the
    answer must not tell which)."""
    existing = services.find_user(email)
    if existing is not None:
        return {"user_id": existing.id, "created": False}
    user = services.create_user(email, name, password_hash=password_hash, locale=locale, verified=False)
    return {"user_id": user.id, "created": True}


@command("accounts.confirm_email")
def confirm_email(actor: Actor, *, token: str) -> dict:
    """The link mailed at sign-up confirms the address (`gone` when expired, `invalid` if forged); twice is harmless."""
    user, next_path = services.user_for_verification_token(token)
    services.confirm_email(user)
    return {"user_id": user.id, "next_path": next_path}


# --- logging in and out -----------------------------------------------------------------------------------------

@command("accounts.log_in")
def log_in(actor: Actor, *, remember: bool = False, user_agent: str = "") -> dict:
    """The person, whose credentials (or mailed link) the transport has checked, gets a login session.

    The raw key is in the answer once, for the browser's cookie; only its digest is stored.
    """
    row, raw = sessions.start_session(actor.user, remember=remember, user_agent=user_agent)
    return {"session_id": row.id, "key": raw}


@command("accounts.log_out")
def log_out(actor: Actor, *, session_id: int | None) -> dict:
    """The person ends this browser's login session: a saved copy of its cookie dies with it."""
    sessions.end_session(session_id, actor.id)
    return {"session_id": session_id}


@command("accounts.end_all_sessions")
def end_all_sessions(actor: Actor) -> dict:
    """The person logs out everywhere: every login session, API token and socket of theirs ends."""
    services.end_all_sessions(actor.user)
    return {"user_id": actor.id}


# --- passwords --------------------------------------------------------------------------------------------------

def _prepare_change(actor: Actor, *, current: str, password: str) -> dict:
    """The current password verified and the new one hashed, outside the transaction."""
    user = actor.user
    services.check_current_password(user, current)
    return {"verified": user.password_hash,
            "password_hash": services.new_password_hash(password, user.email, user.name)}


@command("accounts.change_password", prepare=_prepare_change)
def change_password(actor: Actor, *, verified: str, password_hash: str) -> dict:
    """The person changes their password (`wrong_password` unless the current one is right); every session ends."""
    if actor.user.password_hash != verified:  # changed since it was verified: the current password is not that
        raise Invalid(_("Your current password is not right."), code="wrong_password")
    services.set_password_hash(actor.user, password_hash)
    return {"user_id": actor.id}


def _prepare_reset(_actor: Actor, *, token: str, password: str) -> dict:
    """The link's person found and the new password hashed, outside the transaction."""
    user = services.user_for_reset_token(token)
    return {"token": token, "password_hash": services.new_password_hash(password, user.email, user.name)}


@command("accounts.reset_password", prepare=_prepare_reset)
def reset_password(actor: Actor, *, token: str, password_hash: str) -> dict:
    """The mailed reset link sets a new password (every session ends) and confirms the address it reached."""
    user = services.user_for_reset_token(token)  # again in the transaction: a link works once
    services.set_password_hash(user, password_hash)
    services.confirm_email(user)
    return {"user_id": user.id}


# --- preferences and tokens -------------------------------------------------------------------------------------

@command("accounts.save_preferences")
def save_preferences(actor: Actor, *, name: str, locale: str | None) -> dict:
    """The person changes their display name and preferred language."""
    services.update_preferences(actor.user, name, locale)
    return {"name": actor.user.name, "locale": actor.user.locale}


@command("accounts.set_language")
def set_language(actor: Actor, *, locale: str) -> dict:
    """The person picks the language the platform speaks to them (pages and mail)."""
    if locale not in current_app.config["LANGUAGES"]:
        raise Invalid(_("That language is not available."))
    actor.user.locale = locale
    return {"locale": locale}


@command("accounts.issue_token")
def issue_token(actor: Actor, *, name: str) -> dict:
    """The person gets an API token; its raw value is in the answer once and never stored."""
    token, raw = tokens.issue_token(actor.user, name, current_app.config["API_TOKEN_DAYS"])
    return {"token_id": token.id, "token": raw, "expires_at": token.expires_at.isoformat()}


@command("accounts.revoke_token")
def revoke_token(actor: Actor, *, token_id: int) -> dict:
    """The person revokes one of their own API tokens (`not_found` for anyone else's); its sockets end."""
    tokens.revoke_token(actor.user, token_id)
    return {"token_id": token_id}
