"""Fixtures for the projects tests: a team of two members, staff, and helpers to run commands and publish."""

from __future__ import annotations

import io
import itertools
from datetime import timedelta

import pytest
from PIL import Image

from hackathon.clock import utcnow
from hackathon.commands import Actor
from hackathon.extensions import socketio
from hackathon.projects import commands, deadline
from hackathon.teams.models import Challenge
from hackathon.transactions import unit_of_work


class ProjectsKit:
    """kit.team(), kit.save(user, …), kit.deadline_in(seconds), kit.challenge(), kit.connect(user)."""

    def __init__(self, app, make, event) -> None:
        self.app, self.make, self.event = app, make, event
        self._n = itertools.count(1)

    def team(self, members: int = 2, name: str | None = None, challenge: Challenge | None = None):
        """A team of confirmed participants; returns (team, users)."""
        users = [self.make.participant(self.event)[0] for _ in range(members)]
        team = self.make.team_of(self.event, users, name)
        if challenge is not None:
            with unit_of_work():
                from hackathon.extensions import db
                from hackathon.teams.models import Team

                db.session.get(Team, team.id).challenge_id = challenge.id
        return team, users

    def challenge(self, title: str = "Count every repair", owner=None, organisation=None) -> Challenge:
        from hackathon.extensions import db

        with unit_of_work():
            challenge = Challenge(event_id=self.event.id, slug=f"challenge-{next(self._n)}",
                                  title=title, owner_id=owner.id if owner else None,
                                  organisation_id=organisation.id if organisation else None)
            db.session.add(challenge)
        return challenge

    def save(self, user, team, version=None, submit=False, **values):
        values.setdefault("title", "FixCount")
        values.setdefault("summary", "A repair log for volunteers.")
        return commands.save_project(Actor(user), team_id=team.id, values=values, version=version, submit=submit)

    def deadline_at(self, moment):
        organiser = self.make.organiser_of(self.event)
        commands.set_deadline(Actor(organiser), event=self.event, moment=moment)

    def deadline_in(self, seconds: int):
        moment = utcnow().replace(microsecond=0) + timedelta(seconds=seconds)
        self.deadline_at(moment)
        return moment

    def connect(self, user):
        return socketio.test_client(self.app, flask_test_client=self.make.login(self.app.test_client(), user))

    def publish_gallery(self, public: bool = True, places: int = 3):
        commands.save_gallery(Actor(self.make.organiser_of(self.event)), event=self.event, public=public,
                              winner_places=places)

    def settings(self):
        return deadline.settings_of(self.event.id)


@pytest.fixture(autouse=True)
def _own_file_store(app, tmp_path):
    """Each test's files in a folder of its own."""
    from hackathon.projects.storage import EXTENSION_KEY, build_store

    app.config["PROJECT_FILES_DIR"] = str(tmp_path / "uploads")
    app.extensions[EXTENSION_KEY] = build_store(app.config, app.instance_path)


@pytest.fixture
def kit(app, make, event):
    return ProjectsKit(app, make, event)


def png_bytes(size=(8, 8), colour=(15, 92, 77)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes(text: str = "Slides") -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("Helvetica", size=12)
    document.cell(0, 10, text)
    return bytes(document.output())


def facts(sock, name):
    return [m["args"][0] for m in sock.get_received() if m["name"] == name]
