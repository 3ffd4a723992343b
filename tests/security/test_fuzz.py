"""Property-based fuzzing of every socket command and every JSON route: never `internal`, never 500, no log errors.

The commands and routes are enumerated from the running app (tests/support/routes.py) and the payloads are built
from every field name any pydantic schema of the platform declares, mixed with the world's real slug and ids (so
that many payloads get past validation into the rules) and with hostile values (huge and negative integers,
floats, deep lists, long and odd strings). `FUZZ_EXAMPLES` sets the examples per command and per route (CI: 100).
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from hackathon.extensions import db, socketio
from tests.support.routes import fill, methods, rules, socket_commands

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
COUNTS: dict[str, int] = {"socket": 0, "http": 0}


def schema_fields() -> list[str]:
    """Every field name of every pydantic model the platform defines (what its commands and routes read)."""
    seen, stack, names = set(), list(BaseModel.__subclasses__()), set()
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        stack.extend(model.__subclasses__())
        if model.__module__.startswith("hackathon"):
            names.update(model.model_fields)
    return sorted(names)


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-3, max_value=40),
    st.sampled_from([2**31, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30]),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(["", " ", "x" * 600, "😀", "\x00", "' OR 1=1 --", "<script>", "2999-99-99", "1e9999",
                     "../../etc/passwd", "%s%n", "true", "null", "[]"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


def payloads(fields: list[str], real: list) -> st.SearchStrategy:
    """Payload objects with the schemas' field names, holding real values or hostile ones; sometimes not objects."""
    value = st.one_of(VALUES, st.sampled_from(real))
    return st.one_of(
        st.dictionaries(st.sampled_from(fields), value, max_size=5),
        st.dictionaries(st.sampled_from(fields), value, min_size=1, max_size=3).map(lambda d: {**d, "zz": 1}),
        VALUES,
    )


class ErrorLog(logging.Handler):
    """Collects every error (and every traceback) logged while the fuzzing runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.exc_info:
            self.records.append(record)


@pytest.fixture
def world(app, make, event):
    """An organiser and a participant with a team, a mentoring slot, a badge: real ids for the payloads."""
    import datetime as dt

    from hackathon.checkin.badges import ensure_badge
    from hackathon.mentoring import grid
    from hackathon.transactions import unit_of_work

    member, registration = make.participant(event)
    team = make.team_of(event, [member])
    with unit_of_work():
        grid.create_session(event, day=event.days[0].date, start=dt.time(10), end=dt.time(11), slot_minutes=30,
                            location="Corner")
        code = ensure_badge(registration).code
    slot_ids = [s.id for s in grid.load_slots(event.id)]
    real = [event.slug, team.id, registration.id, member.id, code, *slot_ids,
            (event.days[0].date).isoformat(), (event.days[0].date - timedelta(days=9)).isoformat()]
    return {"organiser": make.organiser_of(event), "member": member, "real": real}


@pytest.fixture
def error_log():
    handler = ErrorLog()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)


@pytest.mark.parametrize("who", ["organiser", "member"])
def test_no_socket_command_answers_internal(app, make, world, error_log, who, capsys):
    client = make.login(app.test_client(), world[who])
    sock = socketio.test_client(app, flask_test_client=client)
    fields = schema_fields()
    failures: list[str] = []
    commands = socket_commands()
    COUNTS["socket"] = 0

    @settings(max_examples=EXAMPLES * len(commands), deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(name=st.sampled_from(commands), payload=payloads(fields, world["real"]))
    def attack(name, payload):
        COUNTS["socket"] += 1
        ack = sock.emit(name, payload, callback=True)
        db.session.rollback()
        if not isinstance(ack, dict) or (not ack.get("ok") and ack.get("error", {}).get("code") in (None, "internal")):
            failures.append(f"{name} {payload!r:.200} → {ack!r:.200}")

    attack()
    with capsys.disabled():
        print(f"\n[fuzz] {who}: {COUNTS['socket']} socket payloads over {len(commands)} commands")
    assert failures == [], "\n".join(failures[:20])
    assert [r.getMessage() for r in error_log.records] == []


def test_no_json_route_answers_500(app, make, world, error_log, capsys):
    client = make.login(app.test_client(), world["organiser"])
    headers = {"X-CSRFToken": make.csrf(client, f"/events/{world['real'][0]}")}
    targets = [(method, rule) for rule in rules(app) if rule.rule.startswith("/api/") for method in methods(rule)]
    fields = schema_fields()
    failures: list[str] = []
    COUNTS["http"] = 0
    ids = st.one_of(st.sampled_from([v for v in world["real"] if isinstance(v, int)]),
                    st.integers(min_value=0, max_value=2**70))

    @settings(max_examples=EXAMPLES * len(targets), deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(target=st.sampled_from(targets), body=payloads(fields, world["real"]), number=ids,
           word=st.one_of(st.just(world["real"][0]), st.text(min_size=1, max_size=20)))
    def attack(target, body, number, word):
        method, rule = target
        values = {name: number if "Int" in type(rule._converters[name]).__name__ else word
                  for name in rule.arguments}
        try:
            path = fill(app, rule, values)
        except Exception:  # a value no URL can carry is not a request a client can make
            return
        COUNTS["http"] += 1
        response = client.open(path, method=method, json=body if method != "GET" else None, headers=headers)
        response.close()
        db.session.rollback()
        if response.status_code >= 500:
            failures.append(f"{method} {path} {body!r:.200} → {response.status_code}")

    attack()
    with capsys.disabled():
        print(f"\n[fuzz] {COUNTS['http']} JSON requests over {len(targets)} API routes")
    assert failures == [], "\n".join(failures[:20])
    assert [r.getMessage() for r in error_log.records] == []
