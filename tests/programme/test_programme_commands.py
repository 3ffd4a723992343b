"""Each programme command run without any transport (what sockets, the JSON API and pages all call): what it
changes, its main refusal, its audit entry, and the fact it declared (`outcome.payload`)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hackathon.commands import Actor
from hackathon.errors import Conflict, Forbidden, Invalid, NotFound
from hackathon.extensions import db
from hackathon.programme import commands
from hackathon.programme.agenda import ItemFields
from hackathon.programme.models import AgendaItem, Announcement
from tests.programme.conftest import DAYS, make_team
from tests.support.audit_log import entries, only

ANNOUNCEMENT = "programme:announcement"


def opening(**changes) -> ItemFields:
    fields = {"title": "Opening", "kind": "plenary", "day": DAYS[0], "start": dt.time(9, 30), "end": dt.time(10, 15),
              "place": "Main Hall"}
    return ItemFields(**{**fields, **changes})


def test_add_item(make, fixed_event):
    organiser = Actor(make.organiser_of(fixed_event))
    with pytest.raises(Forbidden):
        commands.add_item(Actor(make.staff(fixed_event, "mentor")), event=fixed_event, fields=opening())
    with pytest.raises(Invalid):  # not a day of the event
        commands.add_item(organiser, event=fixed_event, fields=opening(day=dt.date(2030, 10, 1)))
    added = commands.add_item(organiser, event=fixed_event, fields=opening())
    assert added.value["title"] == "Opening" and added.published == {}  # the agenda has no fact
    entry = only("programme.item_added")
    assert entry.target == f"agenda_item:{added.value['item_id']}"
    assert entry.details == {"kind": "plenary", "starts": "2030-09-22 09:30", "ends": "2030-09-22 10:15",
                             "place": "Main Hall"}


def test_change_item(make, fixed_event):
    organiser = Actor(make.organiser_of(fixed_event))
    item_id = commands.add_item(organiser, event=fixed_event, fields=opening()).value["item_id"]
    changed = commands.change_item(organiser, event=fixed_event, item_id=item_id, expected_version=1,
                                   fields=opening(title="Grand opening", description="Welcome"))
    assert changed.value["changes"] == ["description", "title"]
    assert only("programme.item_changed").details == {"changes": {"title": ["Opening", "Grand opening"],
                                                                  "description": "changed"}}
    with pytest.raises(Conflict) as stale:  # someone else saved first
        commands.change_item(organiser, event=fixed_event, item_id=item_id, expected_version=1,
                             fields=opening(title="Stale"))
    assert stale.value.code == "stale"
    commands.change_item(organiser, event=fixed_event, item_id=item_id,
                         fields=opening(title="Grand opening", description="Welcome"))  # nothing changed
    assert len(entries("programme.item_changed")) == 1


def test_remove_item(make, fixed_event):
    organiser = Actor(make.organiser_of(fixed_event))
    item_id = commands.add_item(organiser, event=fixed_event, fields=opening()).value["item_id"]
    with pytest.raises(Forbidden):
        commands.remove_item(Actor(make.participant(fixed_event)[0]), event=fixed_event, item_id=item_id)
    commands.remove_item(organiser, event=fixed_event, item_id=item_id)
    assert db.session.get(AgendaItem, item_id) is None
    assert only("programme.item_removed").summary == "Opening removed from the agenda (2030-09-22 09:30)."
    with pytest.raises(NotFound):
        commands.remove_item(organiser, event=fixed_event, item_id=item_id)


def test_announce(make, fixed_event):
    organiser = make.organiser_of(fixed_event)
    team, _founder = make_team(make, fixed_event)
    with pytest.raises(Forbidden):
        commands.announce(Actor(make.staff(fixed_event, "mentor")), event=fixed_event, text="Hi",
                          audience_kind="event")
    with pytest.raises(Invalid) as refused:
        commands.announce(Actor(organiser), event=fixed_event, text="Hi", audience_kind="team", audience_value=10**9)
    assert refused.value.code == "unknown_team"
    assert db.session.scalar(select(func.count()).select_from(Announcement)) == 0 and entries() == []
    sent = commands.announce(Actor(organiser), event=fixed_event, text="Fixers: table 4", audience_kind="team",
                             audience_value=team.id)
    announcement_id = sent.value["announcement_id"]
    fact = sent.payload(ANNOUNCEMENT, announcement_id)
    assert fact["text"] == "Fixers: table 4" and fact["audience"] == {"kind": "team", "value": team.id}
    assert fact["version"] == 1 and fact["event"] == fixed_event.slug
    assert sent.value["emailed"] is None  # no email asked for
    entry = only("programme.announcement_sent")
    assert entry.summary == "Announcement sent to Team: Fixers." and entry.actor_id == organiser.id


def test_announce_by_email_stores_the_mailing_with_it(make, fixed_event):
    from hackathon.mailing.models import Mailing  # the mail capability answers the `announcement_email` hook

    organiser = make.organiser_of(fixed_event)
    make.participant(fixed_event, name="Ana")
    make.participant(fixed_event, name="Ben")
    sent = commands.announce(Actor(organiser), event=fixed_event, text="Lunch", audience_kind="event",
                             email_to="participants")
    assert sent.value["emailed"] == 2
    mailing = db.session.scalar(select(Mailing))
    assert mailing.announcement_id == sent.value["announcement_id"] and mailing.total == 2


def test_pin(make, fixed_event):
    organiser = Actor(make.organiser_of(fixed_event))
    announcement_id = commands.announce(organiser, event=fixed_event, text="Welcome",
                                        audience_kind="event").value["announcement_id"]
    with pytest.raises(Forbidden):
        commands.pin(Actor(make.participant(fixed_event)[0]), announcement_id=announcement_id, pinned=True)
    with pytest.raises(NotFound):  # the page of another event
        commands.pin(organiser, announcement_id=announcement_id, pinned=True, event=make.event(slug="other-hack"))
    pinned = commands.pin(organiser, announcement_id=announcement_id, pinned=True)
    assert pinned.value == {"announcement_id": announcement_id, "changed": True, "pinned": True}
    assert pinned.payload(ANNOUNCEMENT, announcement_id)["version"] == 2
    again = commands.pin(organiser, announcement_id=announcement_id, pinned=True)
    assert again.value["changed"] is False and again.published == {}  # a double click changes nothing
    commands.pin(organiser, announcement_id=announcement_id, pinned=False)
    assert [e.action for e in entries()] == ["programme.announcement_sent", "programme.announcement_pinned",
                                             "programme.announcement_unpinned"]
