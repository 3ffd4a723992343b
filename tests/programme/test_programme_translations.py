"""The agenda and the announcements in the readers' languages: written once with translations, read in one's own."""

from __future__ import annotations

from hackathon.commands import Actor
from hackathon.events import commands as event_commands
from hackathon.extensions import db, socketio
from hackathon.programme.models import AgendaItem, Announcement
from tests.events.test_event_setup import settings_of


def test_agenda_items_carry_translations_and_show_them(app, client, make, event):
    event_commands.save_settings(Actor(make.organiser_of(event)), event=event,
                                 settings=settings_of(event, translation_languages=["de", "it"]))
    event_commands.add_room(Actor(make.organiser_of(event)), event=event, name="Main hall")
    make.login(client, make.organiser_of(event))
    url = f"/events/{event.slug}/console/programme/"
    page = client.get(url).get_data(as_text=True)
    assert 'name="tr-de-title"' in page and 'name="tr-it-description"' in page
    assert '<option value="Main hall">' in page  # the venue's rooms are offered as places
    token = make.csrf(client, url)
    data = {"csrf_token": token, "title": "Opening", "kind": "plenary", "day": event.days[0].date.isoformat(),
            "start": "09:00", "end": "10:00", "place": "Main hall", "description": "Welcome",
            "tr-de-title": "Eröffnung", "tr-de-place": "Großer Saal", "tr-it-title": ""}
    too_long = client.post(url, data={**data, "tr-de-title": "x" * 201})
    assert too_long.status_code == 422 and "The German title may have at most 200" in too_long.get_data(as_text=True)
    assert db.session.query(AgendaItem).count() == 0
    assert client.post(url, data=data).status_code == 302
    item = db.session.query(AgendaItem).one()
    assert item.translations == {"de": {"title": "Eröffnung", "place": "Großer Saal"}}
    reader = app.test_client()
    german = reader.get(f"/events/{event.slug}/programme", headers={"Accept-Language": "de"})
    text = german.get_data(as_text=True)
    assert "Eröffnung" in text and "Großer Saal" in text and "Welcome" in text  # no German description: original
    assert "Eröffnung" not in reader.get(f"/events/{event.slug}/programme").get_data(as_text=True)


def test_announcements_carry_translations_to_pages_and_live_toasts(app, make, event):
    event_commands.save_settings(Actor(make.organiser_of(event)), event=event,
                                 settings=settings_of(event, translation_languages=["de"]))
    organiser = make.login(app.test_client(), make.organiser_of(event))
    participant, _registration = make.participant(event)
    reader = make.login(app.test_client(), participant)
    phone = socketio.test_client(app, flask_test_client=reader)
    desk = socketio.test_client(app, flask_test_client=organiser)
    ack = desk.emit("programme:announce", {"event": event.slug, "text": "Lunch is ready",
                                           "audience": {"kind": "event"},
                                           "translations": {"de": {"text": "Das Mittagessen ist fertig"},
                                                            "fr": {"text": "ignored"}}}, callback=True)
    assert ack["ok"] is True and ack["announcement"]["translations"] == {"de": {"text": "Das Mittagessen ist fertig"}}
    facts = [m["args"][0] for m in phone.get_received() if m["name"] == "programme:announcement"]
    assert facts[-1]["translations"]["de"]["text"] == "Das Mittagessen ist fertig"
    bad = desk.emit("programme:announce", {"event": event.slug, "text": "x", "audience": {"kind": "event"},
                                           "translations": {"de": "not an object"}}, callback=True)
    assert bad["ok"] is False and bad["error"]["code"] == "invalid"
    assert db.session.query(Announcement).count() == 1
    page = reader.get(f"/events/{event.slug}/announcements", headers={"Accept-Language": "de"})
    assert "Das Mittagessen ist fertig" in page.get_data(as_text=True)
    assert 'data-content-languages="de' in page.get_data(as_text=True)
