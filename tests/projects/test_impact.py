"""The impact report: participants by country and kind of organisation, challenges, teams, projects, winners
and follow-ups, as a page, CSV and PDF, in a number of queries that does not grow with the rows."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader

from hackathon.commands import Actor
from hackathon.events.models import Event
from hackathon.extensions import db
from hackathon.projects import commands
from hackathon.projects.impact import impact_report, name_key
from hackathon.teams.models import Organisation
from hackathon.transactions import unit_of_work
from tests.support.queries import count_queries


def people(make, event, n, country, organisation):
    return [make.participant(event, country=country, organisation=organisation)[0] for _ in range(n)]


def test_participants_by_country_and_kind_of_organisation(make, event):
    people(make, event, 3, "DE", "Gemeinsam Satt e.V.")
    people(make, event, 2, "IT", "Cooperativa Sociale Trama Nuova")
    people(make, event, 1, "SE", "")
    with unit_of_work():
        db.session.add(Organisation(name="Cooperativa Sociale Trama Nuova", kind="social_economy"))  # the registry
    report = impact_report(event)
    assert {(b["code"], b["count"]) for b in report.countries} == {("DE", 3), ("IT", 2), ("SE", 1)}
    kinds = {b["kind"]: b["count"] for b in report.kinds}
    assert kinds == {"social_economy": 2, "individual": 1, "unclassified": 3}
    assert {b["kind"]: b["label"] for b in report.kinds}["social_economy"] == "Social-economy enterprise"
    assert report.unclassified == [{"name": "Gemeinsam Satt e.V.", "key": "gemeinsam satt e.v.", "count": 3}]
    commands.classify_organisation(Actor(make.organiser_of(event)), event=event,
                                   name_key=name_key("Gemeinsam  Satt e.V."), kind="association")
    assert {b["kind"]: b["count"] for b in impact_report(event).kinds}["association"] == 3


def test_projects_and_challenges_are_counted(make, event, kit):
    challenge = kit.challenge("Forecast the surplus")
    team, (ana, _ben) = kit.team(challenge=challenge)
    _idle, _members = kit.team(challenge=challenge)
    kit.save(ana, team, submit=True)
    commands.set_consent(Actor(ana), team_id=team.id, show=True)
    report = impact_report(event)
    assert (report.teams, report.projects, report.submitted, report.shown) == (2, 1, 1, 1)
    (row,) = report.challenges
    assert row["title"] == "Forecast the surplus" and row["teams"] == 2 and row["submitted"] == 1


def test_page_csv_and_pdf(client, make, event, kit):
    people(make, event, 2, "RO", "Fundația Vatra Satului")
    make.login(client, make.organiser_of(event))
    page = client.get(f"/events/{event.slug}/console/projects/impact").get_data(as_text=True)
    assert "<svg" in page and "Participants by country" in page and "Fundația Vatra Satului" in page
    rows = list(csv.reader(io.StringIO(client.get(f"/events/{event.slug}/console/projects/impact.csv")
                                       .get_data(as_text=True))))
    assert rows[0] == ["section", "item", "value", "detail"] and ["country", "RO", "2", "Romania"] in rows
    pdf = client.get(f"/events/{event.slug}/console/projects/impact.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Impact report: Test Hack" in text and "Romania" in text and "Participants by country" in text


def test_the_report_does_not_query_per_row(client, make, event, kit):
    make.login(client, make.organiser_of(event))
    url = f"/events/{event.slug}/console/projects/impact"

    event_id = event.id

    def grow(n):
        kit.event = db.session.get(Event, event_id)  # counting the queries ended the session the event was in
        for i in range(n):
            challenge = kit.challenge(f"Challenge {n}-{i}")
            team, (user,) = kit.team(members=1, challenge=challenge)
            kit.save(user, team, submit=True)
            people(make, kit.event, 1, "PT", f"Organisation {n}-{i}")

    grow(2)
    few = count_queries(client, url)
    grow(6)
    assert count_queries(client, url) == few
