"""What organisers change in mentoring is in the audit log (the console, and slots and requests they take over
from mentors and teams); what mentors and teams do themselves, and refused changes, are not."""

from __future__ import annotations

from hackathon.extensions import db, socketio
from hackathon.mentoring import grid
from hackathon.mentoring.models import MentoringSession
from tests.support.audit_log import entries, only


def connect(app, make, user):
    return socketio.test_client(app, flask_test_client=make.login(app.test_client(), user))


def test_console_settings_and_sessions_are_logged(app, make, kit):
    organiser = make.organiser_of(kit.event)
    slug = kit.event.slug
    client = make.login(app.test_client(), organiser)
    console = f"/events/{slug}/console/mentoring"
    token = make.csrf(client, f"{console}/")
    settings = {"csrf_token": token, "cancel_cutoff_minutes": "15", "max_upcoming_bookings": "2",
                "help_expiry_minutes": "45"}
    client.post(f"{console}/settings", data=settings)
    changed = only("mentoring.settings_changed")
    assert (changed.target, changed.actor_id) == (f"event:{kit.event.id}", organiser.id)
    assert changed.details == {"changes": {"cancel_cutoff_minutes": [30, 15]}}
    client.post(f"{console}/settings", data=settings)  # the same again: nothing changed
    client.post(f"{console}/settings", data={**settings, "max_upcoming_bookings": "0"})  # refused
    assert len(entries("mentoring.settings_changed")) == 1

    day = kit.event.days[1].date.isoformat()
    session = {"csrf_token": token, "day": day, "start": "09:30", "end": "11:00", "slot_minutes": "30",
               "location": "Mentoring Corner"}
    client.post(f"{console}/sessions", data=session)
    added = only("mentoring.session_added")
    session_id = db.session.scalar(db.select(MentoringSession.id))
    assert added.target == f"mentoring_session:{session_id}" and added.details["slots"] == 3
    assert added.summary == f"Mentoring session {day} 09:30–11:00 added with 3 slots."
    client.post(f"{console}/sessions", data={**session, "end": "09:00"})  # ends before it starts
    client.post(f"{console}/sessions", data={**session, "location": ""})  # nowhere
    assert len(entries("mentoring.session_added")) == 1

    client.post(f"{console}/sessions/{session_id}/delete", data={"csrf_token": token})
    removed = only("mentoring.session_removed")
    assert removed.target == f"mentoring_session:{session_id}" and removed.details == {"slots": 3}
    assert removed.summary == f"Mentoring session {day} 09:30–11:00 removed with its 3 slots."
    client.post(f"{console}/sessions/{session_id}/delete", data={"csrf_token": token})  # gone already
    assert len(entries("mentoring.session_removed")) == 1


def test_a_session_with_bookings_is_not_removed_nor_logged(app, make, kit):
    mentor = kit.mentor()
    _team, (ana,) = kit.team(members=1)
    slot = kit.claimed(mentor, kit.grid()[0])
    kit.booked(ana, slot)
    client = make.login(app.test_client(), make.organiser_of(kit.event))
    console = f"/events/{kit.event.slug}/console/mentoring"
    client.post(f"{console}/sessions/{slot.session_id}/delete", data={"csrf_token": make.csrf(client, f"{console}/")})
    assert entries("mentoring.session_removed") == [] and grid.get_slot(slot.id).status == "booked"


def test_organisers_cancelling_bookings_and_taking_slots_back_are_logged(app, make, kit):
    mentor = kit.mentor("Maria Mentor")
    team, (ana,) = kit.team(members=1, name="Fixers")
    organiser = make.organiser_of(kit.event)
    first, second = kit.grid()[:2]
    kit.booked(ana, kit.claimed(mentor, first))
    kit.booked(ana, kit.claimed(mentor, second))
    m_sock, a_sock, o_sock = (connect(app, make, u) for u in (mentor, ana, organiser))

    # The team and the mentor act on their own booking: not logged.
    assert a_sock.emit("mentoring:cancel", {"slot_id": first.id}, callback=True)["ok"]
    assert m_sock.emit("mentoring:release", {"slot_id": first.id}, callback=True)["ok"]
    assert entries() == []

    # An organiser cancels the team's booking, then takes the slot back from its mentor.
    ack = o_sock.emit("mentoring:cancel", {"slot_id": second.id, "reason": "Room closed"}, callback=True)
    assert ack["ok"]
    day = kit.event.days[0].date.isoformat()
    cancelled = only("mentoring.booking_cancelled")
    assert (cancelled.target, cancelled.actor_id) == (f"slot:{second.id}", organiser.id)
    assert cancelled.summary == f"Cancelled the booking of Fixers for the slot at {day} 10:30."
    assert cancelled.details == {"team_id": team.id, "mentor_id": mentor.id}
    assert o_sock.emit("mentoring:release", {"slot_id": second.id}, callback=True)["ok"]
    removed = only("mentoring.claim_removed")
    assert (removed.target, removed.actor_id) == (f"slot:{second.id}", organiser.id)
    assert removed.summary == f"Took the slot at {day} 10:30 back from Maria Mentor."

    # Refused: the booking is gone, the slot has no mentor any more.
    assert o_sock.emit("mentoring:cancel", {"slot_id": second.id}, callback=True)["error"]["code"] == "not_booked"
    assert o_sock.emit("mentoring:release", {"slot_id": second.id}, callback=True)["error"]["code"] == "not_claimed"
    assert len(entries()) == 2


def test_an_organiser_withdrawing_a_help_request_is_logged(app, make, kit):
    team, (ana, _ben) = kit.team(name="Fixers")
    organiser = make.organiser_of(kit.event)
    a_sock, o_sock = connect(app, make, ana), connect(app, make, organiser)
    ask = {"event": kit.event.slug, "topic": "Our demo won't run", "location": "Table 7"}
    first = a_sock.emit("mentoring:help_request", ask, callback=True)["request"]["id"]
    assert a_sock.emit("mentoring:help_cancel", {"request_id": first}, callback=True)["ok"]
    assert entries() == []  # the team withdrew its own request
    second = a_sock.emit("mentoring:help_request", ask, callback=True)["request"]["id"]
    assert o_sock.emit("mentoring:help_cancel", {"request_id": second}, callback=True)["ok"]
    withdrawn = only("mentoring.help_request_cancelled")
    assert (withdrawn.target, withdrawn.actor_id) == (f"help_request:{second}", organiser.id)
    assert withdrawn.summary == "Withdrew the help request of Fixers." and withdrawn.details == {"team_id": team.id}
    ack = o_sock.emit("mentoring:help_cancel", {"request_id": second}, callback=True)
    assert ack["error"]["code"] == "not_active" and len(entries()) == 1
