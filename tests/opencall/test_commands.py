"""The open call's commands without any transport: mode, questions, applying, reviewing, deciding."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hackathon.audit.models import AuditEntry
from hackathon.commands import Actor
from hackathon.errors import Closed, Conflict, Forbidden, Invalid
from hackathon.events import registration as reg
from hackathon.extensions import db
from hackathon.opencall import commands
from hackathon.opencall.applications import application_of, quota_report
from hackathon.opencall.models import Application, ApplicationReview
from hackathon.opencall.questions import QuestionFields, questions_of
from hackathon.transactions import unit_of_work


def _open_call(make, event, *kinds: str) -> tuple[Actor, list[int]]:
    organiser = Actor(make.organiser_of(event))
    commands.set_mode(organiser, event=event, mode="open_call")
    ids = []
    for kind in kinds or ("short_text", "country", "organisation_type"):
        fields = QuestionFields(kind=kind, label=f"Your {kind}", options=["A", "B"] if kind == "choice" else [])
        ids.append(commands.add_question(organiser, event=event, fields=fields).value["question_id"])
    return organiser, ids


def _apply(make, event, ids, country="DE", kind="maker", **extra):
    person = make.user()
    answers = {str(ids[0]): "Repair cafés", str(ids[1]): country, str(ids[2]): kind, **extra}
    outcome = commands.apply(Actor(person), event=event, answers=answers, consent_data=True)
    return person, outcome.value["application_id"]


def test_in_an_open_call_people_apply_instead_of_registering(make, event):
    _open_call(make, event)
    person = make.user()
    with pytest.raises(Closed) as refused, unit_of_work():
        reg.register(event, person, reg.Profile(), consent_data=True)
    assert refused.value.code == "open_call"


def test_only_organisers_set_up_the_call(make, event):
    _user, _registration = make.participant(event)
    with pytest.raises(Forbidden):
        commands.set_mode(Actor(_user), event=event, mode="open_call")


def test_an_application_names_its_country_and_type_and_missing_answers_are_refused(make, event):
    _organiser, ids = _open_call(make, event)
    _person, application_id = _apply(make, event, ids, country="at", kind="student")
    found = db.session.get(Application, application_id)
    assert (found.country, found.organisation_type, found.status) == ("AT", "student", "submitted")
    other = make.user()
    with pytest.raises(Invalid) as missing:
        commands.apply(Actor(other), event=event, answers={str(ids[1]): "DE"}, consent_data=True)
    assert missing.value.code == "missing_answer"
    with pytest.raises(Invalid):
        commands.apply(Actor(other), event=event, answers={str(ids[0]): "x", str(ids[1]): "XX",
                                                           str(ids[2]): "maker"}, consent_data=True)
    with pytest.raises(Invalid) as consent:
        commands.apply(Actor(other), event=event, answers={str(ids[0]): "x", str(ids[1]): "DE",
                                                           str(ids[2]): "maker"}, consent_data=False)
    assert consent.value.code == "consent_required"
    assert application_of(event, other.id) is None


def test_an_applicant_edits_until_decided(make, event):
    organiser, ids = _open_call(make, event)
    person, application_id = _apply(make, event, ids)
    commands.apply(Actor(person), event=event, answers={str(ids[0]): "Bikes", str(ids[1]): "FR",
                                                        str(ids[2]): "maker"}, consent_data=False)
    assert db.session.get(Application, application_id).country == "FR"
    commands.decide(organiser, event=event, application_id=application_id, decision="declined")
    with pytest.raises(Closed):
        commands.apply(Actor(person), event=event, answers={str(ids[0]): "x", str(ids[1]): "FR",
                                                            str(ids[2]): "maker"}, consent_data=False)


def test_a_closed_call_takes_no_applications(make, event):
    _organiser, ids = _open_call(make, event)
    event.registration_open = False
    db.session.commit()
    with pytest.raises(Closed):
        _apply(make, event, ids)


def test_accepting_gives_a_confirmed_place_and_a_full_event_refuses(make):
    event = make.event(slug="small", capacity=1)
    organiser, ids = _open_call(make, event)
    first, first_id = _apply(make, event, ids)
    second, second_id = _apply(make, event, ids)
    commands.decide(organiser, event=event, application_id=first_id, decision="accepted")
    assert reg.registration_of(event, first).status == "confirmed"
    with pytest.raises(Conflict) as full:
        commands.decide(organiser, event=event, application_id=second_id, decision="accepted")
    assert full.value.code == "full"
    assert db.session.get(Application, second_id).status == "submitted"  # nothing half-saved
    commands.decide(organiser, event=event, application_id=first_id, decision="waitlisted")
    assert reg.registration_of(event, first).status == "cancelled"
    db.session.refresh(event)
    assert event.confirmed_count == 0
    commands.decide(organiser, event=event, application_id=second_id, decision="accepted")
    assert reg.registration_of(event, second).status == "confirmed"


def test_two_reviewers_deciding_at_once_do_not_overwrite_each_other(make, event):
    organiser, ids = _open_call(make, event)
    other = Actor(make.staff(event, "organiser"))
    _person, application_id = _apply(make, event, ids)
    version = db.session.get(Application, application_id).version
    commands.decide(organiser, event=event, application_id=application_id, decision="accepted",
                    expected_version=version)
    with pytest.raises(Conflict) as stale:
        commands.decide(other, event=event, application_id=application_id, decision="declined",
                        expected_version=version)
    assert stale.value.code == "stale"
    assert db.session.get(Application, application_id).status == "accepted"


def test_bulk_decisions_are_all_or_nothing(make):
    event = make.event(slug="bulk", capacity=2)
    organiser, ids = _open_call(make, event)
    picks = []
    for _ in range(3):
        _person, application_id = _apply(make, event, ids)
        picks.append((application_id, db.session.get(Application, application_id).version))
    with pytest.raises(Conflict):
        commands.decide_many(organiser, event=event, picks=picks, decision="accepted")
    assert db.session.scalar(select(func.count()).select_from(Application)
                             .where(Application.status == "accepted")) == 0
    outcome = commands.decide_many(organiser, event=event, picks=picks, decision="waitlisted")
    assert sorted(outcome.value["decided"]) == sorted(p[0] for p in picks)
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.action == "opencall.waitlisted")).all()
    assert len(actions) == 3


def test_quotas_warn_but_do_not_refuse(make, event):
    organiser, ids = _open_call(make, event)
    commands.set_quota(organiser, event=event, dimension="country", value="de", maximum=1)
    _a, first = _apply(make, event, ids, country="DE")
    _b, second = _apply(make, event, ids, country="DE")
    assert commands.decide(organiser, event=event, application_id=first, decision="accepted").value["warnings"] == []
    warned = commands.decide(organiser, event=event, application_id=second, decision="accepted").value["warnings"]
    assert len(warned) == 1 and "2" in warned[0]
    line = quota_report(event)[0]
    assert (line.value, line.accepted, line.maximum, line.over) == ("DE", 2, 1, True)
    with pytest.raises(Invalid):
        commands.set_quota(organiser, event=event, dimension="country", value="XX", maximum=1)


def test_reviews_are_one_per_reviewer_and_scored_one_to_five(make, event):
    organiser, ids = _open_call(make, event)
    _person, application_id = _apply(make, event, ids)
    commands.save_review(organiser, event=event, application_id=application_id, score=4, notes="Strong")
    commands.save_review(organiser, event=event, application_id=application_id, score=5, notes="Stronger")
    reviews = db.session.scalars(select(ApplicationReview)).all()
    assert [(r.score, r.notes) for r in reviews] == [(5, "Stronger")]
    with pytest.raises(Invalid):
        commands.save_review(organiser, event=event, application_id=application_id, score=6, notes="")


def test_questions_keep_their_meaning_once_people_applied(make, event):
    organiser, ids = _open_call(make, event, "short_text", "country", "organisation_type", "choice")
    choice = ids[3]
    commands.move_question(organiser, event=event, question_id=choice, direction="up")
    assert [q.id for q in questions_of(event)] == [ids[0], ids[1], choice, ids[2]]
    _apply(make, event, ids, **{str(choice): "A"})
    with pytest.raises(Conflict):
        commands.remove_question(organiser, event=event, question_id=ids[0])
    with pytest.raises(Conflict):
        commands.update_question(organiser, event=event, question_id=choice,
                                 fields=QuestionFields(kind="choice", label="Pick", options=["B", "C"]))
    commands.update_question(organiser, event=event, question_id=choice,
                             fields=QuestionFields(kind="choice", label="Pick one", options=["A", "B", "C"]))
    assert questions_of(event)[2].options == ["A", "B", "C"]


def test_erasing_an_account_erases_its_applications(make, event):
    from hackathon.privacy.erasure import erase_account

    organiser, ids = _open_call(make, event)
    person, application_id = _apply(make, event, ids)
    commands.save_review(organiser, event=event, application_id=application_id, score=3, notes="Maybe")
    with unit_of_work():
        erase_account(person)
    assert db.session.get(Application, application_id) is None
    assert db.session.scalar(select(func.count()).select_from(ApplicationReview)) == 0


def test_the_data_export_includes_applications(make, event):
    from hackathon.privacy.export import personal_data

    _organiser, ids = _open_call(make, event)
    person, application_id = _apply(make, event, ids)
    exported = personal_data(person)
    assert [row["id"] for row in exported["tables"]["applications"]] == [application_id]


def test_the_retention_purge_includes_applicants_who_never_got_a_place(make):
    import datetime as dt

    from hackathon.clock import clock
    from hackathon.privacy import retention

    past = make.event(slug="past-call")
    later = make.event(slug="later-call", days=[past.days[0].date + dt.timedelta(days=60)])
    organiser, ids = _open_call(make, past)
    declined, declined_id = _apply(make, past, ids)
    commands.decide(organiser, event=past, application_id=declined_id, decision="declined")
    _later_organiser, later_ids = _open_call(make, later)
    twice, _ = _apply(make, past, ids)
    commands.apply(Actor(twice), event=later, consent_data=True,
                   answers={str(later_ids[0]): "x", str(later_ids[1]): "DE", str(later_ids[2]): "maker"})
    with unit_of_work():
        retention.set_retention(past, 30)
    clock.frozen = clock.now() + dt.timedelta(days=40)
    plan = retention.plan_purge(clock.now().date())
    assert plan.by_event == {"past-call": [declined.id]}
    assert twice.id in plan.kept_elsewhere  # their application to the later event is still kept
