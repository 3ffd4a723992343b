"""The scanning rules: once per person per day, replayed nonces, clear refusals that write nothing, undo."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hackathon.checkin import attendance, badges, scanning
from hackathon.checkin.models import Badge, Checkin, ScanAnswer
from hackathon.clock import clock, local_today, utcnow
from hackathon.errors import Closed, Conflict, Gone, NotFound
from hackathon.events import registration as reg
from hackathon.extensions import db
from hackathon.transactions import unit_of_work


def scan(kit, code, **kwargs):
    with unit_of_work():
        return scanning.scan(kit.event, code, kit.organiser, **kwargs)


def rows() -> tuple[int, int]:
    return (db.session.scalar(select(func.count()).select_from(Checkin)),
            db.session.scalar(select(func.count()).select_from(ScanAnswer)))


def test_first_scan_checks_in_and_the_second_reads_already(kit):
    _user, _registration, code = kit.person("Ana Popescu", dietary="vegan", accessibility="wheelchair")
    first = scan(kit, code, door="North")
    assert first.status == 201 and first.created
    assert first.body["status"] == "checked_in"
    assert first.body["day"] == local_today("Europe/Berlin").isoformat()
    assert first.body["participant"]["name"] == "Ana Popescu"
    assert first.body["participant"]["dietary"] == "vegan"
    assert first.body["participant"]["accessibility"] == "wheelchair"
    second = scan(kit, code, door="South")
    assert second.status == 200 and not second.created
    assert second.body["status"] == "already_checked_in"
    assert second.body["by"] == "Olga Organiser" and second.body["door"] == "North"
    assert second.body["at"] == first.body["at"]
    assert rows() == (1, 0)


def test_each_day_counts_once(kit):
    _user, _registration, code = kit.person()
    tomorrow = local_today("Europe/Berlin") + timedelta(days=1)
    assert scan(kit, code).status == 201
    assert scan(kit, code, day=tomorrow).status == 201
    assert scan(kit, code, day=tomorrow).status == 200
    stats = attendance.stats(kit.event, tomorrow)
    assert stats["checked_in"] == 1 and stats["expected"] == 1


def test_a_repeated_nonce_returns_the_first_answer_and_changes_nothing(kit):
    _user, _registration, code = kit.person()
    first = scan(kit, code, nonce="nonce-0001")
    again = scan(kit, code, nonce="nonce-0001")
    assert again.status == 201 and again.body == first.body and not again.created
    assert rows() == (1, 1)
    other = scan(kit, code, nonce="nonce-0002")
    assert other.status == 200
    assert scan(kit, code, nonce="nonce-0002").body == other.body
    assert rows() == (1, 2)


@pytest.mark.parametrize("code", ["", "SIH1-forged-code-0000000000", "sih1-", "x" * 300, "SIH1-ÄÖÜ 🙂"])
def test_forged_and_mistyped_codes_are_unknown(kit, code):
    kit.person()
    with pytest.raises(NotFound) as caught:
        scan(kit, code, nonce="nonce-forged")
    assert caught.value.code == "unknown_badge"
    assert rows() == (0, 0)


def test_a_mistyped_real_code_is_unknown(kit):
    _user, _registration, code = kit.person()
    with pytest.raises(NotFound):
        scan(kit, code[:-1] + ("A" if code[-1] != "A" else "B"))
    with pytest.raises(NotFound):
        scan(kit, code.lower() if code.lower() != code else code.upper())
    assert rows() == (0, 0)


def test_a_revoked_badge_reads_revoked_and_the_new_one_works(kit):
    _user, registration, old = kit.person()
    with unit_of_work():
        new = badges.reissue(registration).code
    assert new != old
    with pytest.raises(Gone) as caught:
        scan(kit, old)
    assert caught.value.code == "revoked_badge" and caught.value.status == 410
    assert rows() == (0, 0)
    assert scan(kit, new).status == 201
    assert db.session.scalar(select(func.count()).select_from(Badge).where(Badge.status == "active")) == 1


def test_a_code_of_another_event_is_unknown_here(kit, make):
    other = make.event(slug="other-hack")
    _user, registration = make.participant(other)
    with unit_of_work():
        code = badges.ensure_badge(registration).code
    with pytest.raises(NotFound) as caught:
        scan(kit, code)
    assert caught.value.code == "unknown_badge"
    assert rows() == (0, 0)


def test_a_day_outside_the_event_and_a_cancelled_person_are_not_registered_today(kit):
    _user, registration, code = kit.person()
    with pytest.raises(Conflict) as caught:
        scan(kit, code, day=local_today("Europe/Berlin") + timedelta(days=5))
    assert caught.value.code == "not_registered_today" and caught.value.status == 409
    with unit_of_work():
        reg.cancel(registration)
    with pytest.raises(Conflict) as caught:
        scan(kit, code)
    assert caught.value.code == "not_registered_today"
    assert rows() == (0, 0)


def test_badges_are_issued_once_and_only_to_confirmed_people(kit, make):
    _user, registration, code = kit.person()
    with unit_of_work():
        assert badges.ensure_badge(registration).code == code
        assert badges.ensure_badges(kit.event) == 0
    assert code.startswith(badges.CODE_PREFIX) and len(code) >= len(badges.CODE_PREFIX) + 24
    with unit_of_work():
        make.event  # noqa: B018 - the factory stays usable
        reg.cancel(registration)
    with pytest.raises(Conflict), unit_of_work():
        badges.ensure_badge(registration)


def test_undo_within_a_minute_then_scan_again(kit):
    _user, _registration, code = kit.person()
    first = scan(kit, code)
    with unit_of_work():
        scanning.undo(kit.event, first.body["checkin_id"])
    with pytest.raises(Conflict), unit_of_work():
        scanning.undo(kit.event, first.body["checkin_id"])
    again = scan(kit, code)
    assert again.status == 201
    assert attendance.stats(kit.event, local_today("Europe/Berlin"))["checked_in"] == 1
    clock.frozen = utcnow() + timedelta(seconds=61)
    with pytest.raises(Closed) as caught, unit_of_work():
        scanning.undo(kit.event, again.body["checkin_id"])
    assert caught.value.code == "undo_expired"


def test_a_meal_counts_once_per_person_on_its_day(kit):
    _user, _registration, code = kit.person()
    today = local_today("Europe/Berlin")
    with unit_of_work():
        lunch = scanning.add_point(kit.event, "Lunch", "meal", today)
    assert scan(kit, code, point=lunch).status == 201
    assert scan(kit, code, point=lunch, day=today + timedelta(days=1)).status == 200
    assert scan(kit, code).status == 201  # the door is counted apart
    with pytest.raises(Conflict), unit_of_work():
        scanning.add_point(kit.event, "Lunch", "meal", today)


def test_version_grows_with_checkins_and_undos(kit):
    _user, _registration, code = kit.person()
    start = attendance.version_of(kit.event)
    first = scan(kit, code)
    after_scan = attendance.version_of(kit.event)
    with unit_of_work():
        scanning.undo(kit.event, first.body["checkin_id"])
    assert start < after_scan < attendance.version_of(kit.event)


def test_search_finds_confirmed_people_by_name(kit):
    kit.person("Ana Popescu")
    kit.person("Ben Larsson")
    assert [r.user.name for r in scanning.search(kit.event, "popes")] == ["Ana Popescu"]
    assert scanning.search(kit.event, "a") == []
    assert scanning.search(kit.event, "%_") == []
