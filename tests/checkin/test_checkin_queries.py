"""The attendance page and the badge sheet (each of its pages) run as many SQL statements with 300 people as with
a handful."""

from __future__ import annotations

from sqlalchemy import event as sa_event
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


def scan_statements(door, code: str, nonce: str) -> tuple[dict, list[str]]:
    """Send one checkin:scan as the scanner page does; the ack and the SQL statements it ran."""
    statements: list[str] = []

    def listener(_conn, _cursor, statement, *_args) -> None:
        verb = statement.split()[0].upper()
        if verb != "BEGIN":  # SQLite's own BEGIN (IMMEDIATE); PostgreSQL's driver begins without one
            statements.append(verb)

    db.session.remove()
    sa_event.listen(db.engine, "before_cursor_execute", listener)
    try:
        ack = door.emit("checkin:scan", {"code": code, "nonce": nonce, "event": "door-hack"}, callback=True)
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", listener)
    return ack, statements


def test_a_scan_runs_a_few_statements_with_or_without_a_team(app, make, kit):
    from hackathon.extensions import socketio

    bulk(kit.event, kit.organiser, 6, 0)  # the door exists, people are checked in, a team has a challenge
    loner = kit.person("Lone Wolf")[2]
    player, _registration, member = kit.person("Team Player")
    with unit_of_work():
        team = db.session.scalar(select(Team).where(Team.name == "Team 0"))
        db.session.add(TeamMembership(event_id=kit.event.id, team_id=team.id, user_id=player.id))
    door = socketio.test_client(app, flask_test_client=make.login(app.test_client(), kit.organiser))
    door.emit("session:whoami", {}, callback=True)  # the socket's user is read once, then kept in memory
    first, alone = scan_statements(door, loner, "count-0001")
    second, in_team = scan_statements(door, member, "count-0002")
    assert first["status"] == second["status"] == "checked_in", (first, second)
    assert second["participant"]["team"] == "Team 0" and second["participant"]["challenge"] == "Challenge 0"
    assert alone == in_team
    # The door's read of the code (badge, holder, team, days, door, the scanner's role, an earlier answer to the
    # nonce); the check-in; the answer kept for a retry. Then the organisers' counters (published at once in
    # tests, coalesced in production). The socket's user comes from memory.
    # The changed counters are kept in the outbox in the same commit (so that a worker killed before publishing
    # leaves them to the sweeper); tests delete a published outbox row at once, production in batches.
    assert in_team[:4] == ["SELECT", "INSERT", "INSERT", "INSERT"], in_team
    assert in_team.count("DELETE") == 1 and set(in_team[4:]) == {"SELECT", "DELETE"}, in_team
    amber, again = scan_statements(door, member, "count-0003")
    assert amber["status"] == "already_checked_in" and amber["by"] == kit.organiser.name
    # An amber verdict reads the first check-in (its scanner and point joined) instead of writing; no counters.
    assert again == ["SELECT", "INSERT", "SELECT", "INSERT"], again
    replayed, retry = scan_statements(door, member, "count-0003")
    # A retried request: read, then rebuild the first answer from its check-in (the store keeps no personal data).
    assert replayed == amber and retry == ["SELECT"] * 3, retry
