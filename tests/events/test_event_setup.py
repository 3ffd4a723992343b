"""Setting an event up: settings and their schedule rules, translations, publication, dates that move, rooms."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hackathon.commands import Actor
from hackathon.errors import Closed, Conflict, Forbidden, Invalid
from hackathon.events import commands, setup
from hackathon.events import registration as reg
from hackathon.events.models import Event, EventRoom
from hackathon.events.schedule import PhaseWindow, check_windows
from hackathon.extensions import db
from hackathon.registry import registry
from tests.support.audit_log import entries

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A moment on a day, in Berlin, as UTC."""
    return dt.datetime.combine(day, dt.time(hour, minute), BERLIN).astimezone(dt.UTC)


def settings_of(event: Event, **changes) -> setup.EventSettings:
    fields = dict(name=event.name, tagline=event.tagline, description=event.description, venue=event.venue,
                  city=event.city, capacity=event.capacity, registration_open=event.registration_open,
                  team_min_size=event.team_min_size, team_max_size=event.team_max_size, windows={},
                  language=event.language, translation_languages=list(event.translation_languages),
                  translations=dict(event.translations))
    fields.update(changes)
    return setup.EventSettings(**fields)


def organiser(make, event) -> Actor:
    return Actor(make.organiser_of(event))


def test_contradicting_dates_are_refused_with_the_reason_and_nothing_is_saved(make, event):
    first, last = event.days[0].date, event.days[-1].date
    actor = organiser(make, event)
    cases = {
        "checkin": ((at(first - dt.timedelta(days=1), 8), None), "before the event's first day"),
        "judging": ((at(last, 15), at(last, 14)), "would close"),
        "registration": ((at(last + dt.timedelta(days=2), 9), None), "after the event is over"),
        "team_formation": ((None, at(last + dt.timedelta(days=1), 12)), "after the event is over"),
    }
    for key, (window, reason) in cases.items():
        with pytest.raises(Invalid) as refused:
            commands.save_settings(actor, event=event, settings=settings_of(event, name="Changed", windows={
                key: window}))
        assert reason in refused.value.message and refused.value.code == "schedule_contradiction"
        db.session.refresh(event)
        assert event.name == "Test Hack"
    with pytest.raises(Invalid) as refused:  # team formation must close before judging opens
        commands.save_settings(actor, event=event, settings=settings_of(event, windows={
            "team_formation": (None, at(last, 16)), "judging": (at(last, 14), at(last, 18))}))
    assert "Team formation would close" in refused.value.message
    assert entries("settings.changed") == []


def test_submission_after_judging_is_refused_through_the_hook(app, make, event):
    last = event.days[-1].date
    registry(app).add_hook("event_phase_windows", lambda e: [
        PhaseWindow("submission", "Submission", None, at(last, 12), "/somewhere")])
    actor = organiser(make, event)
    with pytest.raises(Invalid) as refused:
        commands.save_settings(actor, event=event, settings=settings_of(event, windows={
            "judging": (at(last, 10), at(last, 17))}))
    assert "Submission would close" in refused.value.message and "after Judging opens" in refused.value.message
    commands.save_settings(actor, event=event, settings=settings_of(event, windows={
        "judging": (at(last, 13), at(last, 17))}))
    # The other capability checks its own change the same way.
    with pytest.raises(Invalid):
        check_windows(event, {"submission": (None, at(last, 14))})
    check_windows(event, {"submission": (None, at(last, 12, 30))})


def test_settings_save_everything_and_are_audited(make, event):
    first = event.days[0].date
    actor = organiser(make, event)
    outcome = commands.save_settings(actor, event=event, settings=settings_of(
        event, name="Spring Hack", tagline="Code for good", description="**Three** days", venue="Old Mill",
        city="Leipzig", capacity=80, team_min_size=3, team_max_size=6, language="en",
        translation_languages=["de", "it", "xx"][:2],
        translations={"de": {"tagline": "Code für das Gute", "bogus": "x"}, "fr": {"tagline": "non"}},
        windows={"registration": (at(first - dt.timedelta(days=20), 9), at(first, 9)),
                 "checkin": (at(first, 8), None)}), expected_version=event.version)
    db.session.refresh(event)
    assert (event.name, event.city, event.capacity, event.team_min_size) == ("Spring Hack", "Leipzig", 80, 3)
    assert event.translation_languages == ["de", "it"]
    assert event.translations == {"de": {"tagline": "Code für das Gute"}}
    assert event.checkin_opens_at == at(first, 8)
    assert "capacity" in outcome.value["changes"] and "registration_opens_at" in outcome.value["changes"]
    (entry,) = entries("settings.changed")
    assert entry.details["changes"]["city"] == ["", "Leipzig"]


def test_settings_refuse_stale_forms_bad_values_and_strangers(make, event):
    actor = organiser(make, event)
    stale = event.version
    commands.save_settings(actor, event=event, settings=settings_of(event, tagline="first"))
    with pytest.raises(Conflict):
        commands.save_settings(actor, event=event, settings=settings_of(event, tagline="second"),
                               expected_version=stale)
    for bad in ({"team_min_size": 4, "team_max_size": 3}, {"language": "tlh"}, {"translation_languages": ["xx"]},
                {"name": "x"}, {"capacity": -1}, {"tagline": "t" * 241},
                {"translation_languages": ["de"], "translations": {"de": {"tagline": "t" * 241}}}):
        with pytest.raises(Invalid):
            commands.save_settings(actor, event=event, settings=settings_of(event, **bad))
    mentor = Actor(make.staff(event, "mentor"))
    with pytest.raises(Forbidden):
        commands.save_settings(mentor, event=event, settings=settings_of(event, tagline="mine"))
    db.session.refresh(event)
    assert event.tagline == "first"


def test_windows_gate_registration_and_team_formation(make, event):
    first = event.days[0].date
    actor = organiser(make, event)
    commands.save_settings(actor, event=event, settings=settings_of(event, windows={
        "registration": (at(first, 9), None), "team_formation": (at(first, 10), None)}))
    person = make.user()
    with pytest.raises(Closed) as refused:
        reg.register(event, person, reg.Profile(country="DE"), consent_data=True)
    assert "Registration opens on" in refused.value.message
    from hackathon.teams import rules

    assert rules.teams_phase(event) == "upcoming"
    with pytest.raises(Closed) as refused:
        rules.require_open(event, {"participant"})
    assert "Team formation opens on" in refused.value.message
    rules.require_open(event, {"organiser"})  # organisers are never locked out


def test_drafts_are_seen_by_their_staff_and_administrators_only(app, client, make):
    draft = make.event(slug="draft-hack", published=False)
    public = make.event(slug="open-hack", organiser=False)
    assert client.get("/events/draft-hack").status_code == 404
    assert client.get("/api/v1/events/draft-hack").status_code == 404
    assert [e["slug"] for e in client.get("/api/v1/events").get_json()["events"]] == ["open-hack"]
    staff = make.organiser_of(draft)
    token = make.token(staff)
    listed = app.test_client().get("/api/v1/events", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert sorted(e["slug"] for e in listed["events"]) == ["draft-hack", "open-hack"]
    assert set(listed["events"][0]) >= {"slug", "name", "days", "timezone"}
    admin = make.user(email="root@example.org")
    admin.is_admin = True
    db.session.commit()
    make.login(client, admin)
    assert client.get("/events/draft-hack").status_code == 200
    commands.publish(Actor(staff), event=draft, published=True)
    anonymous = app.test_client()
    assert anonymous.get("/events/draft-hack").status_code == 200
    assert [e.action for e in entries()][-1] == "event.published"
    assert public.published


def test_moving_the_dates_moves_the_windows_keeping_their_local_time(make, event):
    first = event.days[0].date
    actor = organiser(make, event)
    commands.save_settings(actor, event=event, settings=settings_of(event, windows={
        "checkin": (at(first, 8, 30), at(first + dt.timedelta(days=2), 18))}))
    make.participant(event)
    new_start = first + dt.timedelta(days=30)
    change = setup.DateChange(start=new_start, days=3, timezone="Europe/Lisbon")
    plan = setup.plan_dates(event, change)
    assert any("opening and closing times" in line for line in plan.warnings)
    assert any("registered person" in line for line in plan.warnings)
    with pytest.raises(Invalid) as refused:  # check-in would close after the shorter event
        commands.move_dates(actor, event=event, change=setup.DateChange(new_start, 2, "Europe/Lisbon"))
    assert "Check-in would close" in refused.value.message
    commands.move_dates(actor, event=event, change=change, expected_version=event.version)
    db.session.expire_all()
    event = db.session.get(Event, event.id)
    assert [d.date for d in event.days] == [new_start + dt.timedelta(days=i) for i in range(3)]
    lisbon = event.checkin_opens_at.astimezone(ZoneInfo("Europe/Lisbon"))
    assert (lisbon.date(), lisbon.hour, lisbon.minute) == (new_start, 8, 30)
    assert event.timezone == "Europe/Lisbon"
    with pytest.raises(Conflict):  # a form loaded before the move
        commands.move_dates(actor, event=event, change=setup.DateChange(new_start, 3, "Europe/Berlin"),
                            expected_version=event.version - 1)
    (moved,) = entries("event.dates_moved")
    assert moved.details["timezone"] == ["Europe/Berlin", "Europe/Lisbon"]


def test_rooms_are_named_once_per_event(make, event):
    actor = organiser(make, event)
    room_id = commands.add_room(actor, event=event, name="  Main   hall ", capacity=200).value["room_id"]
    commands.add_room(actor, event=event, name="Garden", notes="behind the café")
    with pytest.raises(Conflict):
        commands.add_room(actor, event=event, name="Main hall")
    for bad in ({"name": ""}, {"name": "x" * 121}, {"name": "Ok", "capacity": -2}, {"name": "Ok", "notes": "n" * 301}):
        with pytest.raises(Invalid):
            commands.add_room(actor, event=event, **bad)
    with pytest.raises(Conflict):
        commands.update_room(actor, event=event, room_id=room_id, name="Garden")
    commands.update_room(actor, event=event, room_id=room_id, name="Big hall", capacity=None, expected_version=1)
    with pytest.raises(Conflict):
        commands.update_room(actor, event=event, room_id=room_id, name="Bigger hall", expected_version=1)
    names = [r.name for r in db.session.query(EventRoom).order_by(EventRoom.position)]
    assert names == ["Big hall", "Garden"]
    commands.remove_room(actor, event=event, room_id=room_id)
    assert [e.action for e in entries()] == ["room.added", "room.added", "room.changed", "room.removed"]


def test_the_platform_commands_run_without_any_transport(make, event):
    from hackathon.accounts import commands as account_commands

    admin = make.user(email="root@example.org")
    admin.is_admin = True
    db.session.commit()
    organiser_user = make.user(email="olga2@example.org")
    made = commands.create_event(Actor(admin), fields=setup.NewEvent(
        slug="autumn-hack", name="Autumn Hack", start=event.days[0].date + dt.timedelta(days=90), days=2),
        organiser_email="olga2@example.org")
    autumn = db.session.get(Event, made.value["event_id"])
    assert made.value["organiser_id"] == organiser_user.id and not autumn.published
    with pytest.raises(Forbidden):  # an organiser of an event is no platform administrator
        commands.create_event(Actor(make.organiser_of(event)), fields=setup.NewEvent(
            slug="mine", name="Mine", start=event.days[0].date))
    copied = commands.copy_event(Actor(admin), source=event, fields=setup.NewEvent(
        slug="test-hack-again", name="Test Hack again", start=event.days[0].date + dt.timedelta(days=365)))
    assert copied.value["organiser_id"] == admin.id and "the settings and phase windows" in copied.value["copied"]
    person = make.user(email="door2@example.org")
    assert commands.enrol(Actor(organiser_user), event=autumn, user=person, role="door").value == {
        "status": "granted"}
    with pytest.raises(Forbidden):
        commands.enrol(Actor(person), event=autumn, user=person, role="organiser")
    outcome = account_commands.create_account(Actor(admin), email="new@example.org", name="New Admin",
                                              password="correct horse battery", admin=True)
    assert outcome.value["created"] and outcome.value["admin"]
    with pytest.raises(Forbidden):
        account_commands.create_account(Actor(person), email="sneaky@example.org", name="Sneaky",
                                         password="correct horse battery", admin=True)
