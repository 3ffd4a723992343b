"""The submission deadline is one of the event's phase windows: shown in the settings, checked against judging,
moved with the event's dates and copied with its set-up."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hackathon.commands import Actor
from hackathon.errors import Invalid
from hackathon.events import commands as event_commands
from hackathon.events import setup
from hackathon.extensions import db
from hackathon.projects import commands
from hackathon.projects.deadline import settings_of
from tests.events.test_event_setup import settings_of as event_settings

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), BERLIN).astimezone(dt.UTC)


def test_the_deadline_is_a_window_of_the_event(client, make, event):
    organiser = Actor(make.organiser_of(event))
    last = event.days[-1].date
    event_commands.save_settings(organiser, event=event, settings=event_settings(event, windows={
        "judging": (at(last, 14), None)}))
    with pytest.raises(Invalid) as refused:
        commands.set_deadline(organiser, event=event, moment=at(last, 15))
    assert "Submission would close" in refused.value.message
    commands.set_deadline(organiser, event=event, moment=at(last, 12))
    with pytest.raises(Invalid):  # and judging cannot move before it
        event_commands.save_settings(organiser, event=event, settings=event_settings(event, windows={
            "judging": (at(last, 11), None)}))
    make.login(client, make.organiser_of(event))
    page = client.get(f"/events/{event.slug}/console/settings").get_data(as_text=True)
    assert 'id="phase-submission"' in page and f"/events/{event.slug}/console/projects" in page

    start = event.days[0].date + dt.timedelta(days=10)
    plan = setup.plan_dates(event, setup.DateChange(start, 3, "Europe/Berlin"))
    assert "the submission deadline" in plan.warnings
    event_commands.move_dates(organiser, event=event, change=setup.DateChange(start, 3, "Europe/Berlin"))
    db.session.expire_all()
    moved = settings_of(event.id).deadline.astimezone(BERLIN)
    assert (moved.date(), moved.hour) == (start + dt.timedelta(days=2), 12)
