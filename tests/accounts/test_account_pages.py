"""Account pages through the test client: sign up, log in and out, reset, preferences, CSRF, limits."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from hackathon.accounts.models import User
from hackathon.extensions import db
from tests.support.factories import PASSWORD
from tests.support.smtp import body


def mailed_link(message) -> str:
    """The platform's link in an email, as a path for the test client."""
    return re.search(r"http://localhost(/\S+)", body(message)).group(1)


def test_signup_confirms_the_address_then_logs_in_and_redirects(client, make, event, mailbox):
    token = make.csrf(client, "/signup")
    response = client.post("/signup", data={"csrf_token": token, "name": "Ada Lovelace", "email": "ada@example.org",
                                            "password": PASSWORD, "next": f"/events/{event.slug}/register"})
    assert response.status_code == 200 and "Check your inbox" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 302  # not in yet
    user = db.session.query(User).filter_by(email="ada@example.org").one()
    assert user.password_hash != PASSWORD and not user.is_verified
    (message,) = mailbox
    assert message["To"] == "ada@example.org" and message["Subject"] == "Confirm your email address"
    # logging in before confirming sends the link again and lets nobody in
    other = app_client = client.application.test_client()
    login = make.csrf(app_client)
    refused = other.post("/login", data={"csrf_token": login, "email": "ada@example.org", "password": PASSWORD})
    assert refused.status_code == 422 and "confirm your address" in refused.get_data(as_text=True)
    assert len(mailbox) == 2
    response = client.get(mailed_link(message))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/events/{event.slug}/register")
    assert client.get("/account").status_code == 200  # the browser that signed up goes straight in
    db.session.refresh(user)
    assert user.is_verified
    # the link again, from another browser: confirmed already, that browser logs in with the password
    elsewhere = client.application.test_client()
    again = elsewhere.get(mailed_link(message))
    assert again.status_code == 302 and "/login" in again.headers["Location"]
    assert elsewhere.get("/account").status_code == 302


def test_signup_answers_the_same_whether_or_not_the_address_has_an_account(client, make, mailbox):
    make.user(email="taken@example.org", name="Tessa Taken")
    token = make.csrf(client, "/signup")
    answers = []
    for email in ("taken@example.org", "fresh@example.org"):
        response = client.post("/signup", data={"csrf_token": token, "name": "Someone", "email": email,
                                                "password": PASSWORD})
        answers.append((response.status_code, response.get_data(as_text=True).replace(email, "EMAIL")))
    assert answers[0] == answers[1]
    assert db.session.query(User).filter_by(email="taken@example.org").one().name == "Tessa Taken"
    owner_note, new_link = mailbox
    assert owner_note["To"] == "taken@example.org" and "already have one" in body(owner_note)
    assert new_link["To"] == "fresh@example.org"


@pytest.mark.parametrize("password", ["password", "12345678", "qwertyuiop", "Password1", "iloveyou2",
                                      "someone@example.org", "someone1"])
def test_signup_refuses_common_passwords_and_ones_own_address(client, make, password):
    token = make.csrf(client, "/signup")
    response = client.post("/signup", data={"csrf_token": token, "name": "someone1", "email": "someone@example.org",
                                            "password": password})
    assert response.status_code == 422 and "most common" in response.get_data(as_text=True)
    assert db.session.query(User).count() == 0


def test_signup_refuses_bad_input_and_writes_nothing(client, make):
    token = make.csrf(client, "/signup")
    make.user(email="taken@example.org")
    cases = [
        {"name": "", "email": "a@example.org", "password": PASSWORD},
        {"name": "A", "email": "not-an-email", "password": PASSWORD},
        {"name": "A", "email": "a@example.org", "password": "short"},
        {"name": "x" * 121, "email": "a@example.org", "password": PASSWORD},
        {"name": ["A", "B"], "email": "a@example.org"},
    ]
    for data in cases:
        response = client.post("/signup", data={"csrf_token": token, **data})
        assert response.status_code == 422, data
        assert 'class="error"' in response.get_data(as_text=True)
    assert db.session.query(User).count() == 1  # only the account that was already there


def test_forms_need_the_csrf_token(client, make):
    response = client.post("/signup", data={"name": "A", "email": "a@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)
    assert db.session.query(User).count() == 0


def test_login_and_wrong_password(client, make):
    user = make.user(email="b@example.org")
    token = make.csrf(client)
    wrong = client.post("/login", data={"csrf_token": token, "email": "b@example.org", "password": "nope nope"})
    assert wrong.status_code == 422
    assert "do not match" in wrong.get_data(as_text=True)
    ok = client.post("/login", data={"csrf_token": token, "email": "B@example.org", "password": PASSWORD})
    assert ok.status_code == 302
    assert client.get("/account").status_code == 200
    assert user.name in client.get("/account").get_data(as_text=True)


def test_login_ignores_foreign_next(client, make):
    make.user(email="c@example.org")
    token = make.csrf(client)
    response = client.post("/login", data={"csrf_token": token, "email": "c@example.org", "password": PASSWORD,
                                           "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_login_is_rate_limited(app, client, make):
    app.config["RATELIMIT_ENABLED"] = True
    make.user(email="d@example.org")
    token = make.csrf(client)
    statuses = [client.post("/login", data={"csrf_token": token, "email": "d@example.org",
                                            "password": "wrong guess"}).status_code for _ in range(12)]
    assert statuses[:10] == [422] * 10
    assert statuses[10:] == [429, 429]
    # and the right password does not get through while limited
    assert client.post("/login", data={"csrf_token": token, "email": "d@example.org",
                                       "password": PASSWORD}).status_code == 429


def test_logout_needs_a_post_with_csrf(client, make):
    user = make.user()
    make.login(client, user)
    assert client.get("/logout").status_code == 405
    token = make.csrf(client, "/account")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/account").status_code == 302


def test_password_reset_by_email(client, make, mailbox):
    user = make.user(email="e@example.org")
    token = make.csrf(client, "/password/forgot")
    response = client.post("/password/forgot", data={"csrf_token": token, "email": "e@example.org"})
    assert response.status_code == 302
    unknown = client.post("/password/forgot", data={"csrf_token": token, "email": "who@example.org"})
    assert unknown.status_code == 302  # same answer: nobody learns who has an account
    assert len(mailbox) == 1 and mailbox[0]["To"] == "e@example.org"
    link = re.search(r"http://\S+/password/reset/\S+", body(mailbox[0])).group(0)
    path = link.split("localhost", 1)[-1]
    form = client.get(path)
    assert form.status_code == 200
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form.get_data(as_text=True)).group(1)
    mismatch = client.post(path, data={"csrf_token": csrf, "password": "new password 1", "confirm": "other one"})
    assert mismatch.status_code == 422
    done = client.post(path, data={"csrf_token": csrf, "password": "new password 1", "confirm": "new password 1"})
    assert done.status_code == 302
    db.session.refresh(user)
    again = client.get(path)
    assert again.status_code == 410  # the link works once


def test_expired_or_forged_reset_links(client):
    assert client.get("/password/reset/forged").status_code == 422


def test_account_preferences_and_language(client, make):
    user = make.user()
    make.login(client, user)
    token = make.csrf(client, "/account")
    response = client.post("/account", data={"prefs-csrf_token": token, "prefs-name": "New Name",
                                             "prefs-locale": "de"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.name == "New Name" and user.locale == "de"
    page = client.get("/account").get_data(as_text=True)
    assert "Dein Konto" in page or 'lang="de"' in page


def test_language_switch_for_anonymous_visitors(client, make, event):
    token = make.csrf(client)
    client.post("/language", data={"csrf_token": token, "lang": "de", "next": "/login"})
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="de"' in page
    client.post("/language", data={"csrf_token": token, "lang": "xx", "next": "/login"})
    assert 'lang="de"' in client.get("/login").get_data(as_text=True)


def test_api_tokens_on_the_account_page(client, make):
    user = make.user()
    make.login(client, user)
    token = make.csrf(client, "/account")
    page = client.post("/account", data={"token-csrf_token": token, "token-name": "door scanner"})
    text = page.get_data(as_text=True)
    raw = re.search(r"(hk_[A-Za-z0-9_\-]+)", text).group(1)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200


def test_pages_need_login(client):
    response = client.get("/account")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


def test_changing_the_password_on_the_account_page(app, client, make):
    """The `pw-` form: this session stays logged in, every other session ends, the new password works.

    It once passed Flask-Login's proxy to login_user, which recursed until the eventlet process died.
    """
    user = make.user(email="f@example.org")
    other = make.login(app.test_client(), user)
    make.login(client, user)
    token = make.csrf(client, "/account")
    wrong = client.post("/account", data={"pw-csrf_token": token, "pw-current": "not my password",
                                          "pw-password": "a brand new secret"})
    assert wrong.status_code == 422 and "not right" in wrong.get_data(as_text=True)
    response = client.post("/account", data={"pw-csrf_token": token, "pw-current": PASSWORD,
                                             "pw-password": "a brand new secret"})
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    assert client.get("/account").status_code == 200  # this session stays
    assert other.get("/account").status_code == 302  # the other one ended
    fresh = app.test_client()
    login = make.csrf(fresh)
    assert fresh.post("/login", data={"csrf_token": login, "email": "f@example.org",
                                      "password": "a brand new secret"}).status_code == 302


FOREIGN_NEXT = ["/%09/evil.example", "/%0A/evil.example", "/%0D/evil.example", "/%5Cevil.example",
                "%2F%2Fevil.example", "//evil.example", "/\\/evil.example", "https://evil.example/",
                "/%E2%80%82/evil.example", "/%7F/evil.example", "javascript:alert(1)"]


@pytest.mark.parametrize("target", FOREIGN_NEXT)
def test_next_never_leaves_the_site(client, make, target):
    """?next= with a tab, newline, backslash or scheme is dropped: browsers would read those as another host."""
    make.user(email="g@example.org")
    token = make.csrf(client)
    response = client.post(f"/login?next={target}", data={"csrf_token": token, "email": "g@example.org",
                                                          "password": PASSWORD, "next": unquote(target)})
    assert response.status_code == 302 and response.headers["Location"] == "/", response.headers["Location"]
    # a logged-in visitor is sent on at once: the same check applies
    again = client.get(f"/login?next={target}")
    assert again.headers["Location"] == "/"


def test_next_keeps_paths_of_the_site(client, make):
    make.user(email="h@example.org")
    token = make.csrf(client)
    response = client.post("/login", data={"csrf_token": token, "email": "h@example.org", "password": PASSWORD,
                                           "next": "/events/test-hack/teams?tab=open#x"})
    assert response.headers["Location"] == "/events/test-hack/teams?tab=open#x"
