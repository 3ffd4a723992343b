"""Announcements' rules: audiences, length, pinning, who reads what, and which room hears it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hackathon.errors import Invalid
from hackathon.extensions import db
from hackathon.programme import announcements
from hackathon.programme.facts import announcement_payload
from hackathon.programme.models import Announcement
from hackathon.transactions import unit_of_work
from tests.programme.conftest import make_team


def send(event, sender, text="Lunch is served", kind="event", value=None):
    with unit_of_work():
        return announcements.announce(event, sender, text, kind, value)


def test_announce_to_event_role_and_team_and_the_payload(make, fixed_event):
    organiser = make.organiser_of(fixed_event)
    team, _founder = make_team(make, fixed_event)
    everyone = send(fixed_event, organiser, "  Welcome!  ")
    mentors = send(fixed_event, organiser, "Mentors to the corner", "role", "mentor")
    fixers = send(fixed_event, organiser, "Your table is 4", "team", team.id)
    assert everyone.text == "Welcome!" and everyone.audience_value is None
    payload = announcement_payload(fixers)
    assert payload["audience"] == {"kind": "team", "value": team.id}
    assert payload["sender"] == {"id": organiser.id, "name": organiser.name}
    assert payload["pinned"] is False and payload["version"] == 1 and payload["sent_at"].endswith("+00:00")
    assert announcement_payload(mentors)["audience"] == {"kind": "role", "value": "mentor"}
    assert announcements.room_of(everyone) == f"event:{fixed_event.id}"
    assert announcements.room_of(mentors) == f"event:{fixed_event.id}:mentor"
    assert announcements.room_of(fixers) == f"team:{team.id}"


@pytest.mark.parametrize(("text", "kind", "value", "code"), [
    ("", "event", None, "invalid"),
    ("   ", "event", None, "invalid"),
    ("x" * 501, "event", None, "too_long"),
    ("Hi", "event", "mentor", "invalid"),
    ("Hi", "role", "wizard", "invalid"),
    ("Hi", "role", None, "invalid"),
    ("Hi", "team", 99999, "unknown_team"),
    ("Hi", "team", "abc", "unknown_team"),
    ("Hi", "crowd", None, "invalid"),
])
def test_bad_announcements_are_refused_and_nothing_is_written(make, fixed_event, text, kind, value, code):
    with pytest.raises(Invalid) as refused:
        send(fixed_event, make.organiser_of(fixed_event), text, kind, value)
    assert refused.value.code == code
    assert db.session.scalar(select(func.count()).select_from(Announcement)) == 0


def test_a_team_of_another_event_is_not_an_audience(make, fixed_event):
    other = make.event(slug="other-hack")
    team, _founder = make_team(make, other)
    with pytest.raises(Invalid):
        send(fixed_event, make.organiser_of(fixed_event), "Hi", "team", team.id)


def test_exactly_500_characters_is_fine(make, fixed_event):
    assert len(send(fixed_event, make.organiser_of(fixed_event), "y" * 500).text) == 500


def test_pinning_bumps_the_version_once_and_pinned_come_first(make, fixed_event):
    organiser = make.organiser_of(fixed_event)
    first = send(fixed_event, organiser, "First")
    second = send(fixed_event, organiser, "Second")
    with unit_of_work():
        assert announcements.set_pinned(first, True) is True
    with unit_of_work():
        assert announcements.set_pinned(first, True) is False  # a double click changes nothing
    assert (first.pinned, first.version) == (True, 2)
    assert [a.text for a in announcements.visible(fixed_event, {"participant"}, None)] == ["First", "Second"]
    with unit_of_work():
        announcements.set_pinned(first, False)
    assert first.version == 3
    assert [a.text for a in announcements.visible(fixed_event, {"participant"}, None)] == ["Second", "First"]
    assert second.version == 1


def test_each_person_reads_what_was_sent_to_them(make, fixed_event):
    organiser = make.organiser_of(fixed_event)
    team, _founder = make_team(make, fixed_event)
    other_team, _ = make_team(make, fixed_event, "Builders")
    send(fixed_event, organiser, "All")
    send(fixed_event, organiser, "Mentors", "role", "mentor")
    send(fixed_event, organiser, "Jurors", "role", "jury")
    send(fixed_event, organiser, "Organisers", "role", "organiser")
    send(fixed_event, organiser, "Fixers", "team", team.id)
    send(fixed_event, organiser, "Builders", "team", other_team.id)

    def texts(roles, team_id):
        return sorted(a.text for a in announcements.visible(fixed_event, roles, team_id))

    assert texts({"mentor"}, None) == ["All", "Mentors"]
    assert texts({"participant"}, team.id) == ["All", "Fixers"]
    assert texts({"participant"}, None) == ["All"]
    assert texts({"jury", "mentor"}, None) == ["All", "Jurors", "Mentors"]
    assert texts({"organiser"}, None) == ["All", "Builders", "Fixers", "Jurors", "Mentors", "Organisers"]
    assert texts(set(), None) == ["All"]
