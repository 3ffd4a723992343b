"""Judging as an organiser sets it up: the judging window, criteria and guides in the jurors' languages."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hackathon.commands import Actor
from hackathon.errors import Closed
from hackathon.events import commands as event_commands
from hackathon.extensions import db
from hackathon.judging import session
from hackathon.judging.models import Criterion
from tests.events.test_event_setup import settings_of

BERLIN = ZoneInfo("Europe/Berlin")


def test_scoring_opens_only_within_the_judging_window(make, kit):
    event = kit.event
    last = event.days[-1].date
    event_commands.save_settings(Actor(kit.organiser), event=event, settings=settings_of(event, windows={
        "judging": (dt.datetime.combine(last, dt.time(14), BERLIN).astimezone(dt.UTC), None)}))
    with pytest.raises(Closed) as refused:
        kit.open()
    assert "judging window" in refused.value.message and f"{last.isoformat()} 14:00" in refused.value.message
    assert session.state_of(event).state == "pending"
    event_commands.save_settings(Actor(kit.organiser), event=event, settings=settings_of(event, windows={
        "judging": (None, None)}))
    kit.open()
    assert session.state_of(event).state == "open"


def test_criteria_and_their_guides_are_edited_and_read_in_the_jurors_languages(app, make, kit):
    event = kit.event
    event_commands.save_settings(Actor(kit.organiser), event=event, settings=settings_of(
        event, translation_languages=["de"]))
    client = make.login(app.test_client(), kit.organiser)
    base = f"/events/{event.slug}/console/judging/criteria"
    impact = db.session.query(Criterion).filter_by(key="impact").one()
    token = make.csrf(client, f"{base}/{impact.id}")
    form = {"csrf_token": token, "key": "impact", "name": "Social impact", "description": "Who benefits",
            "weight": "2", "min": "0", "max": "10", "guide": "0: none\n10: strong",
            "tr-de-name": "Soziale Wirkung", "tr-de-description": "Wer profitiert",
            "tr-de-guide": "10: stark\n7: not a score of the guide"}
    assert client.post(f"{base}/{impact.id}", data=form).status_code == 302
    db.session.refresh(impact)
    assert impact.translations == {"de": {"name": "Soziale Wirkung", "description": "Wer profitiert",
                                          "guide": {"10": "stark"}}}
    bad = client.post(f"{base}/{impact.id}", data={**form, "tr-de-guide": "stark"}, follow_redirects=True)
    assert "German guide" in bad.get_data(as_text=True)
    juror = make.login(app.test_client(), kit.jurors[0])
    german = juror.get(f"/events/{event.slug}/judging/jury", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '"score-impact">Soziale Wirkung <span' in german and "Wer profitiert</summary>" in german
    assert "<strong>10</strong>: stark" in german
    assert "<strong>0</strong>: none" in german  # no German for 0: the original
    english = juror.get(f"/events/{event.slug}/judging/jury", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '"score-impact">Social impact <span' in english and "Who benefits</summary>" in english
    listed = juror.get(f"/api/v1/events/{event.slug}/judging/criteria").get_json()
    assert listed["criteria"][0]["translations"]["de"]["name"] == "Soziale Wirkung"
