"""The demo seeder: criteria from demo_content, every team in a pitch order, one or two conflicts."""

from __future__ import annotations

import random

from sqlalchemy import select

from hackathon import demo_content
from hackathon.demo.seeding import DemoPeople
from hackathon.extensions import db
from hackathon.judging import conflicts, criteria, session
from hackathon.judging.demo import seed_judging
from hackathon.judging.models import JuryConflict
from hackathon.teams.demo import seed_teams
from hackathon.transactions import unit_of_work


def test_seed_judging(make, event):
    participants = [make.participant(event)[0] for _ in range(30)]
    jurors = [make.staff(event, "jury") for _ in range(3)]
    people = DemoPeople(organiser=make.organiser_of(event), participants=participants, jurors=jurors)
    rng = random.Random(7)
    with unit_of_work():
        seed_teams(event, people, rng)
        line = seed_judging(event, people, rng)
    assert "5 criteria" in line
    listed = criteria.list_criteria(event)
    assert [c.key for c in listed] == [c["key"] for c in demo_content.JUDGING_CRITERIA]
    assert listed[0].guide["7"].startswith("Clear benefit")
    order = session.pitch_order(event)
    assert len(order) >= 5 and len({p.position for p in order}) == len(order)
    assert len(db.session.scalars(select(JuryConflict)).all()) == 2
    pairs = conflicts.conflict_pairs(event)
    assert {j for j, _t in pairs} == {jurors[0].id, jurors[1].id}
    assert session.state_of(event).state == "open" and "scoring is open" in line  # jurors can try it at any hour
