"""The command pipeline: one unit of work, the outbox, idempotency receipts, faults as `unavailable`."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from hackathon import outbox
from hackathon.clock import clock, utcnow
from hackathon.commands import Actor, changed, command, notify, publish_changes, register_commands, register_fact, run
from hackathon.errors import Conflict, Unavailable
from hackathon.extensions import db
from hackathon.outbox import OutboxEntry
from hackathon.receipts import CommandReceipt


@pytest.fixture
def probe(app):
    """A fact kind 'test:thing' whose publisher records what it was asked to publish."""
    calls: list[tuple[int, list[int]]] = []

    def publisher(event_id: int, ids: list[int]) -> dict[int, dict]:
        calls.append((event_id, list(ids)))
        return {i: {"id": i, "version": 1} for i in ids}

    register_fact(app, "test:thing", publisher)
    return calls


@command("test.touch")
def touch(actor: Actor, *, ids: list[int], fail: bool = False) -> dict:
    for i in ids:
        changed("test:thing", 1, i)
    if fail:
        raise Conflict("refused")
    return {"touched": ids}


@command("test.outer")
def outer(actor: Actor) -> dict:
    touch.fn(actor, ids=[7])
    touch(actor, ids=[8])  # a command inside a command joins the outer unit of work
    return {"done": True}


def test_a_command_commits_then_publishes_and_clears_its_outbox_rows(app, make, probe):
    outcome = touch(Actor(make.user()), ids=[1, 2])
    assert outcome.value == {"touched": [1, 2]}
    assert probe == [(1, [1, 2])]
    assert outcome.payload("test:thing", 2) == {"id": 2, "version": 1}
    assert db.session.scalar(select(func.count()).select_from(OutboxEntry)) == 0


def test_a_refused_command_changes_nothing_and_publishes_nothing(app, make, probe):
    with pytest.raises(Conflict):
        touch(Actor(make.user()), ids=[1], fail=True)
    assert probe == []
    assert db.session.scalar(select(func.count()).select_from(OutboxEntry)) == 0


def test_nested_commands_are_one_unit_published_once(app, make, probe):
    outer(Actor(make.user()))
    assert probe == [(1, [7, 8])]


def test_changed_outside_a_command_is_a_programming_error(app):
    with pytest.raises(RuntimeError):
        changed("test:thing", 1, 1)
    with pytest.raises(RuntimeError):
        notify("x", {}, "room")


def test_a_failing_publisher_leaves_the_row_for_the_sweeper(app, make):
    attempts = []

    def flaky(event_id: int, ids: list[int]) -> dict[int, dict]:
        attempts.append(list(ids))
        if len(attempts) == 1:
            raise RuntimeError("the queue is away")
        return {i: {"id": i} for i in ids}

    register_fact(app, "test:thing", flaky)
    outcome = touch(Actor(make.user()), ids=[5])
    assert outcome.value == {"touched": [5]}  # committed: the answer is ok even though publishing failed
    assert outcome.payload("test:thing", 5) is None
    assert db.session.scalar(select(func.count()).select_from(OutboxEntry)) == 1
    # Within the grace period the sweeper leaves it alone (its worker may still be publishing) …
    assert outbox.sweep(publish_changes, timedelta(seconds=10)) == 0
    # … after it, the row is published again from the database and deleted.
    clock.frozen = utcnow() + timedelta(seconds=11)
    assert outbox.sweep(publish_changes, timedelta(seconds=10)) == 1
    assert attempts == [[5], [5]]
    assert db.session.scalar(select(func.count()).select_from(OutboxEntry)) == 0


def test_the_same_idempotency_key_is_answered_once(app, make, probe):
    user = make.user()
    first = touch(Actor(user, idempotency_key="key-00000001"), ids=[3])
    again = touch(Actor(user, idempotency_key="key-00000001"), ids=[99])
    assert again.replayed and again.value == first.value == {"touched": [3]}
    assert probe == [(1, [3]), (1, [3])]  # the retry republishes the state of what the first run changed
    assert db.session.scalar(select(func.count()).select_from(CommandReceipt)) == 1
    other = touch(Actor(make.user(), idempotency_key="key-00000001"), ids=[4])  # keys are per person
    assert not other.replayed


def test_a_key_used_for_another_command_is_refused(app, make, probe):
    register_commands(app, SimpleNamespace(touch=touch, outer=outer))
    user = make.user()
    touch(Actor(user, idempotency_key="key-00000002"), ids=[1])
    with pytest.raises(Exception, match="idempotency key"):
        outer(Actor(user, idempotency_key="key-00000002"))


def test_database_faults_become_unavailable(app, make, monkeypatch):
    def down(*_args, **_kwargs):
        raise OperationalError("INSERT …", {}, Exception("could not connect to server: Connection refused"))

    user = make.user()
    monkeypatch.setattr(outbox, "record_changes", down)
    with pytest.raises(Unavailable) as caught:
        touch(Actor(user), ids=[1])
    assert caught.value.to_dict()["code"] == "unavailable" and caught.value.to_dict()["retry_after"] >= 1


def test_a_programming_error_in_sqlite_is_not_called_unavailable(app):
    from hackathon.faults import is_infrastructure_fault

    missing = OperationalError("SELECT", {}, _sqlite_error("no such table: nope"))
    locked = OperationalError("INSERT", {}, _sqlite_error("database is locked"))
    assert not is_infrastructure_fault(missing)
    assert is_infrastructure_fault(locked)


def _sqlite_error(text: str) -> Exception:
    import sqlite3

    return sqlite3.OperationalError(text)


def test_run_needs_no_transport(app, make):
    """A command runs without any request, socket or session: what the transports call is the same function."""
    user = make.user()
    assert run(touch, Actor(user), ids=[]).value == {"touched": []}


def test_every_command_is_run_by_a_test_without_a_transport(app):
    """Each registered command is called by name from some test (with an `Actor`, not through a page or a socket):
    a new command comes with its test. A test that calls it is a call `<module>.<function>(` or `<function>(`."""
    import re
    from pathlib import Path

    from hackathon.registry import registry

    here = Path(__file__)
    source = "\n".join(path.read_text() for path in here.parent.rglob("*.py") if path != here)
    untested = sorted(f"{c.__module__}.{c.__name__} ({name})" for name, c in registry(app).commands.items()
                      if not re.search(rf"\b{c.__name__}\(", source))
    assert len(registry(app).commands) > 100 and untested == [], untested


def test_prepare_runs_outside_the_write_transaction_and_its_answer_is_what_the_function_gets(app, make, probe):
    from hackathon import transactions

    seen = {}

    def prepare(_actor, *, word: str) -> dict:
        seen["prepared inside a write"] = getattr(transactions._state, "depth", 0) > 0
        if word == "no":
            raise Conflict("refused before any write")
        return {"ids": [len(word)]}

    prepared = command("test.prepared", prepare=prepare)(touch.fn)
    assert prepared(Actor(make.user()), word="four").value == {"touched": [4]}
    assert seen == {"prepared inside a write": False} and probe == [(1, [4])]
    with pytest.raises(Conflict):
        prepared(Actor(make.user()), word="no")
    assert probe == [(1, [4])]  # refused in prepare: nothing written, nothing published
