"""What organisers change at the door is in the audit log: points added, walk-ins registered, badges reissued.
Refused changes are not; nor is the person's email address."""

from __future__ import annotations

from sqlalchemy import select

from hackathon.checkin.models import Badge, CheckinPoint
from hackathon.clock import local_today
from hackathon.events.models import Registration
from hackathon.extensions import db
from tests.support.audit_log import entries, only


def console(client, make, kit):
    make.login(client, kit.organiser)
    base = f"/events/{kit.event.slug}/console/checkin"
    return base, make.csrf(client, f"{base}/")


def test_points_added_are_logged(client, make, kit):
    base, token = console(client, make, kit)
    today = local_today("Europe/Berlin").isoformat()
    lunch = {"csrf_token": token, "name": "Lunch", "kind": "meal", "day": today}
    client.post(f"{base}/points", data=lunch)
    point = db.session.scalar(select(CheckinPoint))
    added = only("checkin.point_added")
    assert (added.target, added.actor_id) == (f"checkin_point:{point.id}", kit.organiser.id)
    assert added.summary == f"Check-in point Lunch added for {today}."
    assert added.details == {"kind": "meal", "day": today}
    client.post(f"{base}/points", data=lunch)  # the name is taken
    client.post(f"{base}/points", data={**lunch, "name": "Door", "kind": "door"})
    client.post(f"{base}/points", data={**lunch, "name": "Dinner", "day": "2001-01-01"})
    assert len(entries()) == 1


def test_walk_ins_are_logged_without_their_address(client, make, kit):
    base, token = console(client, make, kit)
    walk_in = {"csrf_token": token, "name": "Wally Walker", "email": "wally@example.org"}
    client.post(f"{base}/walk-in", data={**walk_in, "email": "not-an-email"})
    assert entries() == []
    client.post(f"{base}/walk-in", data=walk_in)
    registration = db.session.scalar(select(Registration))
    logged = only("checkin.walkin_registered")
    assert (logged.target, logged.actor_id) == (f"user:{registration.user_id}", kit.organiser.id)
    assert logged.summary == "Wally Walker registered at the door."
    assert logged.details == {"registration_id": registration.id, "new_account": True}
    assert "wally@example.org" not in logged.summary + str(logged.details)
    client.post(f"{base}/walk-in", data=walk_in)  # registered already
    assert len(entries()) == 1


def test_a_walk_in_refused_for_a_full_event_is_not_logged(client, make):
    from datetime import timedelta

    today = local_today("Europe/Berlin")
    event = make.event(slug="full-hack", capacity=1, days=[today, today + timedelta(days=1)])
    make.participant(event)
    make.login(client, make.organiser_of(event))
    base = f"/events/{event.slug}/console/checkin"
    response = client.post(f"{base}/walk-in", data={"csrf_token": make.csrf(client, f"{base}/"), "name": "Late Lu",
                                                    "email": "lu@example.org"}, follow_redirects=True)
    assert "raise the capacity" in response.get_data(as_text=True)
    assert entries() == []


def test_badges_reissued_are_logged(client, make, kit):
    user, registration, code = kit.person("Ana Popescu")
    base, token = console(client, make, kit)
    client.post(f"{base}/badges/{registration.id}/reissue", data={"csrf_token": token})
    old = db.session.scalar(select(Badge).where(Badge.code == code))
    new = db.session.scalar(select(Badge).where(Badge.status == "active"))
    reissued = only("checkin.badge_reissued")
    assert (reissued.target, reissued.actor_id) == (f"user:{user.id}", kit.organiser.id)
    assert reissued.summary == "Badge of Ana Popescu revoked and reissued."
    assert reissued.details == {"registration_id": registration.id, "revoked_badge_id": old.id, "badge_id": new.id}
    assert code not in str(reissued.details)  # badge codes are secrets
    client.post(f"{base}/badges/99999/reissue", data={"csrf_token": token})
    client.post(f"{base}/badges/{registration.id}/reissue", data={})  # no CSRF token
    make.login(client, user)  # not an organiser
    client.post(f"{base}/badges/{registration.id}/reissue", data={"csrf_token": token})
    assert len(entries()) == 1


def test_an_undone_check_in_is_logged_and_a_refused_undo_is_not(app, make, kit):
    from hackathon.extensions import socketio

    _user, registration, code = kit.person("Ursula Undo")
    door = socketio.test_client(app, flask_test_client=make.login(app.test_client(), kit.organiser))
    ack = door.emit("checkin:scan", {"code": code, "door": "North"}, callback=True)
    assert ack["ok"] is True
    refused = door.emit("checkin:undo", {"event": kit.event.slug, "checkin_id": ack["checkin_id"] + 1000},
                        callback=True)
    assert refused["ok"] is False and entries() == []
    assert door.emit("checkin:undo", {"event": kit.event.slug, "checkin_id": ack["checkin_id"]}, callback=True)["ok"]
    undone = only("checkin.checkin_undone")
    assert (undone.target, undone.actor_id) == (f"checkin:{ack['checkin_id']}", kit.organiser.id)
    assert undone.summary == f"Undid the check-in of Ursula Undo at Entrance on {ack['day']}."
    assert undone.details == {"registration_id": registration.id}
    again = door.emit("checkin:undo", {"event": kit.event.slug, "checkin_id": ack["checkin_id"]}, callback=True)
    assert again["ok"] is False and len(entries()) == 1
