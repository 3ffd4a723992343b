"""Platform administrators' pages: every event, a new one, a new one copied from an earlier one (no people)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from hackathon.commands import Actor
from hackathon.events import commands as event_commands
from hackathon.events.models import Event, EventRoom, Registration, Role
from hackathon.events.roles import roles_of
from hackathon.extensions import db
from hackathon.judging import criteria
from hackathon.mentoring import commands as mentoring_commands
from hackathon.mentoring.models import MentoringSettings
from hackathon.programme import agenda
from hackathon.programme.models import AgendaItem
from hackathon.teams.challenges import ChallengeFields, create_challenge
from hackathon.teams.models import Challenge, Team
from hackathon.transactions import unit_of_work
from tests.events.test_event_setup import settings_of
from tests.support.audit_log import entries
from tests.support.factories import event_today

BERLIN = ZoneInfo("Europe/Berlin")


def admin_client(client, make):
    admin = make.user(name="Ada Admin", email="ada@example.org")
    admin.is_admin = True
    db.session.commit()
    make.login(client, admin)
    return admin, make.csrf(client, "/admin/events")


def test_only_administrators_enter(client, make, event):
    assert client.get("/admin/events").status_code == 302
    make.login(client, make.organiser_of(event))
    assert client.get("/admin/events").status_code == 403
    assert "/admin/events" not in client.get(f"/events/{event.slug}").get_data(as_text=True)


def test_an_administrator_creates_an_event_and_organises_it(client, make):
    admin, token = admin_client(client, make)
    data = {"csrf_token": token, "source": "", "name": "Spring Hack", "slug": "spring-hack", "start": "2031-03-10",
            "days": "2", "timezone": "Europe/Lisbon", "capacity": "60", "organiser": ""}
    for bad, message in (({"slug": "Not OK"}, "lower-case letters"), ({"timezone": "Mars/Base"}, "Not a valid choice"),
                         ({"start": "March"}, "Not a valid date value"), ({"days": "30"}, "between 1 and 14"),
                         ({"organiser": "nobody@example.org"}, "no account with the email")):
        response = client.post("/admin/events", data={**data, **bad})
        assert response.status_code == 422 and message in response.get_data(as_text=True), bad
    assert db.session.scalar(select(func.count()).select_from(Event)) == 0
    response = client.post("/admin/events", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/events/spring-hack/console/settings")
    event = db.session.scalar(select(Event).where(Event.slug == "spring-hack"))
    assert (event.timezone, event.capacity, event.published, len(event.days)) == ("Europe/Lisbon", 60, False, 2)
    assert roles_of(admin, event) == {"organiser"}
    taken = client.post("/admin/events", data=data)
    assert taken.status_code == 422 and "already an event called spring-hack" in taken.get_data(as_text=True)
    listing = client.get("/admin/events").get_data(as_text=True)
    assert "Spring Hack" in listing and "Draft" in listing


def test_a_copy_takes_the_set_up_to_new_dates_and_no_people(client, make, event):
    organiser = Actor(make.organiser_of(event))
    first = event.days[0].date
    event_commands.save_settings(organiser, event=event, settings=settings_of(
        event, tagline="Code for good", translation_languages=["de"], translations={"de": {"tagline": "Gutes"}},
        windows={"checkin": (dt.datetime.combine(first, dt.time(8, 30), BERLIN).astimezone(dt.UTC), None)}))
    event_commands.add_room(organiser, event=event, name="Main hall", capacity=200)
    with unit_of_work():
        create_challenge(event, ChallengeFields(title="Clean water", organisation="Aqua Coop",
                                                translations={"de": {"title": "Sauberes Wasser"}}), owner=None)
        criteria.save_criterion(event, criteria.CriterionFields(key="impact", name="Impact", weight=3,
                                                                guide={"1": "weak"}))
        agenda.create_item(event, agenda.ItemFields(title="Opening", kind="plenary", day=first, start=dt.time(9),
                                                    end=dt.time(10), place="Main hall"))
    mentoring_commands.save_settings(organiser, event=event, cancel_cutoff_minutes=15, max_upcoming_bookings=3,
                                     help_expiry_minutes=30)
    participant, _registration = make.participant(event)
    make.team_of(event, [participant])
    make.staff(event, "mentor")

    admin, token = admin_client(client, make)
    start = event_today() + dt.timedelta(days=200)
    copied = client.post("/admin/events", data={
        "csrf_token": token, "source": event.slug, "name": "Test Hack 2", "slug": "test-hack-2",
        "start": start.isoformat(), "days": "3", "timezone": "Europe/Berlin", "capacity": "80", "organiser": ""})
    assert copied.status_code == 302, copied.get_data(as_text=True)
    new = db.session.scalar(select(Event).where(Event.slug == "test-hack-2"))
    assert (new.tagline, new.capacity, new.published) == ("Code for good", 80, False)
    assert new.translations == {"de": {"tagline": "Gutes"}}
    opens = new.checkin_opens_at.astimezone(BERLIN)
    assert (opens.date(), opens.hour, opens.minute) == (start, 8, 30)
    assert [r.name for r in db.session.scalars(select(EventRoom).where(EventRoom.event_id == new.id))] == ["Main hall"]
    (challenge,) = db.session.scalars(select(Challenge).where(Challenge.event_id == new.id))
    assert challenge.translations == {"de": {"title": "Sauberes Wasser"}} and challenge.owner_id is None
    assert [c.key for c in criteria.list_criteria(new)] == ["impact"]
    (item,) = db.session.scalars(select(AgendaItem).where(AgendaItem.event_id == new.id))
    local = item.starts_at.astimezone(BERLIN)
    assert (local.date(), local.hour, item.place) == (start, 9, "Main hall")
    assert db.session.get(MentoringSettings, new.id).cancel_cutoff_minutes == 15
    # No people: nobody registered, no team, the only role is the administrator's as organiser.
    assert db.session.scalar(select(func.count()).select_from(Registration).where(Registration.event_id == new.id)) == 0
    assert db.session.scalar(select(func.count()).select_from(Team).where(Team.event_id == new.id)) == 0
    assert [(r.user_id, r.role) for r in db.session.scalars(select(Role).where(Role.event_id == new.id))] == [
        (admin.id, "organiser")]
    (entry,) = entries("event.copied")
    assert "1 challenge" in entry.summary and "1 agenda item" in entry.summary


def test_a_copy_onto_fewer_days_refuses_windows_that_no_longer_fit(client, make, event):
    last = event.days[-1].date
    event_commands.save_settings(Actor(make.organiser_of(event)), event=event, settings=settings_of(
        event, windows={"judging": (dt.datetime.combine(last, dt.time(14), BERLIN).astimezone(dt.UTC), None),
                        "checkin": (None, dt.datetime.combine(last, dt.time(18), BERLIN).astimezone(dt.UTC))}))
    _admin, token = admin_client(client, make)
    response = client.post("/admin/events", data={
        "csrf_token": token, "source": event.slug, "name": "Short one", "slug": "short-one",
        "start": "2031-05-01", "days": "1", "timezone": "Europe/Berlin", "capacity": "10", "organiser": ""})
    assert response.status_code == 422 and "Check-in would close" in response.get_data(as_text=True)
    assert db.session.scalar(select(Event).where(Event.slug == "short-one")) is None
