"""Registration rules: seats, the waitlist and its order, cancellation, profiles and consent."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hackathon.errors import Closed, Conflict, Invalid
from hackathon.events import registration as reg
from hackathon.events.models import Registration
from hackathon.extensions import db
from hackathon.transactions import unit_of_work
from tests.support.factories import event_today


def register(event, user, **profile):
    with unit_of_work():
        return reg.register(event, user, reg.Profile(country="DE", **profile), consent_data=True)


def test_seats_then_waitlist_in_order(make):
    event = make.event(capacity=2)
    people = [make.user() for _ in range(4)]
    statuses = [register(event, p).status for p in people]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    db.session.refresh(event)
    assert event.confirmed_count == 2
    third = reg.registration_of(event, people[2])
    fourth = reg.registration_of(event, people[3])
    assert reg.waitlist_position(third) == 1
    assert reg.waitlist_position(fourth) == 2


def test_cancelling_a_seat_promotes_the_first_waiting(make):
    event = make.event(capacity=1)
    first, second, third = make.user(), make.user(), make.user()
    register(event, first)
    register(event, second)
    register(event, third)
    with unit_of_work():
        promoted = reg.cancel(reg.registration_of(event, first))
    assert [r.user_id for r in promoted] == [second.id]
    assert reg.registration_of(event, second).status == "confirmed"
    assert reg.registration_of(event, third).status == "waitlisted"
    assert reg.waitlist_position(reg.registration_of(event, third)) == 1
    db.session.refresh(event)
    assert event.confirmed_count == 1


def test_cancelling_from_the_waitlist_promotes_nobody(make):
    event = make.event(capacity=1)
    a, b = make.user(), make.user()
    register(event, a)
    register(event, b)
    with unit_of_work():
        assert reg.cancel(reg.registration_of(event, b)) == []
    db.session.refresh(event)
    assert event.confirmed_count == 1


def test_registering_twice_is_a_conflict_and_changes_nothing(make):
    event = make.event()
    user = make.user()
    register(event, user)
    with pytest.raises(Conflict) as error:
        register(event, user)
    assert error.value.code == "already_registered"
    db.session.rollback()
    assert db.session.query(Registration).count() == 1
    db.session.refresh(event)
    assert event.confirmed_count == 1


def test_register_again_after_cancelling_reuses_the_row(make):
    event = make.event(capacity=5)
    user = make.user()
    first = register(event, user)
    with unit_of_work():
        reg.cancel(first)
    again = register(event, user)
    assert again.id == first.id and again.status == "confirmed"
    assert again.version == 3


def test_newcomers_do_not_jump_the_waitlist(make):
    event = make.event(capacity=1)
    a, b, c = make.user(), make.user(), make.user()
    register(event, a)
    register(event, b)  # waiting
    with unit_of_work():
        reg.set_capacity(event, 1)  # no change
    # a seat frees without promotion only if capacity is raised; promotion happens at once then
    with unit_of_work():
        promoted = reg.set_capacity(event, 2)
    assert [p.user_id for p in promoted] == [b.id]
    assert register(event, c).status == "waitlisted"


def test_capacity_cannot_drop_below_confirmed(make):
    event = make.event(capacity=3)
    for _ in range(2):
        register(event, make.user())
    with pytest.raises(Conflict) as error, unit_of_work():
        reg.set_capacity(event, 1)
    assert error.value.code == "below_confirmed"
    db.session.refresh(event)
    assert event.capacity == 3


def test_consent_is_required(make):
    event = make.event()
    with pytest.raises(Invalid) as error, unit_of_work():
        reg.register(event, make.user(), reg.Profile(country="DE"), consent_data=False)
    assert error.value.code == "consent_required"
    assert db.session.query(Registration).count() == 0


def test_consent_is_recorded_with_time_and_version(make):
    event = make.event()
    registration = register(event, make.user(), consent_photos=True)
    assert registration.consent_data_version == reg.CONSENT_VERSION
    assert registration.consent_data_at is not None
    assert registration.consent_photos is True


def test_closed_registration_refuses_but_organisers_may_add(make):
    event = make.event()
    event.registration_open = False
    db.session.commit()
    with pytest.raises(Closed), unit_of_work():
        reg.register(event, make.user(), reg.Profile(), consent_data=True)
    with unit_of_work():
        walk_in = reg.register(event, make.user(), reg.Profile(), consent_data=True, by_organiser=True)
    assert walk_in.status == "confirmed"


def test_registration_is_over_after_the_last_day(make):
    event = make.event(slug="past", days=[event_today() - timedelta(days=3), event_today() - timedelta(days=2)])
    with pytest.raises(Closed), unit_of_work():
        reg.register(event, make.user(), reg.Profile(), consent_data=True)


@pytest.mark.parametrize(
    ("field", "value"),
    [("organisation", "x" * 161), ("country", "XX"), ("skills", ["s"] * 0 + [f"skill{i}" for i in range(16)]),
     ("skills", ["y" * 41]), ("dietary", "d" * 201), ("bio", "b" * 501)],
)
def test_bad_profiles_are_refused(make, field, value):
    event = make.event()
    with pytest.raises(Invalid), unit_of_work():
        reg.register(event, make.user(), reg.Profile(**{field: value}), consent_data=True)
    assert db.session.query(Registration).count() == 0
    db.session.refresh(event)
    assert event.confirmed_count == 0


def test_tags_are_normalised():
    assert reg.normalise_tags(" Python, UX  Design,python ,, ") == ["python", "ux design"]


def test_stale_profile_edit_is_a_conflict(make):
    event = make.event()
    user = make.user()
    registration = register(event, user)
    with unit_of_work():
        reg.update_profile(registration, reg.Profile(country="IT"), expected_version=registration.version)
    with pytest.raises(Conflict), unit_of_work():
        reg.update_profile(registration, reg.Profile(country="ES"), expected_version=1)
    db.session.refresh(registration)
    assert registration.country == "IT"
