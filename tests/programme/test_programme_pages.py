"""Programme pages through the test client: the agenda with now/next, ICS, the console editor, announcements."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import func, select

from hackathon.clock import clock
from hackathon.extensions import db
from hackathon.programme import announcements
from hackathon.programme.models import AgendaItem, Announcement
from hackathon.transactions import unit_of_work
from tests.programme.conftest import DAYS, at, make_team


def post(client, make, url: str, page: str, **data):
    data["csrf_token"] = make.csrf(client, page)
    return client.post(url, data=data)


def item_classes(html: str, title: str) -> str:
    match = re.search(r'<li class="agenda-item ([^"]*)"[^>]*>\s*<p class="agenda-time">[^<]*</p>\s*'
                      r'<div class="agenda-body">\s*<p class="agenda-title"><strong>' + re.escape(title), html)
    assert match, title
    return match.group(1)


def test_agenda_page_is_public_and_highlights_now_and_next(client, kit):
    kit.item(0, "09:30", "10:15", title="Opening")
    kit.item(0, "10:15", "12:00", title="Challenge presentations", place="Main Hall")
    kit.item(1, "08:30", "09:00", title="Breakfast", kind="meal")
    clock.frozen = at(DAYS[0], "10:00")
    response = client.get(f"/events/{kit.event.slug}/programme")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "is-now" in item_classes(html, "Opening") and "is-next" in item_classes(html, "Challenge presentations")
    assert "is-now" not in item_classes(html, "Breakfast")
    assert 'aria-current="time"' in html and "Times are in Europe/Berlin" in html
    assert "09:30–10:15" in html and "Main Hall" in html
    # The now/next card is included on the page.
    card = html.split('class="card programme-now-next"')[1].split("</section>")[0]
    assert "Opening" in card.split("next-items")[0] and "Challenge presentations" in card.split("next-items")[1]
    # Anonymous visitors get no live snippet (it needs a login).
    assert 'id="programme-live"' not in html
    clock.frozen = at(DAYS[2], "20:00")
    html = client.get(f"/events/{kit.event.slug}/programme").get_data(as_text=True)
    assert "The programme is over" in html and "is-now" not in html
    assert client.get("/events/nope/programme").status_code == 404


def test_the_live_snippet_is_rendered_once_for_a_logged_in_person(client, make, kit):
    participant, _registration = make.participant(kit.event)
    make.login(client, participant)
    for path in ("programme", "announcements"):
        html = client.get(f"/events/{kit.event.slug}/{path}").get_data(as_text=True)
        assert html.count('id="programme-live"') == 1 and html.count("js/programme.js") == 1
        assert 'id="programme-i18n"' in html and "Notify me" in html
        assert f'data-event="{kit.event.slug}"' in html


def test_ics_feed(client, kit):
    kit.item(0, "09:30", "10:15", title="Opening")
    response = client.get(f"/events/{kit.event.slug}/programme.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    body = response.get_data(as_text=True)
    assert body.startswith("BEGIN:VCALENDAR\r\n") and "SUMMARY:Opening\r\n" in body
    assert "DTSTART:20300922T073000Z" in body


def test_console_adds_edits_and_removes_items(client, make, kit):
    slug = kit.event.slug
    console = f"/events/{slug}/console/programme/"
    participant, _registration = make.participant(kit.event)
    make.login(client, participant)
    assert client.get(console).status_code == 403
    make.login(client, make.organiser_of(kit.event))
    page = client.get(console).get_data(as_text=True)
    assert "Add an agenda item" in page and "Sunday 22 September" in page
    response = post(client, make, console, console, title="Opening", kind="plenary", day="2030-09-22",
                    start="09:30", end="10:15", place="Main Hall", description="")
    assert response.status_code == 302, response.get_data(as_text=True)
    item = db.session.scalar(select(AgendaItem))
    assert item.starts_at == at(DAYS[0], "09:30")
    # Bad input: a day outside the event, a made-up kind, a missing time, no title.
    for bad in ({"day": "2030-10-01"}, {"kind": "party"}, {"start": ""}, {"title": ""}, {"end": "25:00"}):
        data = {"title": "Bad", "kind": "plenary", "day": "2030-09-22", "start": "09:00", "end": "10:00", **bad}
        assert post(client, make, console, console, **data).status_code == 422
    assert db.session.scalar(select(func.count()).select_from(AgendaItem)) == 1
    # Edit with the version the form carried; a stale version is refused.
    edit = f"/events/{slug}/console/programme/{item.id}"
    page = client.get(edit).get_data(as_text=True)
    assert 'value="09:30"' in page and 'name="version" type="hidden" value="1"' in page
    response = post(client, make, edit, edit, title="Grand opening", kind="plenary", day="2030-09-23",
                    start="10:00", end="11:00", place="Main Hall", version="1")
    assert response.status_code == 302
    response = post(client, make, edit, edit, title="Stale", kind="plenary", day="2030-09-23",
                    start="10:00", end="11:00", version="1")
    assert response.status_code == 422 and "changed this item meanwhile" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(AgendaItem, item.id).title == "Grand opening"
    assert client.get(f"/events/{slug}/console/programme/99999").status_code == 404
    # Remove, twice: the second time says it is gone.
    response = post(client, make, f"{edit}/delete", console)
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(AgendaItem)) == 0
    post(client, make, f"{edit}/delete", console)
    assert "There is no such agenda item" in client.get(console).get_data(as_text=True)


def test_organisers_send_and_pin_others_read(client, make, kit):
    event, slug = kit.event, kit.event.slug
    page = f"/events/{slug}/announcements"
    team, founder = make_team(make, event)
    mentor = make.staff(event, "mentor", name="Mia Mentor")
    assert client.get(page).status_code == 302  # log in first
    make.login(client, make.organiser_of(event))
    html = client.get(page).get_data(as_text=True)
    assert "Send an announcement" in html and f'value="team:{team.id}"' in html and "All mentors" in html
    assert post(client, make, page, page, text="Welcome all", audience="event").status_code == 302
    assert post(client, make, page, page, text="Mentors: coffee", audience="role:mentor").status_code == 302
    assert post(client, make, page, page, text="Fixers: table 4", audience=f"team:{team.id}").status_code == 302
    for bad in ({"text": "", "audience": "event"}, {"text": "x" * 501, "audience": "event"},
                {"text": "Hi", "audience": "role:wizard"}, {"text": "Hi", "audience": "team:99999"},
                {"text": "Hi", "audience": "crowd"}):
        assert post(client, make, page, page, **bad).status_code == 422
    assert db.session.scalar(select(func.count()).select_from(Announcement)) == 3
    welcome = db.session.scalar(select(Announcement).where(Announcement.text == "Welcome all"))
    # Pin the oldest: it comes first.
    response = post(client, make, f"{page}/{welcome.id}/pin", page, pinned="yes")
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert html.index("Welcome all") < html.index("Fixers: table 4")
    assert f'class="card announcement is-pinned" data-id="{welcome.id}"' in html
    assert "Team: Fixers" in html and "All mentors" in html
    assert post(client, make, f"{page}/99999/pin", page, pinned="yes").status_code == 302
    assert post(client, make, f"{page}/{welcome.id}/pin", page, pinned="maybe").status_code == 302
    db.session.expire_all()
    assert db.session.get(Announcement, welcome.id).version == 2

    # A mentor reads the event-wide and mentor messages, cannot send or pin.
    make.login(client, mentor)
    html = client.get(page).get_data(as_text=True)
    assert "Mentors: coffee" in html and "Welcome all" in html and "Fixers: table 4" not in html
    assert "Send an announcement" not in html
    assert post(client, make, page, page, text="Hack", audience="event").status_code == 403
    assert post(client, make, f"{page}/{welcome.id}/pin", page, pinned="no").status_code == 403
    # A team member reads the team's message; a stranger may not read at all.
    make.login(client, founder)
    html = client.get(page).get_data(as_text=True)
    assert "Fixers: table 4" in html and "Mentors: coffee" not in html
    make.login(client, make.user())
    assert client.get(page).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(Announcement)) == 3


def count_queries(app):
    statements = []

    def record(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE")):  # not BEGIN
            statements.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", record)
    return statements, lambda: sa_event.remove(db.engine, "before_cursor_execute", record)


@pytest.mark.parametrize("path", ["programme", "announcements", "console/programme/"])
def test_list_pages_do_not_query_per_row(app, client, make, kit, path):
    organiser = make.organiser_of(kit.event)
    team, _founder = make_team(make, kit.event)
    make.login(client, organiser)
    url = f"/events/{kit.event.slug}/{path}"

    def add(n: int) -> None:
        for i in range(n):
            kit.item(i % 3, "09:00", "10:00", title=f"Item {i}")
            with unit_of_work():
                sender = organiser if i % 2 else make.staff(kit.event, "organiser")
                announcements.announce(kit.event, sender, f"Message {i}", "team" if i % 3 else "event",
                                       team.id if i % 3 else None)

    add(3)
    client.get(url)
    statements, stop = count_queries(app)
    assert client.get(url).status_code == 200
    few = list(statements)
    stop()
    add(30)
    statements, stop = count_queries(app)
    html = client.get(url).get_data(as_text=True)
    stop()
    assert "Item 29" in html or "Message 29" in html
    assert len(statements) == len(few), ([s[:70] for s in few], [s[:70] for s in statements])


def test_event_api_shows_the_programme_phase(client, kit):
    kit.item(0, "09:30", "10:15", title="Opening")
    clock.frozen = at(DAYS[0], "09:45")
    assert client.get(f"/api/v1/events/{kit.event.slug}").get_json()["phases"]["programme"] == "Opening"
    clock.frozen = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert client.get(f"/api/v1/events/{kit.event.slug}").get_json()["phases"]["programme"] == "before"


def test_the_now_next_card_renders_on_its_own_for_any_page(app, kit):
    """As the event page will include it: only `event` in the context."""
    from flask import render_template_string

    kit.item(1, "09:00", "17:00", title="Hacking", kind="hacking")
    kit.item(1, "12:30", "13:30", title="Lunch", kind="meal")
    clock.frozen = at(DAYS[1], "10:00")
    with app.test_request_context("/"):
        html = render_template_string('{% include "programme/_now_next.html" %}', event=kit.event)
    now, upcoming = html.split("next-items")
    assert "Hacking" in now and "09:00–17:00" in now and "Lunch" in upcoming and "12:30" in upcoming
    clock.frozen = at(DAYS[0], "10:00")
    with app.test_request_context("/"):
        html = render_template_string('{% include "programme/_now_next.html" %}', event=kit.event)
    assert "has not started yet" in html
    with app.test_request_context("/"):
        assert render_template_string('{% include "programme/_now_next.html" %}', event=None).strip() == ""
        # Without a login the live snippet renders nothing, so base.html may include it everywhere.
        assert render_template_string('{% include "programme/_live.html" %}', event=kit.event).strip() == ""
