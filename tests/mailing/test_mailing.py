"""Mail to people: audiences, the background sender (batches, rate, resuming, failures), reminders once each."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from hackathon.clock import utcnow
from hackathon.commands import Actor
from hackathon.errors import Forbidden, Invalid
from hackathon.extensions import db
from hackathon.judging import session as judging_session
from hackathon.mailing import commands, reminders, sender
from hackathon.mailing.audiences import recipient_ids
from hackathon.mailing.models import Mailing, MailingRecipient, ReminderSent
from hackathon.mentoring import grid, slots
from hackathon.opencall import commands as opencall
from hackathon.programme import agenda
from hackathon.transactions import unit_of_work
from tests.support.smtp import body


@pytest.fixture
def people(make, event):
    """Two participants in a team, one without a team, a waitlisted person, a mentor and a juror."""
    ann, _ = make.participant(event, name="Ann", email="ann@example.org")
    bo, _ = make.participant(event, name="Bo", email="bo@example.org")
    cy, _ = make.participant(event, name="Cy", email="cy@example.org")
    team = make.team_of(event, [ann, bo], name="Fixers")
    mentor = make.staff(event, "mentor", name="Meg Mentor", email="meg@example.org")
    juror = make.staff(event, "jury", name="Jo Juror", email="jo@example.org")
    return {"ann": ann, "bo": bo, "cy": cy, "team": team, "mentor": mentor, "juror": juror,
            "organiser": make.organiser_of(event)}


def test_each_audience_names_its_people(make, people):
    event = people["team"].event_id
    assert recipient_ids(event, "participants") == {people[n].id for n in ("ann", "bo", "cy")}
    assert recipient_ids(event, "mentors") == {people["mentor"].id}
    assert recipient_ids(event, "jurors") == {people["juror"].id}
    assert recipient_ids(event, "no_mentor_booking") == {people["ann"].id, people["bo"].id}
    assert recipient_ids(event, "everyone") == {p.id for k, p in people.items() if k != "team"}
    with pytest.raises(Invalid):
        recipient_ids(event, "nobody")


def test_the_waitlist_holds_waitlisted_registrations_and_applications(make):
    full = make.event(slug="full", capacity=0)
    waiting, _registration = make.participant(full)
    organiser = Actor(make.organiser_of(full))
    opencall.set_mode(organiser, event=full, mode="open_call")
    applicant = make.user()
    application_id = opencall.apply(Actor(applicant), event=full, answers={}, consent_data=True).value[
        "application_id"]
    opencall.decide(organiser, event=full, application_id=application_id, decision="waitlisted")
    assert recipient_ids(full.id, "waitlist") == {waiting.id, applicant.id}


def test_a_mailing_is_delivered_in_batches_with_progress_and_a_send_log(app, make, event, people, mailbox,
                                                                       monkeypatch):
    app.config.update(MAILING_BATCH=2, MAILING_RATE=0)
    published = []
    monkeypatch.setattr(sender.realtime, "publish", lambda fact, payload, room: published.append((fact, payload,
                                                                                                   room)))
    outcome = commands.send(Actor(people["organiser"]), event=event, audience="participants",
                            subject="Wifi", text="The password is on the wall.")
    mailing_id = outcome.value["mailing_id"]
    assert outcome.value["total"] == 3 and not mailbox
    assert sender.run_once() == 3
    assert sorted(m["To"] for m in mailbox) == ["ann@example.org", "bo@example.org", "cy@example.org"]
    assert "The password is on the wall." in body(mailbox[0]) and mailbox[0]["Subject"] == "Wifi"
    mailing = db.session.get(Mailing, mailing_id)
    assert (mailing.status, mailing.sent_count, mailing.failed_count) == ("done", 3, 0)
    assert [p["sent"] for _f, p, _r in published] == [2, 3]  # one fact per batch, growing
    assert published[-1][1]["status"] == "done" and published[-1][2] == f"event:{event.id}:organiser"
    assert {r.status for r in db.session.scalars(select(MailingRecipient))} == {"sent"}
    assert sender.run_once() == 0  # nothing is sent twice


def test_the_rate_limit_spaces_the_mails(app, make, event, people):
    app.config.update(MAILING_RATE=10, MAILING_BATCH=20)
    commands.send(Actor(people["organiser"]), event=event, audience="participants", subject="Hi", text="Hello")
    started = time.monotonic()
    sender.run_once()
    assert time.monotonic() - started >= 0.25  # three mails at ten a second


def test_a_restarted_worker_resumes_what_a_dead_one_left(app, make, event, people, mailbox):
    app.config.update(MAILING_RATE=0, MAILING_CLAIM_SECONDS=300)
    mailing_id = commands.send(Actor(people["organiser"]), event=event, audience="participants",
                               subject="Hi", text="Hello").value["mailing_id"]
    rows = db.session.scalars(select(MailingRecipient).order_by(MailingRecipient.id)).all()
    with unit_of_work():  # one row claimed by a worker that died ten minutes ago, one by a live worker just now
        db.session.execute(update(MailingRecipient).where(MailingRecipient.id == rows[0].id)
                           .values(claimed_at=utcnow() - dt.timedelta(minutes=10)))
        db.session.execute(update(MailingRecipient).where(MailingRecipient.id == rows[1].id)
                           .values(claimed_at=utcnow()))
    assert sender.run_once() == 2
    assert sorted(m["To"] for m in mailbox) == sorted([rows[0].email, rows[2].email])
    assert db.session.get(Mailing, mailing_id).status == "sending"  # the live worker's row is still its own


def test_a_mail_that_cannot_be_delivered_is_logged_as_failed(app, make, event, people):
    app.config.update(MAILING_RATE=0, MAIL_PORT=1)  # nothing listens there
    mailing_id = commands.send(Actor(people["organiser"]), event=event, audience="mentors",
                               subject="Hi", text="Hello").value["mailing_id"]
    sender.run_once()
    mailing = db.session.get(Mailing, mailing_id)
    assert (mailing.status, mailing.sent_count, mailing.failed_count) == ("done", 0, 1)


def test_only_organisers_send_and_an_empty_audience_sends_nothing(make, event, people):
    with pytest.raises(Forbidden):
        commands.send(Actor(people["ann"]), event=event, audience="participants", subject="Hi", text="Hello")
    with pytest.raises(Invalid) as empty:
        commands.send(Actor(people["organiser"]), event=event, audience="waitlist", subject="Hi", text="Hello")
    assert empty.value.code == "empty_audience"
    with pytest.raises(Invalid):
        commands.send(Actor(people["organiser"]), event=event, audience="participants", subject=" ", text="Hello")
    assert db.session.scalar(select(func.count()).select_from(Mailing)) == 0


def _local(event, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), ZoneInfo(event.timezone)).astimezone(dt.UTC)


def test_a_booked_session_is_reminded_once_to_each_team_member(app, make, event, people, mailbox):
    day = event.days[0].date
    with unit_of_work():
        session = grid.create_session(event, day=day, start=dt.time(10), end=dt.time(11), slot_minutes=30,
                                      location="Corner")
    slot = next(s for s in grid.load_slots(event.id) if s.session_id == session.id)
    with unit_of_work():
        slots.claim(grid.get_slot(slot.id), people["mentor"], {"mentor"})
        slots.book(grid.get_slot(slot.id), people["ann"], "Funding")
    assert reminders.send_due(now=_local(event, day, 9, 0)) == 0  # an hour before: not yet
    assert reminders.send_due(now=_local(event, day, 9, 40)) == 2
    assert reminders.send_due(now=_local(event, day, 9, 45)) == 0  # once
    assert sorted(m["To"] for m in mailbox) == ["ann@example.org", "bo@example.org"]
    assert "Meg Mentor" in body(mailbox[0]) and "Corner" in body(mailbox[0])
    row = db.session.scalars(select(ReminderSent)).first()
    with pytest.raises(IntegrityError), unit_of_work():  # the database, not Python, keeps it to one
        db.session.add(ReminderSent(event_id=event.id, kind=row.kind, subject=row.subject, user_id=row.user_id))


def test_teams_are_reminded_of_the_pitches_with_their_place(app, make, event, people, mailbox):
    day = event.days[-1].date
    with unit_of_work():
        agenda.create_item(event, agenda.ItemFields(title="Pitches", kind="pitch", day=day, start=dt.time(14),
                                                    end=dt.time(16), place="Stage"))
        judging_session.fill_pitch_order(event)
    assert reminders.send_due(now=_local(event, day, 13, 45)) == 2
    assert reminders.send_due(now=_local(event, day, 13, 50)) == 0
    assert "Fixers pitches as number 1" in body(mailbox[0])


def test_an_announcement_can_go_by_email(app, make, event, people, mailbox):
    app.config.update(MAILING_RATE=0)
    client = make.login(app.test_client(), people["organiser"])
    token = make.csrf(client, f"/events/{event.slug}/announcements")
    response = client.post(f"/events/{event.slug}/announcements",
                           data={"csrf_token": token, "text": "Lunch is ready", "audience": "event",
                                 "email_to": "participants"}, follow_redirects=True)
    assert "an email to 3 people is on its way" in response.get_data(as_text=True)
    sender.run_once()
    assert {m["To"] for m in mailbox} == {"ann@example.org", "bo@example.org", "cy@example.org"}
    assert "Lunch is ready" in body(mailbox[0])
    page = client.get(f"/events/{event.slug}/console/mail/").get_data(as_text=True)
    assert "News from Test Hack" in page and 'value="3"' in page
    mailing_id = db.session.scalar(select(Mailing.id))
    log = client.get(f"/events/{event.slug}/console/mail/{mailing_id}").get_data(as_text=True)
    assert log.count("delivered") >= 3


def test_an_announcement_to_an_empty_email_audience_saves_nothing(app, make, event, people):
    from hackathon.programme.models import Announcement

    client = make.login(app.test_client(), people["organiser"])
    token = make.csrf(client, f"/events/{event.slug}/announcements")
    response = client.post(f"/events/{event.slug}/announcements",
                           data={"csrf_token": token, "text": "Hi", "audience": "event", "email_to": "waitlist"})
    assert response.status_code == 422 and "Nobody is in that audience" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Announcement)) == 0


def test_the_mail_console_refuses_bad_input_with_a_message(app, make, event, people):
    client = make.login(app.test_client(), people["organiser"])
    token = make.csrf(client, f"/events/{event.slug}/console/mail/")
    response = client.post(f"/events/{event.slug}/console/mail/",
                           data={"csrf_token": token, "audience": "jurors", "subject": "", "text": "x"})
    assert response.status_code == 422
    response = client.post(f"/events/{event.slug}/console/mail/",
                           data={"csrf_token": token, "audience": "jurors", "subject": "Hi", "text": "Scores"},
                           follow_redirects=True)
    assert "Sending to 1 person" in response.get_data(as_text=True)


def test_erasing_an_account_removes_it_from_the_send_logs(make, event, people):
    from hackathon.privacy.erasure import erase_account

    commands.send(Actor(people["organiser"]), event=event, audience="participants", subject="Hi", text="Hello")
    with unit_of_work():
        erase_account(db.session.merge(people["cy"]))
    emails = set(db.session.scalars(select(MailingRecipient.email)))
    assert "cy@example.org" not in emails and len(emails) == 2


def test_a_mailing_whose_only_recipient_is_erased_is_done(make, event, people):
    from hackathon.privacy.erasure import erase_account

    mailing_id = commands.send(Actor(people["organiser"]), event=event, audience="jurors", subject="Hi",
                               text="Hello").value["mailing_id"]
    with unit_of_work():
        erase_account(db.session.merge(people["juror"]))
    assert db.session.get(Mailing, mailing_id).status == "done"
