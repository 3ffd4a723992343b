"""The demo seeder gives the demo teams projects, a deadline on the last day at noon, and two tracks."""

from __future__ import annotations

import random

from sqlalchemy import func, select

from hackathon.demo.seeding import DemoPeople
from hackathon.extensions import db
from hackathon.judging.track_models import Track, TrackJuror
from hackathon.projects.deadline import local_text, settings_of
from hackathon.projects.demo import seed_projects
from hackathon.projects.models import Project
from hackathon.teams.demo import seed_teams
from hackathon.transactions import unit_of_work


def test_seed_projects(make, event):
    participants = [make.participant(event)[0] for _ in range(40)]
    people = DemoPeople(organiser=make.organiser_of(event), participants=participants)
    with unit_of_work():
        seed_teams(event, people, random.Random(1))
        line = seed_projects(event, people, random.Random(2))
    assert line.startswith("Projects:") and "2 challenges judged as tracks" in line
    projects = list(db.session.scalars(select(Project)))
    assert projects and all(p.title and p.summary and p.problem and p.links for p in projects)
    assert any(p.submitted_at for p in projects) and any(p.show_in_gallery for p in projects)
    assert all(link["url"].startswith("https://") and ".example.org" in link["url"]
               for p in projects for link in p.links)
    assert local_text(settings_of(event.id).deadline, event.timezone).endswith("12:00:00")
    assert db.session.scalar(select(func.count()).select_from(Track)) == 2
    assert db.session.scalar(select(func.count()).select_from(TrackJuror)) >= 2
