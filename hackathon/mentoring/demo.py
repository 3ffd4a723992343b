"""The demo's mentoring: mentor profiles, a grid on each day with open, claimed and booked slots, a help queue."""

from __future__ import annotations

import random
from datetime import time, timedelta

from sqlalchemy import select

from ..clock import utcnow
from ..events.models import Event
from ..extensions import db
from ..teams.membership import first_members
from ..teams.models import Team
from .grid import create_session
from .models import HelpRequest, MentorProfile, MentorSlot

SLOT_MINUTES = 20
NOTES = ("We want feedback on our prototype.", "Is our business model realistic?",
         "How do we measure the impact?", "We need help with the data.", "Please challenge our pitch.", "")
PLACES = ("Table 3", "Table 7", "Room B, by the window", "Table 12", "Near the coffee bar", "Table 5")


def _sessions(event: Event, content) -> list:
    days = [d.date for d in event.days]
    made = []
    for item in content.AGENDA:
        if item["kind"] != "mentoring" or item["day"] >= len(days):
            continue
        start, end = (time.fromisoformat(item[k]) for k in ("start", "end"))
        day = days[item["day"]]
        made.append(create_session(event, day=day, start=start, end=end, slot_minutes=SLOT_MINUTES,
                                   location=item["place"], title=item["title"]))
        made.append(create_session(event, day=day, start=start, end=end, slot_minutes=SLOT_MINUTES,
                                   video_link=f"https://meet.demo.example/{event.slug}-{item['day']}-{start:%H%M}",
                                   title=item["title"] + " (online)"))
    return made


def seed_mentoring(event: Event, people, rng: random.Random) -> str:
    """Profiles from MENTOR_PROFILES, claimed and booked slots on the three days, help requests in the queue."""
    from .. import demo_content as content

    mentors = list(people.mentors)
    for index, mentor in enumerate(mentors):
        item = content.MENTOR_PROFILES[index % len(content.MENTOR_PROFILES)]
        db.session.add(MentorProfile(event_id=event.id, user_id=mentor.id, expertise=list(item["expertise"]),
                                     bio=item["bio"], organisation=item.get("organisation", ""), version=1))
    _sessions(event, content)
    slots = list(db.session.scalars(select(MentorSlot).where(MentorSlot.event_id == event.id)
                                    .order_by(MentorSlot.starts_at, MentorSlot.id)))
    teams = list(db.session.scalars(select(Team).where(Team.event_id == event.id).order_by(Team.id)))
    first_member = first_members(event.id)
    teams = [t for t in teams if t.id in first_member]
    busy: dict[int, list] = {m.id: [] for m in mentors}
    bookings: dict[int, int] = {t.id: 0 for t in teams}
    now = utcnow()
    claimed = booked = 0
    for slot in slots:
        if not mentors or rng.random() > 0.65:
            continue
        for mentor in rng.sample(mentors, len(mentors)):
            if all(slot.ends_at <= s or slot.starts_at >= e for s, e in busy[mentor.id]):
                busy[mentor.id].append((slot.starts_at, slot.ends_at))
                slot.status, slot.mentor_id, slot.claimed_at, slot.version = "available", mentor.id, now, 2
                claimed += 1
                break
        if slot.status == "available" and teams and rng.random() < 0.45:
            team = rng.choice(teams)
            if bookings[team.id] < 2:
                bookings[team.id] += 1
                slot.status, slot.team_id, slot.booked_by_id = "booked", team.id, first_member[team.id]
                slot.note, slot.booked_at, slot.version = rng.choice(NOTES), now, 3
                booked += 1
    waiting = 0
    for index, team in enumerate(rng.sample(teams, min(5, len(teams)))):
        topic, tried = content.HELP_REQUESTS[index % len(content.HELP_REQUESTS)]
        request = HelpRequest(event_id=event.id, team_id=team.id, requested_by_id=first_member[team.id],
                              topic=topic, location=PLACES[index % len(PLACES)], tried=tried,
                              status="waiting", created_at=now - timedelta(minutes=4 + 6 * index), version=1)
        if index >= 3 and mentors:
            request.status, request.mentor_id = "claimed", mentors[index % len(mentors)].id
            request.claimed_at, request.version = now - timedelta(minutes=2), 2
        else:
            waiting += 1
        db.session.add(request)
    db.session.flush()
    return (f"Mentoring: {len(mentors)} mentor profiles, {len(slots)} slots ({claimed} with a mentor, "
            f"{booked} of them booked), {waiting} help requests waiting")
