"""The organiser's overview: every figure of the event at a glance, in a fixed number of queries.

Each section reuses the capability's own service (registration counts, the door's stats, the help
queue's numbers, judging progress) and adds only aggregate queries of its own, so that the number of
statements does not grow with the number of people, teams, check-ins or slots.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, timedelta

from sqlalchemy import case, func, select

from ..checkin import attendance
from ..checkin.models import Checkin, CheckinPoint
from ..checkin.scanning import existing_door
from ..clock import iso, local_today, to_zone, utcnow
from ..events.console import status_counts
from ..events.models import Event
from ..events.services import event_dates, registration_phase
from ..extensions import db
from ..judging.scoring import progress
from ..judging.session import state_of
from ..mentoring.helpqueue import queue_stats
from ..mentoring.models import MentorSlot
from ..teams.board import count_seekers
from ..teams.models import Team, TeamMembership

BOOKING_HOURS = 12  # the bookings chart shows this many hours, up to the current one


@dataclass
class Bar:
    """One bar of a small chart: its label, its count, and its length as a percentage of the tallest bar."""

    label: str
    count: int
    percent: int


def bars(counts: Iterable[tuple[str, int]]) -> list[dict]:
    """Labelled counts as chart bars, each scaled to the tallest (all zero when nothing was counted)."""
    pairs = list(counts)
    peak = max((count for _label, count in pairs), default=0)
    return [asdict(Bar(label, count, round(100 * count / peak) if peak else 0)) for label, count in pairs]


def registrations(event: Event) -> dict:
    """Confirmed, waitlisted and cancelled people, the capacity, the places left and the registration phase."""
    counts = status_counts(event)
    return {**counts, "capacity": event.capacity, "places_left": max(event.capacity - event.confirmed_count, 0),
            "phase": registration_phase(event)}


def arrivals_today(event: Event, day: dt.date, point: CheckinPoint | None) -> list[dict]:
    """Arrivals at the door per quarter hour of the day (only the check-in times are read: one query)."""
    if point is None:
        return []
    rows = db.session.execute(
        select(Checkin.at).where(Checkin.event_id == event.id, Checkin.point_id == point.id, Checkin.day == day,
                                 Checkin.undone_at.is_(None)))
    return [asdict(a) for a in attendance.arrivals(event, day, list(rows))]


def checkin(event: Event, day: dt.date) -> dict:
    """The day's door: checked in, expected, not arrived, whether it is an event day, arrivals per quarter hour."""
    door = existing_door(event)
    stats = attendance.stats(event, day, door)
    return {"day": day.isoformat(), "event_day": day in event_dates(event), "checked_in": stats["checked_in"],
            "expected": stats["expected"], "not_arrived": max(stats["expected"] - stats["checked_in"], 0),
            "arrivals": arrivals_today(event, day, door)}


def teams(event: Event) -> dict:
    """Teams formed, people in them, confirmed participants without a team, teams below the minimum size."""
    formed, small = db.session.execute(
        select(func.count(Team.id), func.coalesce(func.sum(case((Team.member_count < event.team_min_size, 1),
                                                                else_=0)), 0))
        .where(Team.event_id == event.id)).one()
    members = db.session.scalar(select(func.count(TeamMembership.id)).where(TeamMembership.event_id == event.id))
    return {"teams": formed, "people_in_teams": members, "without_team": count_seekers(event),
            "below_minimum": int(small), "min_size": event.team_min_size}


def bookings_per_hour(event: Event, now: dt.datetime, hours: int = BOOKING_HOURS) -> list[dict]:
    """Mentor slots booked in each of the last `hours` hours (labelled in the event's zone), bookings that stand."""
    # Hours are counted on UTC instants (a local hour's start moved to UTC), so that a clock change is no gap.
    this_hour = to_zone(now, event.timezone).replace(minute=0, second=0, microsecond=0).astimezone(UTC)
    start = this_hour - timedelta(hours=hours - 1)
    counted: Counter[int] = Counter()
    for (booked_at,) in db.session.execute(
            select(MentorSlot.booked_at).where(MentorSlot.event_id == event.id, MentorSlot.status == "booked",
                                               MentorSlot.booked_at >= start)):
        counted[int((booked_at - start).total_seconds() // 3600)] += 1
    labels = [to_zone(start + timedelta(hours=i), event.timezone).strftime("%H:00") for i in range(hours)]
    return bars((label, counted.get(i, 0)) for i, label in enumerate(labels))


def mentoring(event: Event, now: dt.datetime) -> dict:
    """Mentor slots booked of those offered, slots still without a mentor, the help queue, bookings per hour."""
    slots = dict(db.session.execute(
        select(MentorSlot.status, func.count()).where(MentorSlot.event_id == event.id).group_by(MentorSlot.status)
    ).all())
    queue = queue_stats(event.id)
    booked, available = slots.get("booked", 0), slots.get("available", 0)
    return {"slots_booked": booked, "slots_offered": booked + available, "slots_free": available,
            "slots_without_mentor": slots.get("open", 0), "help_waiting": queue["waiting"],
            "help_being_helped": queue["counts"]["claimed"], "longest_wait_seconds": queue["longest_wait_seconds"],
            "median_wait_seconds": queue["median_wait_seconds"], "bookings_per_hour": bookings_per_hour(event, now)}


def judging(event: Event) -> dict:
    """The session's state, score sheets in of those expected, and teams with every expected sheet in."""
    done = progress(event).teams
    return {"state": state_of(event).state, "sheets_in": sum(t["scored"] for t in done),
            "sheets_expected": sum(t["expected"] for t in done),
            "teams_complete": sum(1 for t in done if t["expected"] and t["scored"] >= t["expected"]),
            "teams": len(done)}


def overview(event: Event) -> dict:
    """Every figure of the overview, as the page renders it and `overview.json` returns it."""
    now = utcnow()
    return {"event": event.slug, "generated_at": iso(now), "timezone": event.timezone,
            "registrations": registrations(event), "checkin": checkin(event, local_today(event.timezone)),
            "teams": teams(event), "mentoring": mentoring(event, now), "judging": judging(event)}
