"""Agenda changes, announcements sent, and pins are in the audit log, whichever way they were made (pages,
JSON API, sockets); refused and no-op changes are not."""

from __future__ import annotations

from sqlalchemy import select

from hackathon.clock import to_zone
from hackathon.extensions import db, socketio
from hackathon.programme.models import AgendaItem, Announcement
from tests.programme.conftest import make_team
from tests.support.audit_log import entries, only


def post(client, make, url: str, page: str, **data):
    data["csrf_token"] = make.csrf(client, page)
    return client.post(url, data=data)


def test_agenda_items_added_changed_and_removed_are_logged(client, make, kit):
    slug = kit.event.slug
    organiser = make.organiser_of(kit.event)
    make.login(client, organiser)
    console = f"/events/{slug}/console/programme/"
    opening = {"title": "Opening", "kind": "plenary", "day": "2030-09-22", "start": "09:30", "end": "10:15",
               "place": "Main Hall", "description": ""}
    assert post(client, make, console, console, **opening).status_code == 302
    item = db.session.scalar(select(AgendaItem))
    added = only("programme.item_added")
    assert (added.target, added.actor_id) == (f"agenda_item:{item.id}", organiser.id)
    assert added.summary == "Opening added to the agenda (2030-09-22 09:30)."
    assert added.details == {"kind": "plenary", "starts": "2030-09-22 09:30", "ends": "2030-09-22 10:15",
                             "place": "Main Hall"}
    assert post(client, make, console, console, **{**opening, "day": "2030-10-01"}).status_code == 422

    edit = f"/events/{slug}/console/programme/{item.id}"
    response = post(client, make, edit, edit, **{**opening, "title": "Grand opening", "start": "10:00",
                                                 "end": "11:00", "description": "Welcome", "version": "1"})
    assert response.status_code == 302
    changed = only("programme.item_changed")
    assert changed.target == f"agenda_item:{item.id}"
    assert changed.details == {"changes": {"title": ["Opening", "Grand opening"],
                                           "starts": ["2030-09-22 09:30", "2030-09-22 10:00"],
                                           "ends": ["2030-09-22 10:15", "2030-09-22 11:00"],
                                           "description": "changed"}}
    assert changed.summary == "Agenda item Grand opening changed: description, ends, starts, title."
    stale = post(client, make, edit, edit, **{**opening, "title": "Stale", "version": "1"})
    assert stale.status_code == 422
    post(client, make, edit, edit, **{**opening, "title": "Grand opening", "start": "10:00", "end": "11:00",
                                      "description": "Welcome", "version": "2"})  # nothing changed
    assert len(entries("programme.item_changed")) == 1

    post(client, make, f"{edit}/delete", console)
    removed = only("programme.item_removed")
    assert removed.target == f"agenda_item:{item.id}"
    assert removed.summary == "Grand opening removed from the agenda (2030-09-22 10:00)."
    post(client, make, f"{edit}/delete", console)  # gone already
    assert [e.action for e in entries()] == ["programme.item_added", "programme.item_changed",
                                             "programme.item_removed"]


def test_announcements_and_pins_from_the_page_are_logged(client, make, kit):
    event, slug = kit.event, kit.event.slug
    team, _founder = make_team(make, event)
    page = f"/events/{slug}/announcements"
    organiser = make.organiser_of(event)
    make.login(client, organiser)
    post(client, make, page, page, text="Welcome all", audience="event")
    post(client, make, page, page, text="Mentors: coffee", audience="role:mentor")
    post(client, make, page, page, text="Fixers: table 4", audience=f"team:{team.id}")
    post(client, make, page, page, text="Hi", audience="team:99999")  # refused
    sent = entries("programme.announcement_sent")
    assert [e.summary for e in sent] == ["Announcement sent to Everyone.", "Announcement sent to All mentors.",
                                         "Announcement sent to Team: Fixers."]
    assert sent[2].details == {"audience_kind": "team", "audience_value": str(team.id)}
    welcome = db.session.scalar(select(Announcement).where(Announcement.text == "Welcome all"))
    assert sent[0].target == f"announcement:{welcome.id}" and sent[0].actor_id == organiser.id
    assert "Welcome all" not in sent[0].summary  # the message itself stays in the announcement

    post(client, make, f"{page}/{welcome.id}/pin", page, pinned="yes")
    post(client, make, f"{page}/{welcome.id}/pin", page, pinned="yes")  # pinned already
    post(client, make, f"{page}/{welcome.id}/pin", page, pinned="maybe")  # refused
    pinned = only("programme.announcement_pinned")
    when = f"{to_zone(welcome.sent_at, event.timezone):%Y-%m-%d %H:%M}"
    assert pinned.target == f"announcement:{welcome.id}"
    assert pinned.summary == f"Pinned the announcement sent at {when}."
    post(client, make, f"{page}/{welcome.id}/pin", page, pinned="no")
    assert only("programme.announcement_unpinned").actor_id == organiser.id


def test_announcements_and_pins_over_the_api_and_sockets_are_logged(app, make, kit):
    from hackathon.accounts.tokens import issue_token
    from hackathon.transactions import unit_of_work

    event, slug = kit.event, kit.event.slug
    organiser, mentor = make.organiser_of(event), make.staff(event, "mentor")
    with unit_of_work():
        headers = {"Authorization": f"Bearer {issue_token(organiser, 'test', days=1)[1]}"}
    api = app.test_client()
    url = f"/api/v1/events/{slug}/announcements"
    sent = api.post(url, json={"text": "Hi all", "audience": {"kind": "event"}}, headers=headers).get_json()
    api.post(url, json={"text": "", "audience": {"kind": "event"}}, headers=headers)  # refused
    assert only("programme.announcement_sent").target == f"announcement:{sent['id']}"
    api.post(f"/api/v1/announcements/{sent['id']}/pin", json={"pinned": True}, headers=headers)
    api.post(f"/api/v1/announcements/{sent['id']}/pin", json={"pinned": True}, headers=headers)  # no change
    assert only("programme.announcement_pinned").target == f"announcement:{sent['id']}"

    sock = socketio.test_client(app, flask_test_client=make.login(app.test_client(), organiser))
    mentor_sock = socketio.test_client(app, flask_test_client=make.login(app.test_client(), mentor))
    ack = sock.emit("programme:announce", {"event": slug, "text": "Lunch", "audience": {"kind": "role",
                                                                                        "value": "participant"}},
                    callback=True)
    assert ack["ok"]
    assert mentor_sock.emit("programme:announce", {"event": slug, "text": "Hack", "audience": {"kind": "event"}},
                            callback=True)["ok"] is False
    assert mentor_sock.emit("programme:pin", {"announcement_id": sent["id"], "pinned": False},
                            callback=True)["ok"] is False
    assert sock.emit("programme:pin", {"announcement_id": sent["id"], "pinned": False}, callback=True)["ok"]
    assert [e.action for e in entries()] == ["programme.announcement_sent", "programme.announcement_pinned",
                                             "programme.announcement_sent", "programme.announcement_unpinned"]
    assert entries("programme.announcement_sent")[1].summary == "Announcement sent to All participants."
    assert {e.actor_id for e in entries()} == {organiser.id}
