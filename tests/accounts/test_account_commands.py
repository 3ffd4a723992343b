"""Each account command run without any transport (what the pages, the JSON API and login.py call): success and
the main refusal. Only making an administrator is logged; a person's own account changes are not."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hackathon.accounts import commands as accounts
from hackathon.accounts import services
from hackathon.accounts.models import ApiToken, LoginSession, User
from hackathon.accounts.passwords import verify_password
from hackathon.commands import Actor
from hackathon.errors import Forbidden, Gone, Invalid, NotFound
from hackathon.extensions import db
from tests.support.audit_log import entries, only
from tests.support.factories import PASSWORD

NEW_PASSWORD = "a brand new passphrase"


def anonymous() -> Actor:
    return Actor(None, via="page")


def fresh(user: User) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def test_create_account_is_for_administrators_and_logs_a_new_administrator(make):
    with pytest.raises(Forbidden):
        accounts.create_account(Actor(make.user()), email="new@example.org", name="New", password=PASSWORD)
    admin = make.user()
    admin.is_admin = True
    db.session.commit()
    made = accounts.create_account(Actor(admin), email="new@example.org", name="New", password=PASSWORD,
                                   admin=True).value
    assert made["created"] and made["admin"]
    assert only("account.admin_granted").actor_id == admin.id


def test_sign_up_answers_alike_for_a_new_and_a_known_address(make):
    known = make.user(email="known@example.org", name="Kim Known")
    new = accounts.sign_up(anonymous(), email="New@example.org", name="Nia New", password=PASSWORD).value
    assert new["created"] is True
    assert not db.session.get(User, new["user_id"]).is_verified
    again = accounts.sign_up(anonymous(), email="known@example.org", name="Someone", password=NEW_PASSWORD).value
    assert again == {"user_id": known.id, "created": False}
    assert fresh(known).name == "Kim Known" and verify_password(fresh(known).password_hash, PASSWORD)
    with pytest.raises(Invalid) as refused:  # checked before the look-up, whoever has the address
        accounts.sign_up(anonymous(), email="known@example.org", name="Someone", password="password")
    assert refused.value.code == "common_password"
    assert entries() == []


def test_confirm_email_by_its_link(make):
    user = make.user()
    user.email_verified_at = None
    db.session.commit()
    done = accounts.confirm_email(anonymous(), token=services.verification_token(user, "/events")).value
    assert done == {"user_id": user.id, "next_path": "/events"} and fresh(user).is_verified
    with pytest.raises(Invalid):
        accounts.confirm_email(anonymous(), token="forged")


def test_log_in_and_out_of_ones_own_session_only(make):
    user, other = make.user(), make.user()
    started = accounts.log_in(Actor(user), remember=True, user_agent="Browser").value
    row = db.session.get(LoginSession, started["session_id"])
    assert row.user_id == user.id and row.remember and row.key_hash != started["key"]
    accounts.log_out(Actor(other), session_id=row.id)  # not theirs: nothing ends
    db.session.refresh(row)
    assert row.revoked_at is None
    accounts.log_out(Actor(user), session_id=row.id)
    db.session.refresh(row)
    assert row.revoked_at is not None


def test_end_all_sessions_ends_every_session_and_token(make):
    user = make.user()
    accounts.log_in(Actor(user))
    accounts.issue_token(Actor(user), name="script")
    epoch = user.session_epoch
    accounts.end_all_sessions(Actor(user))
    assert fresh(user).session_epoch == epoch + 1
    assert None not in db.session.scalars(select(LoginSession.revoked_at)).all()
    assert None not in db.session.scalars(select(ApiToken.revoked_at)).all()


def test_change_password_needs_the_current_one(make):
    user = make.user()
    with pytest.raises(Invalid) as refused:
        accounts.change_password(Actor(user), current="not it at all", password=NEW_PASSWORD)
    assert refused.value.code == "wrong_password"
    epoch = user.session_epoch
    accounts.change_password(Actor(user), current=PASSWORD, password=NEW_PASSWORD)
    assert verify_password(fresh(user).password_hash, NEW_PASSWORD) and fresh(user).session_epoch == epoch + 1


def test_reset_password_works_once_and_confirms_the_address(make):
    user = make.user()
    user.email_verified_at = None
    db.session.commit()
    token = services.password_reset_token(user)
    with pytest.raises(Invalid):  # the password rules hold, and the link stays usable
        accounts.reset_password(anonymous(), token=token, password="short")
    assert accounts.reset_password(anonymous(), token=token, password=NEW_PASSWORD).value == {"user_id": user.id}
    assert verify_password(fresh(user).password_hash, NEW_PASSWORD) and fresh(user).is_verified
    with pytest.raises(Gone):
        accounts.reset_password(anonymous(), token=token, password="another new passphrase")


def test_preferences_and_language(make):
    user = make.user()
    with pytest.raises(Invalid):
        accounts.save_preferences(Actor(user), name="", locale="de")
    assert accounts.save_preferences(Actor(user), name="Renamed", locale="de").value == {"name": "Renamed",
                                                                                         "locale": "de"}
    with pytest.raises(Invalid):
        accounts.set_language(Actor(user), locale="xx")
    accounts.set_language(Actor(user), locale="en")
    assert (fresh(user).name, fresh(user).locale) == ("Renamed", "en")


def test_tokens_are_issued_and_revoked_by_their_owner(make):
    user, other = make.user(), make.user()
    made = accounts.issue_token(Actor(user), name="script").value
    token = db.session.get(ApiToken, made["token_id"])
    assert made["token"].startswith("hk_") and token.token_hash != made["token"] and token.user_id == user.id
    with pytest.raises(NotFound):
        accounts.revoke_token(Actor(other), token_id=token.id)
    accounts.revoke_token(Actor(user), token_id=token.id)
    db.session.refresh(token)
    assert token.revoked_at is not None
    assert entries() == []


def test_passwords_are_hashed_and_verified_outside_the_write_transaction(make, monkeypatch):
    """A password's ~80 ms of CPU must not hold the database's write lock: sign-up, change and reset hash (and
    check the current password) in their `prepare` step."""
    from hackathon import transactions

    inside = []
    for module, name in ((services, "hash_password"), (services, "verify_password")):
        original = getattr(module, name)

        def watched(*args, _original=original, **kwargs):
            inside.append(getattr(transactions._state, "depth", 0) > 0)
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, watched)
    signed = accounts.sign_up(anonymous(), email="new@example.org", name="Nia", password="a long passphrase")
    accounts.sign_up(anonymous(), email="new@example.org", name="Nia", password="another passphrase")
    user = db.session.get(User, signed.value["user_id"])
    accounts.change_password(Actor(user), current="a long passphrase", password="a third passphrase")
    accounts.reset_password(anonymous(), token=services.password_reset_token(user), password="a fourth one here")
    assert inside and not any(inside), inside
