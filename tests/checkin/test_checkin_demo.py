"""The demo seeder gives every confirmed participant a badge, the same codes for the same random source."""

from __future__ import annotations

import random

from sqlalchemy import select

from hackathon.checkin.models import Badge
from hackathon.checkin.wiring import seed_badges
from hackathon.demo.seeding import DemoPeople
from hackathon.extensions import db
from hackathon.transactions import unit_of_work


def test_seed_badges(make, kit):
    for _ in range(5):
        kit.person()
    make.participant(kit.event)
    people = DemoPeople(organiser=kit.organiser)
    with unit_of_work():
        line = seed_badges(kit.event, people, random.Random(1))
    assert "Badges:" in line
    badges = list(db.session.scalars(select(Badge).order_by(Badge.registration_id)))
    assert len(badges) == 6 and all(b.status == "active" for b in badges)
    assert len({b.code for b in badges}) == 6
    first = [b.code for b in badges]
    with unit_of_work():
        seed_badges(kit.event, people, random.Random(1))
    assert [b.code for b in db.session.scalars(select(Badge).order_by(Badge.registration_id))] == first
