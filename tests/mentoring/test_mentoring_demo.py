"""The demo seeder: mentor profiles, a grid on each day with open, claimed and booked slots, a help queue."""

from __future__ import annotations

import random

from sqlalchemy import func, select

from hackathon.demo.seeding import DemoPeople
from hackathon.events.services import phases
from hackathon.extensions import db
from hackathon.mentoring.demo import seed_mentoring
from hackathon.mentoring.models import HelpRequest, MentoringSession, MentorProfile, MentorSlot
from hackathon.transactions import unit_of_work


def test_seed_mentoring(make, kit):
    mentors = [kit.mentor() for _ in range(6)]
    for _ in range(8):
        kit.team(members=2)
    people = DemoPeople(organiser=make.organiser_of(kit.event), mentors=mentors)
    with unit_of_work():
        line = seed_mentoring(kit.event, people, random.Random(3))
    assert line.startswith("Mentoring: 6 mentor profiles")
    count = lambda model, *where: db.session.scalar(select(func.count()).select_from(model).where(*where))  # noqa: E731
    assert count(MentorProfile) == 6
    assert count(MentoringSession) == 8  # four mentoring blocks of the agenda, on site and online
    statuses = {status for (status,) in db.session.execute(select(MentorSlot.status))}
    assert statuses == {"open", "available", "booked"}
    days = {s.starts_at.date() for s in db.session.scalars(select(MentorSlot))}
    assert len(days) == 3
    assert count(HelpRequest, HelpRequest.status == "waiting") == 3
    assert count(HelpRequest, HelpRequest.status == "claimed") == 2
    # No mentor is in two places at once, and no team holds more than the limit.
    claimed = list(db.session.scalars(select(MentorSlot).where(MentorSlot.mentor_id.is_not(None))))
    for a in claimed:
        assert not [b for b in claimed if b.id != a.id and b.mentor_id == a.mentor_id
                    and b.starts_at < a.ends_at and b.ends_at > a.starts_at]
    per_team = db.session.execute(select(MentorSlot.team_id, func.count()).where(MentorSlot.status == "booked")
                                  .group_by(MentorSlot.team_id)).all()
    assert per_team and max(n for _team, n in per_team) <= 2
    assert phases(kit.event)["mentoring"] == "open"
