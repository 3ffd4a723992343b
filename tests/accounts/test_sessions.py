"""Sessions and tokens end when they should, and take their sockets with them at once (issue 14, items 4 and 5)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from hackathon.accounts.models import ApiToken, LoginSession
from hackathon.events.roles import grant_role, revoke_role
from hackathon.extensions import db, socketio
from hackathon.realtime import role_room, team_room
from hackathon.transactions import unit_of_work
from tests.support.factories import PASSWORD
from tests.support.smtp import body


def log_in(app, make, user, remember: bool = False):
    """A browser that logged in through the login form."""
    client = app.test_client()
    data = {"csrf_token": make.csrf(client), "email": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/login", data=data).status_code == 302
    return client


def cookies_of(client) -> dict[str, str]:
    return {cookie.key: cookie.value for cookie in client._cookies.values()}


def browser_with(app, cookies: dict[str, str]):
    """Another browser holding a copy of these cookies (saved before logout, stolen, …)."""
    other = app.test_client()
    for key, value in cookies.items():
        other.set_cookie(key, value)
    return other


def test_a_cookie_saved_before_logout_no_longer_works(app, make):
    user = make.user()
    browser = log_in(app, make, user)
    saved = cookies_of(browser)
    assert browser_with(app, saved).get("/account").status_code == 200
    browser.post("/logout", data={"csrf_token": make.csrf(browser, "/account")})
    assert browser_with(app, saved).get("/account").status_code == 302  # back to the login page
    assert db.session.scalar(select(LoginSession.revoked_at)) is not None


@pytest.mark.parametrize("remember", [False, True])
def test_remember_me_is_a_longer_session_that_logout_still_ends(app, make, remember):
    user = make.user()
    browser = log_in(app, make, user, remember=remember)
    row = db.session.scalar(select(LoginSession))
    assert row.remember is remember
    assert (row.expires_at - row.created_at).days == (30 if remember else 1)
    saved = cookies_of(browser)
    assert "remember_token" not in saved  # Flask-Login's own remember cookie is not used: it cannot be taken back
    browser.post("/logout", data={"csrf_token": make.csrf(browser, "/account")})
    assert browser_with(app, saved).get("/account").status_code == 302


def test_logging_out_everywhere_ends_every_session_token_and_socket(app, make):
    user = make.user()
    phone, laptop = log_in(app, make, user), log_in(app, make, user)
    token = make.token(user)
    by_token = socketio.test_client(app, auth={"token": token})
    by_phone = socketio.test_client(app, flask_test_client=phone)
    assert by_token.is_connected() and by_phone.is_connected()
    laptop.post("/account/sessions/end", data={"csrf_token": make.csrf(laptop, "/account")})
    assert phone.get("/account").status_code == 302 and laptop.get("/account").status_code == 302
    assert app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert not by_token.is_connected() and not by_phone.is_connected()


def test_changing_the_password_keeps_this_browser_and_ends_the_others(app, make):
    user = make.user()
    phone, laptop = log_in(app, make, user), log_in(app, make, user)
    token = make.token(user)
    by_phone = socketio.test_client(app, flask_test_client=phone)
    response = laptop.post("/account", data={"pw-csrf_token": make.csrf(laptop, "/account"), "pw-current": PASSWORD,
                                             "pw-password": "a much longer passphrase"})
    assert response.status_code == 302
    assert laptop.get("/account").status_code == 200  # this browser got a fresh session
    assert phone.get("/account").status_code == 302
    assert not by_phone.is_connected()
    assert app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert db.session.scalars(select(ApiToken.revoked_at)).all() != [None]


def test_a_password_reset_ends_every_session_and_token(app, make, mailbox):
    user = make.user()
    phone = log_in(app, make, user)
    token = make.token(user)
    by_token = socketio.test_client(app, auth={"token": token})
    stranger = app.test_client()
    stranger.post("/password/forgot", data={"csrf_token": make.csrf(stranger, "/password/forgot"),
                                            "email": user.email})
    link = re.search(r"https?://\S+/password/reset/\S+", body(mailbox[-1])).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    stranger.post("/" + path, data={"csrf_token": make.csrf(stranger, "/" + path),
                                    "password": "another long passphrase", "confirm": "another long passphrase"})
    assert phone.get("/account").status_code == 302
    assert not by_token.is_connected()
    assert app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_revoking_the_current_token_disconnects_its_socket_only(app, make):
    user = make.user()
    token, other = make.token(user), make.token(user)
    revoked_socket = socketio.test_client(app, auth={"token": token})
    kept_socket = socketio.test_client(app, auth={"token": other})
    response = app.test_client().delete("/api/v1/tokens/current", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 204
    assert not revoked_socket.is_connected()
    assert kept_socket.is_connected()
    assert kept_socket.emit("session:whoami", {}, callback=True)["ok"] is True


def test_losing_a_role_moves_the_socket_out_of_its_rooms_at_once(app, make, event):
    mentor = make.staff(event, "mentor")
    sock = socketio.test_client(app, flask_test_client=make.login(app.test_client(), mentor))
    sid = socketio.server.manager.sid_from_eio_sid(sock.eio_sid, "/")
    assert role_room(event.id, "mentor") in socketio.server.rooms(sid)
    with unit_of_work():
        grant_role(event, mentor, "jury")
    assert role_room(event.id, "jury") in socketio.server.rooms(sid)
    with unit_of_work():
        revoke_role(event, mentor, "mentor")
    assert role_room(event.id, "mentor") not in socketio.server.rooms(sid)
    assert sock.is_connected()  # the session still holds: re-roomed, not disconnected


def test_a_cancelled_participant_leaves_the_event_and_team_rooms(app, make, event):
    ana, registration = make.participant(event)
    team = make.team_of(event, [ana, make.participant(event)[0]])
    sock = socketio.test_client(app, flask_test_client=make.login(app.test_client(), ana))
    sid = socketio.server.manager.sid_from_eio_sid(sock.eio_sid, "/")
    assert {role_room(event.id, "participant"), team_room(team.id)} <= set(socketio.server.rooms(sid))
    browser = make.login(app.test_client(), ana)
    page = f"/events/{event.slug}/register"
    response = browser.post(f"/events/{event.slug}/registration/cancel", data={"csrf_token": make.csrf(browser, page)})
    assert response.status_code == 302
    assert db.session.get(type(registration), registration.id).status == "cancelled"
    assert role_room(event.id, "participant") not in socketio.server.rooms(sid)
