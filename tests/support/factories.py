"""Test data made through the services, so that tests start from states the platform can reach."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

from flask import Flask
from flask.testing import FlaskClient

from hackathon.accounts import services as accounts
from hackathon.accounts.models import User
from hackathon.accounts.sessions import SESSION_ID, SESSION_KEY, start_session
from hackathon.clock import local_today
from hackathon.events import registration as reg
from hackathon.events.models import Event, Registration
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.extensions import db
from hackathon.teams.models import Team, TeamMembership
from hackathon.transactions import unit_of_work

PASSWORD = "correct horse battery"
EVENT_ZONE = "Europe/Berlin"  # every test event's time zone
_CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def event_today() -> date:
    """Today where the test events happen: late at night the machine's UTC date is still yesterday there."""
    return local_today(EVENT_ZONE)


class Factory:
    """make.user(), make.event(), make.participant(), make.login(client, user) …"""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._seq = itertools.count(1)

    def user(self, name: str | None = None, email: str | None = None, password: str = PASSWORD,
             locale: str | None = None) -> User:
        n = next(self._seq)
        with unit_of_work():
            return accounts.create_user(email or f"person{n}@example.org", name or f"Person {n}", password,
                                        locale=locale)

    def event(self, slug: str = "test-hack", capacity: int = 50, days: list[date] | None = None,
              organiser: bool = True, **fields) -> Event:
        days = days or [event_today() + timedelta(days=i) for i in range(1, 4)]
        with unit_of_work():
            event = create_event(slug, "Test Hack", timezone=EVENT_ZONE, days=days, capacity=capacity,
                                 venue="Hall 1", **fields)
        if organiser:
            self.staff(event, "organiser", name="Olga Organiser", email=f"organiser@{slug}.example")
        return event

    def staff(self, event: Event, role: str, name: str | None = None, email: str | None = None) -> User:
        user = self.user(name=name, email=email)
        with unit_of_work():
            grant_role(event, user, role)
        return user

    def organiser_of(self, event: Event) -> User:
        return accounts.find_user(f"organiser@{event.slug}.example")

    def participant(self, event: Event, name: str | None = None, email: str | None = None,
                    **profile) -> tuple[User, Registration]:
        user = self.user(name=name, email=email)
        with unit_of_work():
            registration = reg.register(event, user, reg.Profile(**{"country": "DE", **profile}), consent_data=True)
        return user, registration

    def team_of(self, event: Event, users: list[User], name: str | None = None) -> Team:
        """A team of these users, written straight into the teams tables (for tests of other capabilities)."""
        n = next(self._seq)
        with unit_of_work():
            team = Team(event_id=event.id, name=name or f"Team {n}", invite_code=f"team-{n}-{event.id}",
                        max_size=5, member_count=len(users))
            db.session.add(team)
            db.session.flush()
            db.session.add_all([TeamMembership(event_id=event.id, team_id=team.id, user_id=u.id) for u in users])
        return team

    def login(self, client: FlaskClient, user: User) -> FlaskClient:
        """Log the client in as the user: a login session row, and the cookie the login page would set."""
        with unit_of_work():
            row, raw = start_session(user)
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
            session[SESSION_ID], session[SESSION_KEY] = row.id, raw
        return client

    def csrf(self, client: FlaskClient, path: str = "/login") -> str:
        """A valid CSRF token for this client's session, read from a page's form."""
        response = client.get(path, follow_redirects=True)
        match = _CSRF.search(response.get_data(as_text=True))
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def token(self, user: User, password: str = PASSWORD) -> str:
        """An API bearer token for the user, made through the API."""
        response = self.app.test_client().post("/api/v1/tokens", json={"email": user.email, "password": password})
        assert response.status_code == 201, response.get_json()
        return response.get_json()["token"]
