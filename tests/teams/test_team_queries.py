"""With 1,000 participants and 200 teams, every list page runs as many SQL statements as with a handful."""

from __future__ import annotations

from sqlalchemy import insert, select

from hackathon.accounts.models import User
from hackathon.clock import utcnow
from hackathon.events.models import Registration
from hackathon.extensions import db
from hackathon.teams.models import BoardEntry, Challenge, Team, TeamMembership
from hackathon.transactions import unit_of_work
from tests.support.queries import count_queries

SKILLS = ["python", "ux design", "legal", "gis", "marketing", "hardware"]


def bulk(event, challenges, people: int, teams: int, start: int) -> None:
    """Confirmed participants, teams of four and board entries for the rest, by bulk inserts."""
    now = utcnow()
    with unit_of_work():
        db.session.execute(insert(User), [
            {"email": f"bulk{start + i}@example.org", "name": f"Bulk {start + i}", "password_hash": "x"}
            for i in range(people)])
        ids = list(db.session.scalars(select(User.id).where(User.email.like("bulk%")).order_by(User.id)))[-people:]
        db.session.execute(insert(Registration), [
            {"event_id": event.id, "user_id": uid, "status": "confirmed", "consent_data_version": "v1",
             "consent_data_at": now, "confirmed_at": now, "skills": [SKILLS[n % 6], SKILLS[(n + 1) % 6]],
             "interests": ["green"], "languages": ["en", "de"][: 1 + n % 2]} for n, uid in enumerate(ids)])
        db.session.execute(insert(Team), [
            {"event_id": event.id, "challenge_id": challenges[n % len(challenges)].id, "name": f"Team {start + n}",
             "invite_code": f"code-{start + n}", "max_size": 5, "member_count": 4, "join_policy": "open",
             "open_roles": [SKILLS[n % 6]], "pitch": "We build"} for n in range(teams)])
        team_ids = list(db.session.scalars(select(Team.id).where(Team.event_id == event.id)
                                           .order_by(Team.id)))[-teams:]
        db.session.execute(insert(TeamMembership), [
            {"event_id": event.id, "team_id": team_ids[n // 4], "user_id": uid}
            for n, uid in enumerate(ids[: teams * 4])])
        db.session.execute(insert(BoardEntry), [
            {"event_id": event.id, "user_id": uid, "note": "Happy to help", "challenge_ids": [challenges[0].id]}
            for uid in ids[teams * 4:]])



def test_pages_do_not_grow_with_rows(app, make, kit):
    challenges = [kit.challenge(title=f"Challenge {i}", max_teams=100) for i in range(8)]
    organiser = make.organiser_of(kit.event)
    seeker = kit.participant("Seeker", skills=["python"], languages=["de"])
    founder = kit.participant("Founder", languages=["de"])
    team = kit.team(founder, challenges[0], open_roles="python")
    slug = kit.event.slug
    views = [
        (seeker, f"/events/{slug}/teams"),
        (founder, f"/events/{slug}/teams"),
        (founder, f"/events/{slug}/teams/{team.id}"),
        (seeker, f"/events/{slug}/challenges/"),
        (seeker, f"/events/{slug}/challenges/{challenges[0].id}"),
        (organiser, f"/events/{slug}/console/teams/"),
        (organiser, f"/api/v1/events/{slug}/teams"),
        (organiser, f"/events/{slug}/console/teams/teams.csv"),
    ]
    bulk(kit.event, challenges, people=12, teams=2, start=0)

    def measure():
        counts = []
        for user, url in views:
            client = app.test_client()
            make.login(client, user)
            client.get(url)  # warm: the session's first request loads the user
            counts.append(count_queries(client, url))
        return counts

    few = measure()
    bulk(kit.event, challenges, people=1000, teams=200, start=100)
    assert db.session.scalar(select(db.func.count()).select_from(Team)) == 203
    assert db.session.scalar(select(db.func.count()).select_from(Registration)) == 1014
    many = measure()
    assert many == few, list(zip([url for _user, url in views], few, many, strict=True))
    assert db.session.scalar(select(Challenge.id).limit(1)) is not None


def test_the_list_cards_carry_what_the_entities_do(kit):
    """The board, the organisers' view and the API read teams as cards (columns): the same payloads."""
    from hackathon.teams.facts import load_teams, team_payload
    from hackathon.teams.listing import team_cards

    challenge = kit.challenge(title="Solar for co-ops", tags=["green", "energy"])
    ana, ben, cleo = (kit.participant(name) for name in ("Ana", "Ben", "Cleo"))
    team = kit.team(ana, challenge, name="Sunny", open_roles="python, ux design", pitch="Panels for all")
    kit.join(team, ben)
    kit.team(cleo, challenge, name="Alone")
    cards = team_cards(kit.event.id)
    entities = load_teams(kit.event.id)
    assert [team_payload(c, with_email=True) for c in cards] == [team_payload(t, with_email=True) for t in entities]
    sunny = next(c for c in cards if c.name == "Sunny")
    assert [m.user.name for m in sunny.memberships] == ["Ana", "Ben"] and sunny.challenge.tags == ["green", "energy"]
