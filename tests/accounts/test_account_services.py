"""Account rules: sign-up, authentication, password changes and resets, tokens, invitations."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hackathon.accounts import services, tokens
from hackathon.accounts.models import User
from hackathon.clock import clock, utcnow
from hackathon.errors import Conflict, Forbidden, Gone, Invalid, NotFound
from hackathon.events import invitations
from hackathon.events.roles import roles_of
from hackathon.extensions import db
from hackathon.transactions import unit_of_work
from tests.support.factories import PASSWORD


def test_emails_are_unique_whatever_their_case(make):
    make.user(email="Ada@Example.org")
    with pytest.raises(Conflict) as error, unit_of_work():
        services.create_user("ada@example.ORG", "Ada Again", PASSWORD)
    assert error.value.code == "email_taken"
    assert db.session.query(User).count() == 1


def test_passwords_are_hashed_and_checked(make):
    user = make.user(email="b@example.org")
    assert PASSWORD not in user.password_hash
    assert services.authenticate("B@example.org", PASSWORD) == user
    assert services.authenticate("b@example.org", "wrong password") is None
    assert services.authenticate("nobody@example.org", PASSWORD) is None


@pytest.mark.parametrize("password", ["short", "x" * 201])
def test_password_rules(make, password):
    with pytest.raises(Invalid), unit_of_work():
        services.create_user("c@example.org", "C", password)


def test_changing_the_password_ends_other_sessions(make):
    user = make.user()
    old_session = user.get_id()
    services.check_current_password(user, PASSWORD)
    new_hash = services.new_password_hash("a brand new password", user.email, user.name)
    with unit_of_work():
        services.set_password_hash(user, new_hash)
    assert user.get_id() != old_session
    with pytest.raises(Invalid) as error:
        services.check_current_password(user, "not it")
    assert error.value.code == "wrong_password"


def test_reset_tokens_work_once_and_expire(make):
    user = make.user()
    token = services.password_reset_token(user)
    assert services.user_for_reset_token(token) == user
    with unit_of_work():
        services.set_password_hash(user, services.new_password_hash("fresh password 1", user.email, user.name))
    with pytest.raises(Gone):
        services.user_for_reset_token(token)  # used: the password changed
    token = services.password_reset_token(user)
    clock.frozen = utcnow() + timedelta(hours=2)
    with pytest.raises(Gone) as error:
        services.user_for_reset_token(token)
    assert error.value.code == "expired"


def test_forged_reset_token(make):
    with pytest.raises(Invalid):
        services.user_for_reset_token("not-a-token")


def test_api_tokens_are_stored_hashed_and_can_be_revoked(make):
    user = make.user()
    with unit_of_work():
        token, raw = tokens.issue_token(user, "scanner", days=1)
    assert token.token_hash != raw and raw.startswith("hk_")
    assert tokens.user_for_token(raw).user == user
    assert tokens.user_for_token("hk_forged") is None
    assert tokens.user_for_token(12345) is None
    with unit_of_work():
        tokens.revoke_token(user, token.id)
    assert tokens.user_for_token(raw) is None
    with pytest.raises(NotFound), unit_of_work():
        tokens.revoke_token(make.user(), token.id)


def test_tokens_expire(make):
    user = make.user()
    with unit_of_work():
        _, raw = tokens.issue_token(user, "x", days=1)
    clock.frozen = utcnow() + timedelta(days=2)
    assert tokens.user_for_token(raw) is None


def test_invitation_grants_its_role_once(make, event):
    organiser = make.organiser_of(event)
    with unit_of_work():
        _, raw = invitations.create_invitation(event, "mentor", organiser, days=7)
    mentor = make.user()
    with unit_of_work():
        invitations.accept_invitation(raw, mentor)
    assert "mentor" in roles_of(mentor, event)
    with unit_of_work():  # accepting again is harmless
        invitations.accept_invitation(raw, mentor)
    with pytest.raises(Gone), unit_of_work():
        invitations.accept_invitation(raw, make.user())


def test_invitation_for_one_email(make, event):
    organiser = make.organiser_of(event)
    with unit_of_work():
        _, raw = invitations.create_invitation(event, "jury", organiser, days=7, email="Judge@Example.org")
    with pytest.raises(Forbidden), unit_of_work():
        invitations.accept_invitation(raw, make.user(email="other@example.org"))
    judge = make.user(email="judge@example.org")
    with unit_of_work():
        invitations.accept_invitation(raw, judge)
    assert roles_of(judge, event) == {"jury"}


def test_expired_revoked_and_unknown_invitations(make, event):
    organiser = make.organiser_of(event)
    with unit_of_work():
        invitation, raw = invitations.create_invitation(event, "mentor", organiser, days=1, max_uses=5)
    with pytest.raises(NotFound):
        invitations.find_invitation("nope")
    clock.frozen = utcnow() + timedelta(days=2)
    with pytest.raises(Gone):
        invitations.find_invitation(raw)
    clock.frozen = None
    with unit_of_work():
        invitations.revoke_invitation(event, invitation.id)
    with pytest.raises(Gone):
        invitations.find_invitation(raw)


def test_unknown_roles_are_refused(make, event):
    with pytest.raises(Invalid), unit_of_work():
        invitations.create_invitation(event, "emperor", make.organiser_of(event), days=1)
