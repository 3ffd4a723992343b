"""The settings pages: a clear message on every bad field, nothing half-saved, what moves before it moves."""

from __future__ import annotations

import datetime as dt

from hackathon.events.models import Event, EventRoom
from hackathon.extensions import db
from tests.support.queries import count_queries


def base(event: Event, token: str) -> dict:
    return {"csrf_token": token, "name": event.name, "tagline": "", "description": "", "venue": "Hall 1",
            "city": "", "capacity": "50", "registration_open": "y", "team_min_size": "2", "team_max_size": "5",
            "language": "en", "version": str(event.version)}


def test_bad_fields_are_named_and_nothing_is_saved(client, make, event):
    make.login(client, make.organiser_of(event))
    url = f"/events/{event.slug}/console/settings"
    token = make.csrf(client, url)
    first = event.days[0].date
    cases = [
        ({"capacity": "lots"}, "Not a valid integer value"),
        ({"team_min_size": "0"}, "Number must be between 1 and 20"),
        ({"name": ""}, "This field is required"),
        ({"registration_opens_at": "tomorrow"}, "Not a valid datetime value"),
        ({"checkin_opens_at": f"{first - dt.timedelta(days=1)}T08:00"}, "before the event&#39;s first day"),
        ({"judging_opens_at": f"{first}T18:00", "judging_closes_at": f"{first}T09:00"}, "Judging would close"),
        ({"team_min_size": "6", "team_max_size": "5"}, "Team sizes must satisfy"),
    ]
    for bad, message in cases:
        response = client.post(url, data={**base(event, token), "tagline": "changed", **bad})
        assert response.status_code == 422, bad
        assert message in response.get_data(as_text=True), (bad, message)
        db.session.refresh(event)
        assert event.tagline == "" and event.capacity == 50


def test_translations_are_saved_and_shown_in_the_readers_language(client, make, event):
    make.login(client, make.organiser_of(event))
    url = f"/events/{event.slug}/console/settings"
    token = make.csrf(client, url)
    data = {**base(event, token), "tagline": "Code for good", "translation_languages": ["de", "it"],
            "tr-de-tagline": "Programmieren für das Gute", "tr-it-tagline": "", "tr-de-description": "Drei Tage"}
    assert client.post(url, data=data).status_code == 302
    db.session.refresh(event)
    assert event.translations == {"de": {"tagline": "Programmieren für das Gute", "description": "Drei Tage"}}
    form = client.get(url).get_data(as_text=True)
    assert 'name="tr-de-tagline"' in form and 'value="Programmieren für das Gute"' in form
    reader = client.application.test_client()
    german = reader.get(f"/events/{event.slug}", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert "Programmieren für das Gute" in german.get_data(as_text=True)
    italian = reader.get(f"/events/{event.slug}", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "Code for good" in italian  # no Italian tagline: the original
    english_first = reader.get(f"/events/{event.slug}", headers={"Accept-Language": "en,de;q=0.5"})
    assert "Code for good" in english_first.get_data(as_text=True)  # the original's language comes first


def test_moving_dates_asks_first_and_lists_what_moves(client, make, event):
    make.login(client, make.organiser_of(event))
    make.participant(event)
    url = f"/events/{event.slug}/console/settings/dates"
    token = make.csrf(client, f"/events/{event.slug}/console/settings")
    start = event.days[0].date + dt.timedelta(days=7)
    data = {"csrf_token": token, "start": start.isoformat(), "days": "3", "timezone": "Europe/Berlin",
            "version": str(event.version)}
    preview = client.post(url, data=data)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "These move with the event" in page and "registered person" in page
    assert 'name="confirm" value="yes"' in page
    db.session.refresh(event)
    assert event.days[0].date != start
    for bad, message in (({"days": "0"}, "Number must be between 1 and 14"), ({"timezone": "Mars/Base"},
                         "Not a valid choice"), ({"start": "soon"}, "Not a valid date value")):
        response = client.post(url, data={**data, **bad})
        assert response.status_code == 422 and message in response.get_data(as_text=True), bad
    done = client.post(url, data={**data, "confirm": "yes"})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Event, event.id).days[0].date == start
    stale = client.post(url, data={**data, "start": (start + dt.timedelta(days=1)).isoformat(), "confirm": "yes"})
    assert stale.status_code == 409 and "Someone else saved" in stale.get_data(as_text=True)


def test_publish_and_rooms_pages(client, make):
    event = make.event(published=False)
    make.login(client, make.organiser_of(event))
    token = make.csrf(client, f"/events/{event.slug}/console/settings")
    assert "Publish the event" in client.get(f"/events/{event.slug}/console/settings").get_data(as_text=True)
    client.post(f"/events/{event.slug}/console/settings/publish", data={"csrf_token": token, "published": "yes"})
    db.session.refresh(event)
    assert event.published
    client.post(f"/events/{event.slug}/console/settings/publish", data={"csrf_token": token, "published": "maybe"})
    db.session.refresh(event)
    assert event.published

    rooms = f"/events/{event.slug}/console/rooms"
    assert client.post(rooms, data={"csrf_token": token, "name": "Main hall", "capacity": "120"}).status_code == 302
    again = client.post(rooms, data={"csrf_token": token, "name": "Main hall"})
    assert again.status_code == 422 and "already a room called Main hall" in again.get_data(as_text=True)
    bad = client.post(rooms, data={"csrf_token": token, "name": "Side", "capacity": "-4"})
    assert bad.status_code == 422
    room = db.session.query(EventRoom).one()
    edit = client.post(f"{rooms}/{room.id}", data={"csrf_token": token, "name": "Great hall", "capacity": "",
                                                   "notes": "ground floor", "version": "1"})
    assert edit.status_code == 302
    db.session.refresh(room)
    assert (room.name, room.capacity, room.notes) == ("Great hall", None, "ground floor")
    assert client.post(f"{rooms}/{room.id}/delete", data={"csrf_token": token}).status_code == 302
    assert db.session.query(EventRoom).count() == 0
    assert client.get(f"{rooms}/99999").status_code == 404


def test_settings_and_rooms_pages_query_the_same_however_many_rooms(client, make, event):
    from hackathon.commands import Actor
    from hackathon.events.commands import add_room

    organiser = make.organiser_of(event)
    make.login(client, organiser)
    urls = [f"/events/{event.slug}/console/settings", f"/events/{event.slug}/console/rooms"]
    few = [count_queries(client, url) for url in urls]
    event = db.session.get(Event, event.id)
    for n in range(6):
        make.participant(event)
        add_room(Actor(db.session.get(type(organiser), organiser.id)), event=event, name=f"Room {n}")
    assert [count_queries(client, url) for url in urls] == few


def test_windows_show_in_the_events_zone_and_an_unchanged_save_keeps_them(client, make, event):
    make.login(client, make.organiser_of(event))
    url = f"/events/{event.slug}/console/settings"
    token = make.csrf(client, url)
    first = event.days[0].date
    assert client.post(url, data={**base(event, token), "checkin_opens_at": f"{first}T08:30"}).status_code == 302
    db.session.refresh(event)
    saved = event.checkin_opens_at
    page = client.get(url).get_data(as_text=True)
    assert f'value="{first}T08:30"' in page  # Berlin time, not UTC
    again = {**base(event, token), "checkin_opens_at": f"{first}T08:30"}
    assert client.post(url, data=again).status_code == 302
    db.session.refresh(event)
    assert event.checkin_opens_at == saved
