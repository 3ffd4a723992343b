"""From an empty database by the command line: the first administrator, events create and list, door staff."""

from __future__ import annotations

from sqlalchemy import func, select

from hackathon.accounts.models import User
from hackathon.events.models import Event, Role
from hackathon.events.roles import roles_of
from hackathon.extensions import db
from tests.support.audit_log import entries
from tests.support.factories import PASSWORD


def run(app, *args: str):
    result = app.test_cli_runner().invoke(args=list(args))
    db.session.remove()
    return result


def test_from_nothing_admin_event_organiser_and_door_staff(app):
    assert "No events yet" in run(app, "events", "list").output
    made = run(app, "users", "create", "ada@example.org", "--name", "Ada Admin", "--admin", "--password", PASSWORD)
    assert made.exit_code == 0, made.output
    assert "platform administrator (created)" in made.output
    ada = db.session.scalar(select(User).where(User.email == "ada@example.org"))
    assert ada.is_admin

    created = run(app, "events", "create", "spring-hack", "--name", "Spring Hack", "--start", "2031-03-10",
                  "--days", "2", "--timezone", "Europe/Rome", "--capacity", "40", "--organiser", "ada@example.org")
    assert created.exit_code == 0, created.output
    event = db.session.scalar(select(Event).where(Event.slug == "spring-hack"))
    assert [d.date.isoformat() for d in event.days] == ["2031-03-10", "2031-03-11"]
    assert (event.timezone, event.capacity, event.published) == ("Europe/Rome", 40, False)
    assert roles_of(ada, event) == {"organiser"}
    assert [e.action for e in entries()] == ["account.admin_granted", "event.created", "role.granted"]

    listed = run(app, "events", "list").output
    assert "spring-hack\tSpring Hack\t2031-03-10 – 2031-03-11\tEurope/Rome  (draft)" in listed

    door = run(app, "users", "create", "dora@example.org", "--name", "Dora Door", "--role", "door", "--event",
               "spring-hack", "--password", PASSWORD)
    assert door.exit_code == 0, door.output
    dora = db.session.scalar(select(User).where(User.email == "dora@example.org"))
    assert roles_of(dora, event) == {"door"} and not dora.is_admin


def test_refusals_change_nothing(app, make):
    make.user(email="someone@example.org")
    ok = run(app, "events", "create", "taken", "--name", "Taken", "--start", "2031-03-10")
    assert ok.exit_code == 0, ok.output
    assert "It has no organiser yet" in ok.output
    bad = [
        (["taken", "--name", "Again", "--start", "2031-03-10"], "already an event called taken"),
        (["Bad Slug", "--name", "Bad", "--start", "2031-03-10"], "lower-case letters"),
        (["fine", "--name", "Fine", "--start", "2031-03-10", "--timezone", "Mars/Base"], "Unknown time zone"),
        (["fine", "--name", "Fine", "--start", "2031-03-10", "--days", "0"], "from 1 to 14 days"),
        (["fine", "--name", "Fine", "--start", "2031-03-10", "--capacity", "-3"], "capacity"),
        (["fine", "--name", "Fine", "--start", "2031-03-10", "--organiser", "nobody@example.org"],
         "no account with the email nobody@example.org"),
        (["fine", "--name", "Fine", "--start", "10.03.2031"], "Invalid value for '--start'"),
    ]
    for args, message in bad:
        result = run(app, "events", "create", *args)
        assert result.exit_code != 0 and message in result.output, (args, result.output)
    assert db.session.scalar(select(func.count()).select_from(Event)) == 1
    assert db.session.scalar(select(func.count()).select_from(Role)) == 0


def test_users_create_needs_a_role_or_admin_and_refuses_atomically(app, make):
    event = make.event()
    result = run(app, "users", "create", "x@example.org", "--name", "X", "--password", PASSWORD)
    assert result.exit_code != 0 and "--admin" in result.output
    # A role at an event that does not exist: no account is left behind.
    result = run(app, "users", "create", "y@example.org", "--name", "Y", "--role", "door", "--event", "nope",
                 "--password", PASSWORD)
    assert result.exit_code != 0 and "no event called nope" in result.output
    # A weak password: refused, nothing made.
    result = run(app, "users", "create", "z@example.org", "--name", "Z", "--role", "door", "--event", event.slug,
                 "--password", "short")
    assert result.exit_code != 0
    assert db.session.scalar(select(func.count()).select_from(User).where(User.email.in_(
        ["x@example.org", "y@example.org", "z@example.org"]))) == 0
