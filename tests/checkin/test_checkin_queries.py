"""The attendance page and the badge sheet (each of its pages) run as many SQL statements with 300 people as with
a handful."""

from __future__ import annotations

from sqlalchemy import insert, select

from hackathon.accounts.models import User
from hackathon.checkin import scanning
from hackathon.checkin.badges import new_code
from hackathon.checkin.models import Badge, Checkin
from hackathon.clock import local_today, utcnow
from hackathon.events.models import Registration
from hackathon.extensions import db
from hackathon.teams.models import Challenge, Team, TeamMembership
from hackathon.transactions import unit_of_work
from tests.support.queries import count_queries


def bulk(event, organiser, people: int, start: int) -> None:
    """Confirmed participants with badges, half checked in today, some in teams, by bulk inserts."""
    now = utcnow()
    today = local_today(event.timezone)
    with unit_of_work():
        door = scanning.door_point(event)
        challenge = Challenge(event_id=event.id, slug=f"c{start}", title=f"Challenge {start}")
        db.session.add(challenge)
        db.session.flush()
        db.session.execute(insert(User), [
            {"email": f"bulk{start + i}@example.org", "name": f"Bulk {start + i}", "password_hash": "x"}
            for i in range(people)])
        user_ids = list(db.session.scalars(select(User.id).where(User.email.like("bulk%")).order_by(User.id)))[-people:]
        db.session.execute(insert(Registration), [
            {"event_id": event.id, "user_id": uid, "status": "confirmed", "consent_data_version": "v1",
             "consent_data_at": now, "confirmed_at": now} for uid in user_ids])
        reg_ids = list(db.session.scalars(select(Registration.id).where(Registration.user_id.in_(user_ids))))
        db.session.execute(insert(Badge), [
            {"event_id": event.id, "registration_id": rid, "code": new_code(), "status": "active", "issued_at": now}
            for rid in reg_ids])
        team = Team(event_id=event.id, challenge_id=challenge.id, name=f"Team {start}", invite_code=f"inv{start}",
                    member_count=min(4, people))
        db.session.add(team)
        db.session.flush()
        db.session.execute(insert(TeamMembership), [
            {"event_id": event.id, "team_id": team.id, "user_id": uid} for uid in user_ids[:4]])
        db.session.execute(insert(Checkin), [
            {"event_id": event.id, "registration_id": rid, "point_id": door.id, "day": today, "at": now,
             "by_user_id": organiser.id, "door": f"Door {n % 3}"} for n, rid in enumerate(reg_ids[: people // 2])])



def test_pages_do_not_grow_with_rows(client, make, kit):
    make.login(client, kit.organiser)
    pages = [f"/events/{kit.event.slug}/console/checkin/", f"/events/{kit.event.slug}/console/checkin/badges",
             f"/events/{kit.event.slug}/console/checkin/badges?page=2"]
    bulk(kit.event, kit.organiser, 6, 0)
    few = [count_queries(client, url) for url in pages]
    bulk(kit.event, kit.organiser, 300, 100)
    many = [count_queries(client, url) for url in pages]
    assert many == few, (few, many)
