"""An event for the fault tests: teams, a mentor's slots, people with tokens, in the live database."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

from hackathon.accounts import services as accounts
from hackathon.accounts.tokens import issue_token
from hackathon.events import registration as reg
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.extensions import db
from hackathon.mentoring import grid, slots
from hackathon.teams.models import Team, TeamMembership
from hackathon.transactions import unit_of_work
from tests.support.factories import event_today

PASSWORD = "faults are a fact of life"


def build(database, *, people: int = 20, teams: int = 10, slot_count: int = 16, slug: str = "fault-hack") -> dict:
    """Create the event: `teams` teams of the `people`, a mentor whose `slot_count` slots are available."""
    with database.app_context():
        with unit_of_work():
            event = create_event(slug, "Fault Hack", timezone="Europe/Berlin", capacity=500,
                                 days=[event_today() + timedelta(days=1)])
            organiser = accounts.create_user(f"org@{slug}.example", "Olga", PASSWORD)
            grant_role(event, organiser, "organiser")
            mentor = accounts.create_user(f"mentor@{slug}.example", "Mona", PASSWORD)
            grant_role(event, mentor, "mentor")
            users = []
            for i in range(people):
                user = accounts.create_user(f"p{i}@{slug}.example", f"P {i}", PASSWORD)
                reg.register(event, user, reg.Profile(country="DE"), consent_data=True)
                users.append(user)
            made = [Team(event_id=event.id, name=f"Team {t}", invite_code=f"{slug}-{t}", max_size=6,
                         member_count=len(users[t::teams])) for t in range(teams)]
            db.session.add_all(made)
            db.session.flush()
            db.session.add_all([TeamMembership(event_id=event.id, team_id=made[i % teams].id, user_id=u.id)
                                for i, u in enumerate(users)])
            grid.create_session(event, day=event.days[0].date, start=dt.time(9), end=dt.time(9 + slot_count // 2),
                                slot_minutes=30, location="Corner")
            slot_ids = []
            for slot in grid.load_slots(event.id):
                slots.claim(slot, mentor, {"mentor"})
                slot_ids.append(slot.id)
        with unit_of_work():
            tokens = {"organiser": issue_token(organiser, "faults", 1)[1],
                      "mentor": issue_token(mentor, "faults", 1)[1],
                      "people": [issue_token(u, "faults", 1)[1] for u in users]}
        return {"slug": slug, "tokens": tokens, "slots": slot_ids, "teams": [t.id for t in made],
                "emails": [u.email for u in users]}
