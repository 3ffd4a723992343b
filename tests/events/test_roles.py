"""Roles at an event: who is what, granting and revoking, the last organiser."""

from __future__ import annotations

import pytest

from hackathon.errors import Conflict, Forbidden, NotFound
from hackathon.events import roles
from hackathon.transactions import unit_of_work


def test_participant_role_comes_from_a_confirmed_registration(make):
    event = make.event(capacity=1)
    first, _ = make.participant(event)
    second, _ = make.participant(event)
    assert roles.roles_of(first, event) == {"participant"}
    assert roles.roles_of(second, event) == set()  # waitlisted


def test_require_role(make, event):
    mentor = make.staff(event, "mentor")
    assert roles.require_role(mentor, event, "mentor", "organiser") == {"mentor"}
    with pytest.raises(Forbidden):
        roles.require_role(mentor, event, "organiser")
    with pytest.raises(Forbidden):
        roles.require_role(None, event, "organiser")


def test_granting_twice_is_a_no_op_and_revoking_works(make, event):
    user = make.user()
    with unit_of_work():
        a = roles.grant_role(event, user, "jury")
        b = roles.grant_role(event, user, "jury")
    assert a.id == b.id
    with unit_of_work():
        roles.revoke_role(event, user, "jury")
    assert roles.roles_of(user, event) == set()
    with pytest.raises(NotFound), unit_of_work():  # a role the person does not hold (here) is not found
        roles.revoke_role(event, user, "jury")


def test_the_last_organiser_stays(make, event):
    organiser = make.organiser_of(event)
    with pytest.raises(Conflict), unit_of_work():
        roles.revoke_role(event, organiser, "organiser")
    second = make.staff(event, "organiser")
    with unit_of_work():
        roles.revoke_role(event, organiser, "organiser")
    assert roles.roles_of(second, event) == {"organiser"}
