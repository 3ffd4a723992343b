"""Deleting an account takes the door's stored answers about the person with it (check-in's erase_person hook)."""

from __future__ import annotations

from sqlalchemy import select

from hackathon.checkin import commands as checkin
from hackathon.checkin.models import Checkin, ScanAnswer
from hackathon.commands import Actor
from hackathon.extensions import db
from hackathon.privacy import erasure
from hackathon.transactions import unit_of_work


def test_erasure_deletes_the_persons_scan_answers_and_keeps_the_attendance(kit):
    user, _registration, code = kit.person("Fay Door")
    _other, _other_registration, other_code = kit.person("Gus Door")
    checkin.scan_badge(Actor(kit.organiser), code=code, nonce="erase-0001")
    checkin.scan_badge(Actor(kit.organiser), code=other_code, nonce="erase-0002")
    with unit_of_work():
        erasure.erase_account(user)
    assert list(db.session.scalars(select(ScanAnswer.nonce))) == ["erase-0002"]
    assert len(db.session.scalars(select(Checkin)).all()) == 2
