"""The busy project pages run a number of queries that does not grow with the teams and their files."""

from __future__ import annotations

import pytest

from hackathon.commands import Actor
from hackathon.events.models import Event
from hackathon.extensions import db
from hackathon.projects import commands
from hackathon.projects.files import check_upload
from tests.projects.conftest import png_bytes
from tests.support.queries import count_queries


@pytest.mark.parametrize("page", ["console/projects/", "projects", "gallery/", "judging/jury"])
def test_project_pages_do_not_query_per_team(client, make, event, kit, page):
    event_id = event.id
    organiser, juror = make.organiser_of(event), make.staff(event, "jury")
    upload = check_upload(png_bytes(), "photo.png", slides_max_mb=1, image_max_mb=1)
    made = 0

    def grow(n):
        nonlocal made
        kit.event = db.session.get(Event, event_id)
        for _ in range(n):
            made += 1
            team, (user,) = kit.team(members=1)
            kit.save(user, team, submit=True, links=[{"kind": "demo", "url": "https://demo.example.org"}])
            commands.add_file(Actor(user), team_id=team.id, upload=upload,
                              key=f"projects/{event_id}/{'k' * 20}{made:04d}.png", max_files=5)
            commands.set_consent(Actor(user), team_id=team.id, show=True)

    kit.publish_gallery()
    make.login(client, juror if page == "judging/jury" else organiser)
    url = f"/events/{event.slug}/{page}"
    grow(2)
    few = count_queries(client, url)
    grow(6)
    assert count_queries(client, url) == few
