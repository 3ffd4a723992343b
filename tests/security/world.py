"""The world the authorisation table is checked in: one event with someone in every position, and objects.

Built through the services (as the factories do), so that every object is one the platform can reach. `ids`
names the object each route argument points at; `visitors` the person each column of the table is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import timedelta

from hackathon.accounts import tokens
from hackathon.checkin import scanning
from hackathon.checkin.badges import ensure_badge
from hackathon.events import registration as reg
from hackathon.events import venue_rooms
from hackathon.events.invitations import create_invitation
from hackathon.events.models import STAFF_ROLES
from hackathon.events.roles import grant_role
from hackathon.extensions import db
from hackathon.judging import conflicts, criteria
from hackathon.judging import session as session_module
from hackathon.mentoring import grid, helpqueue, slots
from hackathon.mentoring import hours as mentor_hours
from hackathon.programme import agenda, announcements
from hackathon.teams import challenges
from hackathon.teams import services as teams
from hackathon.transactions import unit_of_work
from tests.support.factories import Factory, event_today

# The columns of the table: who visits. A role added to the platform (STAFF_ROLES) is one more column here.
VISITORS = ["anonymous", "outsider", "waitlisted", "cancelled", "participant", "mentor", "jury", "challenge_owner",
            *(["door"] if "door" in STAFF_ROLES else []), "organiser", "other_organiser", "admin"]


@dataclass
class World:
    """The event, the people (by column) and the objects routes and commands point at."""

    slug: str
    people: dict[str, object] = field(default_factory=dict)
    ids: dict[str, object] = field(default_factory=dict)


def build(make: Factory) -> World:
    """One event starting today (so check-in and scoring work), another event with its own organiser."""
    today = event_today()
    event = make.event(slug="test-hack", capacity=4, days=[today, today + timedelta(days=1)])
    other_event = make.event(slug="other-hack", days=[today, today + timedelta(days=1)])
    world = World(slug=event.slug)
    people = world.people
    people["anonymous"] = None
    people["outsider"] = make.user(name="Otto Outsider")
    people["cancelled"] = make.user(name="Kai Cancelled")
    with unit_of_work():  # first, so that the seat it frees goes to the next, not to the waitlist
        reg.cancel(reg.register(event, people["cancelled"], reg.Profile(country="DE"), consent_data=True))
    people["participant"], registration = make.participant(event, name="Pia Participant")
    mate, mate_registration = make.participant(event, name="Mia Mate")
    rival, _ = make.participant(event, name="Rolf Rival")
    people["rival"] = rival  # not a column: a participant of another team, for "not yours"
    loner, _ = make.participant(event, name="Lou Loner")
    people["waitlisted"] = make.user(name="Wanda Waitlisted")
    with unit_of_work():  # the four seats are taken
        reg.register(event, people["waitlisted"], reg.Profile(country="DE"), consent_data=True)
    for role in ("mentor", "jury", "challenge_owner", *(["door"] if "door" in STAFF_ROLES else [])):
        people[role] = make.staff(event, role, name=f"{role.title()} Person")
    people["organiser"] = make.organiser_of(event)
    people["other_organiser"] = make.organiser_of(other_event)
    people["admin"] = make.user(name="Ada Admin")  # a platform administrator, with no role at either event
    with unit_of_work():
        db.session.merge(people["admin"]).is_admin = True
    with unit_of_work():
        challenge = challenges.create_challenge(event, challenges.ChallengeFields(
            title="Repair cafés", organisation="Repair Together"), owner=people["challenge_owner"], manager=False)
    team = make.team_of(event, [people["participant"], mate], name="Fixers")
    rival_team = make.team_of(event, [rival], name="Rivals")
    with unit_of_work():
        team.challenge_id = challenge.id
        db.session.get(type(team), team.id).join_policy = "request"
    with unit_of_work():
        request = teams.join(team, loner, message="Can I join?")  # a request to the participant's team, pending
        session_module.fill_pitch_order(event)
        session = grid.create_session(event, day=today + timedelta(days=1), start=dt.time(10), end=dt.time(11, 30),
                                      slot_minutes=30, location="Corner")
        session_id = session.id
    slot_ids = [s.id for s in grid.load_slots(event.id) if s.session_id == session_id]
    with unit_of_work():  # the first slot booked by the participant's team, the second available, the third open
        slots.claim(grid.get_slot(slot_ids[0]), people["mentor"], {"mentor"})
        slots.book(grid.get_slot(slot_ids[0]), people["participant"], "Funding")
        slots.claim(grid.get_slot(slot_ids[1]), people["mentor"], {"mentor"})
    mentor_roles = {"mentor"}
    with unit_of_work():  # the team's earlier request, resolved (to rate); its current one, claimed; the rivals' waits
        done = helpqueue.post_request(event.id, people["participant"], topic="Databases", location="Table 4")
        helpqueue.claim(done, people["mentor"], mentor_roles)
    with unit_of_work():
        done = helpqueue.get_request(done.id)
        helpqueue.resolve(done, people["mentor"], mentor_roles)
    with unit_of_work():
        help_request = helpqueue.post_request(event.id, people["participant"], topic="Deploying", location="Table 4")
        helpqueue.claim(help_request, people["mentor"], mentor_roles)
        waiting = helpqueue.post_request(event.id, rival, topic="Pitching", location="Table 9")
    with unit_of_work():
        checkin = scanning.scan(event, ensure_badge(mate_registration).code, people["organiser"])
        criterion = criteria.save_criterion(event, criteria.CriterionFields(key="impact", name="Impact", weight=1,
                                                                            min=1, max=10))
        conflict = conflicts.declare(event, people["jury"], team_id=rival_team.id, declared_by="organiser")
        item = agenda.create_item(event, agenda.ItemFields(title="Opening", kind="plenary", day=today,
                                                           start=dt.time(9), end=dt.time(10)))
        announcement = announcements.announce(event, people["organiser"], "Welcome!", "event")
        invitation, invitation_code = create_invitation(event, "mentor", people["organiser"], days=7)
        token, _raw = tokens.issue_token(people["participant"], "phone", 30)
        badge = ensure_badge(registration)
        grant_role(other_event, people["other_organiser"], "organiser")
        room = venue_rooms.add_room(event, "Main hall", capacity=120)
        hours = mentor_hours.add_hours(event, people["mentor"], today, dt.time(9), dt.time(12))
        past = challenges.create_challenge(other_event, challenges.ChallengeFields(
            title="Community energy", organisation="Repair Together"), owner=None, manager=False)
    projects_ids = _projects_and_expo(make, event, world.slug, people, team, challenge)
    projects_ids.update(_open_call(event, people))
    world.ids = {
        "team_id": team.id, "challenge_id": challenge.id, "registration_id": registration.id,
        "slot_id": slot_ids[0], "available_slot_id": slot_ids[1], "open_slot_id": slot_ids[2],
        "session_id": session_id, "help_request_id": help_request.id, "waiting_help_id": waiting.id,
        "resolved_help_id": done.id, "checkin_id": checkin.body["checkin_id"],
        "join_request_id": request.request.id if request.request else None, "criterion_id": criterion.id,
        "conflict_id": conflict.id, "item_id": item.id, "announcement_id": announcement.id,
        "invitation_id": invitation.id, "invitation_code": invitation_code, "token_id": token.id,
        "user_id": people["mentor"].id, "badge_code": badge.code, "invite_code": team.invite_code,
        "day": today.isoformat(), "rival_team_id": rival_team.id,
        "room_id": room.id, "hours_id": hours.id, "past_challenge_id": past.id, **projects_ids,
    }
    return world


def _open_call(event, people: dict) -> dict:
    """A question of an application form and the outsider's application (the event stays first come, first
    served, so that the other lines keep their meaning)."""
    from hackathon.clock import utcnow
    from hackathon.opencall.models import Application, ApplicationQuestion

    with unit_of_work():
        question = ApplicationQuestion(event_id=event.id, kind="short_text", label="Why?", position=1)
        application = Application(event_id=event.id, user_id=people["outsider"].id, answers={},
                                  consent_data_version="test", consent_data_at=utcnow())
        db.session.add_all([question, application])
    from hackathon.mailing.models import Mailing

    with unit_of_work():
        mailing = Mailing(event_id=event.id, audience="participants", subject="Hello", text="Welcome", total=0,
                          status="done")
        db.session.add(mailing)
    return {"question_id": question.id, "application_id": application.id, "mailing_id": mailing.id}


def _projects_and_expo(make: Factory, event, slug: str, people: dict, team, challenge) -> dict:
    """The team's project with an uploaded image (to be shown in the gallery, which is not public: the private
    state is the one to guard), a follow-up offered to it, a track on its challenge, an open expo round judged by
    the juror."""
    import io
    import re

    from PIL import Image

    from hackathon.commands import Actor
    from hackathon.expo import commands as expo
    from hackathon.judging import track_commands
    from hackathon.projects import commands as projects
    from hackathon.projects.models import FollowUp

    organiser = Actor(people["organiser"])
    projects.save_project(Actor(people["participant"]), team_id=team.id,
                          values={"title": "FixCount", "summary": "A repair log for volunteers."})
    projects.set_consent(Actor(people["participant"]), team_id=team.id, show=True)
    client = make.login(make.app.test_client(), people["participant"])
    page = client.get(f"/events/{slug}/project").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    image = io.BytesIO()
    Image.new("RGB", (8, 8), (15, 92, 77)).save(image, "PNG")
    client.post(f"/events/{slug}/project/files", data={"csrf_token": token, "file": (io.BytesIO(image.getvalue()),
                                                                                     "team.png")})
    from hackathon.projects.models import ProjectFile

    file_id = db.session.scalar(db.select(ProjectFile.id).where(ProjectFile.event_id == event.id))
    with unit_of_work():
        follow_up = FollowUp(event_id=event.id, team_id=team.id, challenge_id=challenge.id, kind="pilot",
                             offer="A three-month pilot", status="offered")
        db.session.add(follow_up)
    track = track_commands.save_track(organiser, event=event, challenge_id=challenge.id, prize="A pilot")
    round_id = expo.add_round(organiser, event=event, name="Expo", track_id=None, finalists=1, min_comparisons=1,
                              judge_ids=[people["jury"].id]).value["round_id"]
    expo.open_round(organiser, round_id=round_id)
    return {"file_id": file_id, "name": "team.png", "follow_up_id": follow_up.id, "round_id": round_id,
            "track_id": track.value["track_id"]}
