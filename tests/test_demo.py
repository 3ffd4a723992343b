"""The demo keeps every path open whenever someone tries it: today is its middle day, teams form until the last
evening, scoring is open, registration has free places, the organiser reads English; `--refresh` rebuilds it
once its days are over, and leaves real events alone."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from hackathon.accounts.models import User
from hackathon.clock import local_today
from hackathon.demo.seeding import SLUG, first_day, is_current
from hackathon.events.models import Event, Registration, Role
from hackathon.events.schedule import phase_state
from hackathon.extensions import db
from hackathon.judging.session import state_of

SMALL = ["--participants", "20", "--mentors", "2", "--jurors", "2"]


def seed(app, *args):
    result = app.test_cli_runner().invoke(args=["demo", "seed", *SMALL, *args])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return result.output


def demo_event():
    return db.session.scalar(select(Event).where(Event.slug == SLUG))


def test_every_path_is_open_today(app):
    output = seed(app)
    event = demo_event()
    today = local_today(event.timezone)
    days = [d.date for d in event.days]
    assert days == [today - timedelta(days=1), today, today + timedelta(days=1)] and is_current(days, today)
    assert phase_state(event, "team_formation") == "open"
    assert state_of(event).state == "open"
    assert event.confirmed_count == 20 and event.capacity - event.confirmed_count >= 20
    assert "places free for newcomers" in output
    organiser = db.session.scalar(select(User).where(User.email == "organiser@demo.example"))
    assert organiser.locale == "en"
    assert db.session.scalar(select(User.id).where(User.email == "door@demo.example")) is not None


def test_the_people_hold_their_roles_and_signed_up_over_the_weeks_before(app):
    seed(app)
    event = demo_event()
    roles = db.session.execute(select(User.email, Role.role).join(Role, Role.user_id == User.id)
                               .where(Role.event_id == event.id)).all()
    assert ("organiser@demo.example", "organiser") in roles and ("door@demo.example", "door") in roles
    assert sorted(role for _email, role in roles) == [*["challenge_owner"] * 3, "door", "jury", "jury", "mentor",
                                                      "mentor", "organiser"]
    registrations = db.session.scalars(select(Registration).where(Registration.event_id == event.id)
                                       .order_by(Registration.id)).all()
    signed_up = [r.created_at for r in registrations]
    # Backdated through the registration service: each sign-up's dates are the moment it was made, in order.
    assert len(set(signed_up)) == len(signed_up) == 20 and signed_up == sorted(signed_up)
    assert signed_up[-1] - signed_up[0] > timedelta(weeks=4) and signed_up[-1].date() < event.days[0].date
    assert all(r.consent_data_at == r.created_at == (r.confirmed_at or r.waitlisted_at) for r in registrations)


def test_refresh_keeps_a_current_demo_and_rebuilds_one_that_is_over(app):
    seed(app, "--refresh")
    first_id = demo_event().id
    assert "keeping it" in seed(app, "--refresh")
    assert demo_event().id == first_id
    old_start = first_day(local_today("Europe/Berlin")) - timedelta(days=5)
    seed(app, "--reset", "--start", old_start.isoformat())
    assert "rebuilding it around today" in seed(app, "--refresh")
    assert is_current([d.date for d in demo_event().days], local_today("Europe/Berlin"))


def test_refresh_leaves_a_database_with_real_events_alone(app, make):
    make.event(slug="real-event")
    assert "no demo: not seeding" in seed(app, "--refresh")
    assert demo_event() is None


def test_is_current_means_today_before_the_last_day():
    today = local_today("Europe/Berlin")
    days = [today - timedelta(days=1), today, today + timedelta(days=1)]
    assert is_current(days, today) and is_current(days, days[0])
    assert not is_current(days, days[-1]) and not is_current(days, today + timedelta(days=3))
