"""With hundreds of slots and requests, the grid pages run as many SQL statements as with a handful."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert

from hackathon.clock import utcnow
from hackathon.extensions import db
from hackathon.mentoring.models import HelpRequest, MentoringSession, MentorProfile, MentorSlot
from hackathon.transactions import unit_of_work
from tests.support.queries import count_queries


def bulk(kit, mentors, teams, slots: int, requests: int) -> None:
    """Slots in every status with mentors and teams, and waiting and claimed help requests, by bulk inserts."""
    start = utcnow() + timedelta(days=1)
    with unit_of_work():
        session_id = db.session.execute(insert(MentoringSession).returning(MentoringSession.id), [{
            "event_id": kit.event.id, "title": "Bulk", "starts_at": start, "ends_at": start + timedelta(days=1),
            "slot_minutes": 10, "location": "Hall"}]).scalar_one()
        rows = []
        for n in range(slots):
            status = ("open", "available", "booked")[n % 3]
            rows.append({
                "event_id": kit.event.id, "session_id": session_id, "starts_at": start + timedelta(minutes=10 * n),
                "ends_at": start + timedelta(minutes=10 * n + 10), "status": status,
                "mentor_id": None if status == "open" else mentors[n % len(mentors)].id,
                "team_id": teams[n % len(teams)].id if status == "booked" else None, "note": "n", "version": 1})
        db.session.execute(insert(MentorSlot), rows)
        db.session.execute(insert(HelpRequest), [{
            "event_id": kit.event.id, "team_id": teams[n].id, "topic": f"Topic {n}", "location": "T",
            "status": "claimed" if n % 2 else "waiting", "mentor_id": mentors[n % len(mentors)].id if n % 2 else None,
            "created_at": utcnow(), "version": 1} for n in range(requests)])



def test_pages_do_not_grow_with_rows(app, make, kit):
    mentors = [kit.mentor() for _ in range(6)]
    with unit_of_work():
        db.session.add_all([MentorProfile(event_id=kit.event.id, user_id=m.id, expertise=["legal"], bio="b")
                            for m in mentors])
    teams = []
    member = None
    for _ in range(30):
        team, users = kit.team(members=1)
        teams.append(team)
        member = member or users[0]
    organiser = make.organiser_of(kit.event)
    slug = kit.event.slug
    views = [
        (member, f"/events/{slug}/mentoring/"),
        (member, f"/events/{slug}/mentoring/?expertise=legal"),
        (mentors[0], f"/events/{slug}/mentoring/mentor"),
        (organiser, f"/events/{slug}/console/mentoring/"),
        (member, f"/api/v1/events/{slug}/mentoring/slots"),
        (mentors[0], f"/api/v1/events/{slug}/mentoring/help"),
        (mentors[0], f"/events/{slug}/mentoring/agenda.ics"),
        (member, f"/events/{slug}/mentoring/team.ics"),
    ]
    bulk(kit, mentors, teams, slots=6, requests=2)

    def measure():
        counts = []
        for user, url in views:
            client = make.login(app.test_client(), user)
            client.get(url)
            counts.append(count_queries(client, url))
        return counts

    few = measure()
    bulk(kit, mentors, teams[2:], slots=600, requests=20)
    assert db.session.scalar(db.select(db.func.count()).select_from(MentorSlot)) == 606
    many = measure()
    assert many == few, list(zip([url for _user, url in views], few, many, strict=True))
