"""The audit log's service: entries commit and roll back with their change; search, filters, pages, CSV."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hackathon.audit import services
from hackathon.audit.models import AuditEntry
from hackathon.errors import Conflict
from hackathon.extensions import db
from hackathon.transactions import unit_of_work


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def test_record_commits_or_rolls_back_with_the_change(make, event):
    organiser = make.organiser_of(event)
    with unit_of_work():
        entry = services.record(event, organiser, "role.granted", "user:7", "Mia is now mentor.", role="mentor",
                                when=event.created_at)
    assert count() == 1
    db.session.refresh(entry)
    assert entry.actor_name == "Olga Organiser" and entry.event_id == event.id and entry.actor_id == organiser.id
    assert entry.details == {"role": "mentor", "when": str(event.created_at)}  # anything becomes JSON
    def refused_change():
        with unit_of_work():
            services.record(event, organiser, "role.revoked", "user:7", "never happened")
            raise Conflict("refused after the entry was added")

    with pytest.raises(Conflict):
        refused_change()
    assert count() == 1
    with unit_of_work():
        services.record(None, None, "privacy.purged", "", "by the platform")
    assert count() == 2


def test_search_filters_and_pages(make, event):
    organiser = make.organiser_of(event)
    helper = make.staff(event, "organiser", name="Henri Helper")
    with unit_of_work():
        for i in range(services.PAGE_SIZE + 5):
            services.record(event, organiser, "registration.cancelled", f"user:{i}", f"Registration of P{i} cancelled.")
        services.record(event, helper, "role.granted", "user:99", "Zora is now juror.", role="jury")
    rows, total = services.search(event, services.AuditFilter())
    assert total == services.PAGE_SIZE + 6 and len(rows) == services.PAGE_SIZE
    assert rows[0].summary == "Zora is now juror."  # newest first
    second, _total = services.search(event, services.AuditFilter(page=2))
    assert len(second) == 6
    assert services.search(event, services.AuditFilter(q="zora"))[1] == 1
    assert services.search(event, services.AuditFilter(q="HENRI"))[1] == 1
    assert services.search(event, services.AuditFilter(action="role.granted"))[1] == 1
    assert services.search(event, services.AuditFilter(actor=organiser.id))[1] == services.PAGE_SIZE + 5
    assert services.actions_present(event) == ["registration.cancelled", "role.granted"]
    assert [name for _id, name in services.actors_present(event)] == ["Henri Helper", "Olga Organiser"]
    other = make.event(slug="other-hack", organiser=False)
    assert services.search(other, services.AuditFilter())[1] == 0


def test_csv_export_escapes_formulas(make, event):
    with unit_of_work():
        services.record(event, make.organiser_of(event), "settings.changed", "event:1", "=cmd()", changes={"a": 1})
    text = "".join(services.export_csv(event, services.AuditFilter()))
    lines = text.strip().splitlines()
    assert lines[0] == ",".join(services.CSV_COLUMNS)
    assert "'=cmd()" in lines[1] and "settings.changed" in lines[1]


def test_erasing_a_person_takes_their_name_out_of_the_log(make, event):
    person = make.user(name="Ronja Räubertochter", email="ronja@example.org")
    organiser = make.organiser_of(event)
    with unit_of_work():
        services.record(event, person, "role.granted", "user:1", "Ronja Räubertochter did something.")
        services.record(event, organiser, "role.granted", f"user:{person.id}", "Ronja Räubertochter is now mentor.")
        services.erase_person(person)
    summaries = sorted(db.session.scalars(select(AuditEntry.summary)))
    assert summaries == [f"Deleted person #{person.id} did something.", f"Deleted person #{person.id} is now mentor."]
    names = set(db.session.scalars(select(AuditEntry.actor_name)))
    assert names == {f"Deleted person #{person.id}", "Olga Organiser"}
