"""Authorisation as a table: every page, API route and socket command × every kind of visitor.

The rows are generated from the app (`app.url_map`, every rule and method; the Socket.IO command handlers), so a
route or command added without a line in `ACCESS` (tests/security/access.py) fails here until someone states
who may use it. Each cell is one request in a world where the visitor holds exactly one position (world.py):

- `allowed`: the request got past authorisation (any answer but 401/403/404: a form error or `closed` counts);
- `refused`: 401, 403 (not `closed`), a redirect to the login page, a refused socket connection, an ack
  `unauthorized`/`forbidden`, or 404 / `not_found` (the object is hidden from them).

A refused request must also change nothing: the database is compared before and after. Run with
`AUTHZ_SHOW=1` to print the observed table (what to paste into ACCESS after checking it line by line).

Cost: the world is built again only after a request changed it, each visitor logs in once per world, and the
database's fingerprint is taken again only when a request ran a statement that writes (`Writes`); a request
that wrote and rolled back is still compared row by row.
"""

from __future__ import annotations

import hashlib
import os
import re

import pytest
from sqlalchemy import event, select, text

from hackathon.errors import DomainError, Forbidden, NotFound, Unauthorized
from hackathon.extensions import db, socketio
from tests.security.access import ACCESS, ARGS, CROSS_EVENT_BY_DESIGN, FORMS, PAYLOADS, RULE_IGNORED
from tests.security.world import VISITORS, World, build
from tests.support.routes import fill, methods, rules, socket_commands

_CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
CELLS = {"http": 0, "socket": 0}
# Error codes that say "not for you": the role or object check refused (not the rules of the thing itself).
REFUSALS = {"unauthorized", "forbidden", "not_found", "not_in_team", "not_member"}


def fingerprint() -> str:
    """A hash of every row of every table (minus timestamps a read may touch): did a request change anything?"""
    digest = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns if c.name not in ("last_used_at",)]
        for row in db.session.execute(select(*columns).order_by(*table.primary_key.columns)):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def reset(app, make) -> World:
    """Empty every table and build the world again (a request that was allowed may have changed it)."""
    db.session.remove()
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(text(f"DELETE FROM {table.name}"))
    app.extensions.pop("authz_world", None)
    return build(make)


_WRITING = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


class Writes:
    """Whether a statement that writes ran on the app's engine since the last `take()`."""

    def __init__(self, engine) -> None:
        self.seen = False
        event.listen(engine, "before_cursor_execute", self._look)

    def _look(self, _conn, _cursor, statement, *_args) -> None:
        if _WRITING.match(statement):
            self.seen = True

    def take(self) -> bool:
        seen, self.seen = self.seen, False
        return seen


class Logins:
    """The world as it stands, each visitor's login in it (logged in once, then copied into a fresh client for
    every request, so that nothing one request leaves in the cookie reaches the next) and the database's
    fingerprint, valid until a request changes the world."""

    def __init__(self, app, make, world: World) -> None:
        self.app, self.world, self.cookies, self.tokens = app, world, {}, {}
        for who, person in world.people.items():
            client = app.test_client()
            if person is not None:
                make.login(client, person)
            page = client.get("/login" if person is None else "/account").get_data(as_text=True)
            self.tokens[who] = _CSRF.search(page).group(1)
            self.cookies[who] = [(c.key, c.value, c.domain, c.path) for c in client._cookies.values()]
        db.session.rollback()
        self.fingerprint = fingerprint()
        if "authz_writes" not in app.extensions:  # one listener per app's engine
            app.extensions["authz_writes"] = Writes(db.engine)
        self.writes = app.extensions["authz_writes"]

    def client(self, who: str):
        """A fresh client holding the visitor's login cookie, and the CSRF token of that login's session."""
        client = self.app.test_client()
        for key, value, domain, path in self.cookies[who]:
            client.set_cookie(key, value, domain=domain, path=path)
        db.session.rollback()
        self.writes.take()
        return client, self.tokens[who]

    def changed(self) -> bool:
        """Whether the request since `client()` changed the database (row by row, when it wrote anything)."""
        db.session.rollback()
        return self.writes.take() and fingerprint() != self.fingerprint


def logins(app, make, world: World) -> Logins:
    """The logins of this world, made on first use (`reset` forgets them)."""
    found = app.extensions.get("authz_world")
    if found is None or found.world is not world:
        found = app.extensions["authz_world"] = Logins(app, make, world)
    return found


RAISED: list[DomainError] = []  # the refusals raised while a request ran (pages catch some and flash them)


@pytest.fixture(autouse=True)
def _record_domain_errors(monkeypatch):
    original = DomainError.__init__

    def record(self, *args, **kwargs):
        original(self, *args, **kwargs)
        RAISED.append(self)

    monkeypatch.setattr(DomainError, "__init__", record)


def classify(response) -> str:
    """What a request's answer says about authorisation (see the module's docstring)."""
    status = response.status_code
    if status >= 500:
        return f"error {status}"
    if status in (401, 404):
        return "refused"
    if status == 403:
        body = response.get_json(silent=True) or {}
        return "allowed" if body.get("error", {}).get("code") == "closed" else "refused"
    if status in (301, 302, 303) and "/login?next=" in response.headers.get("Location", ""):
        return "refused"
    if any(isinstance(error, (Forbidden, NotFound, Unauthorized)) for error in RAISED):  # a flashed refusal
        return "refused"
    return "allowed"


def http_cell(app, make, world: World, who: str, method: str, rule) -> tuple[str, bool]:
    """(outcome, changed) of one visitor's request to one route."""
    world_logins = logins(app, make, world)
    client, token = world_logins.client(who)
    key = f"{method} {rule.endpoint}"
    values = {"slug": world.slug, **{k: world.ids.get(v, v) for k, v in ARGS.get(rule.endpoint, {}).items()}}
    for name in rule.arguments:
        if name not in values and name in world.ids:
            values[name] = world.ids[name]
    path = fill(app, rule, values)
    headers = {"Accept": "application/json"}
    RAISED.clear()
    if method == "GET":
        response = client.get(path, headers=headers)
    elif rule.rule.startswith("/api/"):
        body = FORMS.get(key, {})
        response = client.open(path, method=method, json=body(world) if callable(body) else body,
                               headers={**headers, "X-CSRFToken": token})
    else:
        form = FORMS.get(key, {})
        data = {"csrf_token": token, **(form(world) if callable(form) else form)}
        for name in list(data):  # forms with a prefix take their token under it too
            if name.endswith("-csrf_token"):
                data[name] = token
        response = client.open(path, method=method, data=data, headers=headers)
    response.get_data()
    response.close()
    return classify(response), world_logins.changed()


def socket_cell(app, make, world: World, who: str, name: str) -> tuple[str, bool]:
    person = world.people[who]
    if person is None:
        sock = socketio.test_client(app, flask_test_client=app.test_client())
        return ("refused" if not sock.is_connected() else "connected anonymously"), False
    world_logins = logins(app, make, world)
    client, _token = world_logins.client(who)
    sock = socketio.test_client(app, flask_test_client=client)
    ack = sock.emit(name, PAYLOADS[name](world), callback=True)
    sock.disconnect()
    changed = world_logins.changed()
    if not isinstance(ack, dict):
        return f"no ack {ack!r}", changed
    code = None if ack.get("ok") else ack["error"]["code"]
    outcome = "refused" if code in REFUSALS else (f"error {code}" if code == "internal" else "allowed")
    if os.environ.get("AUTHZ_SHOW") and code:
        print(f"      {who}: {code}")
    return outcome, changed


def run_row(app, make, cell, allowed: set[str]) -> list[str]:
    """Check one row: the refused visitors first (nothing may change), then the allowed ones, rebuilding the world
    after a request that changed it (the next row starts in the world this one left, unchanged). Returns the
    mismatches."""
    found = app.extensions.get("authz_world")
    world = found.world if found is not None else reset(app, make)
    problems, observed = [], {}
    order = [v for v in VISITORS if v not in allowed] + [v for v in VISITORS if v in allowed]
    for who in order:
        outcome, changed = cell(world, who)
        observed[who] = outcome
        if outcome.startswith(("error", "no ack", "connected")):
            problems.append(f"{who}: {outcome}")
        elif (outcome == "allowed") != (who in allowed):
            problems.append(f"{who}: expected {'allowed' if who in allowed else 'refused'}, got {outcome}")
        if changed and outcome != "allowed":
            problems.append(f"{who}: refused, but the database changed")
        if changed:
            world = reset(app, make)
    if os.environ.get("AUTHZ_SHOW"):
        print("    OBSERVED", sorted(v for v, o in observed.items() if o == "allowed"))
    return problems


def http_rows(app) -> list[tuple[str, object]]:
    return [(f"{method} {rule.endpoint}", (method, rule)) for rule in rules(app) for method in methods(rule)
            if rule.endpoint not in RULE_IGNORED]


def test_every_route_and_command_has_a_line_in_the_table(app):
    keys = {key for key, _ in http_rows(app)} | set(socket_commands())
    missing = sorted(keys - set(ACCESS))
    stale = sorted(set(ACCESS) - keys)
    assert missing == [], "state who may use these (tests/security/access.py ACCESS): " + ", ".join(missing)
    assert stale == [], "these are no longer routes or commands: " + ", ".join(stale)
    assert set(PAYLOADS) >= set(socket_commands())


@pytest.mark.timeout(1200)  # ~2,500 cells, a fresh world after each change: minutes on a busy machine
def test_routes_answer_as_the_table_says(app, make, capsys):
    failures = []
    for key, (method, rule) in http_rows(app):
        allowed = ACCESS[key]
        if os.environ.get("AUTHZ_SHOW"):
            print(key)
        problems = run_row(app, make, lambda world, who, m=method, r=rule: http_cell(app, make, world, who, m, r),
                           allowed)
        CELLS["http"] += len(VISITORS)
        failures += [f"{key} — {p}" for p in problems]
    with capsys.disabled():
        print(f"\n[authorisation] {CELLS['http']} cells: {CELLS['http'] // len(VISITORS)} route methods × "
              f"{len(VISITORS)} visitors ({', '.join(VISITORS)})")
    assert failures == [], "\n".join(failures)


@pytest.mark.timeout(1200)  # ~2,500 cells, a fresh world after each change: minutes on a busy machine
def test_socket_commands_answer_as_the_table_says(app, make, capsys):
    failures = []
    for name in socket_commands():
        if os.environ.get("AUTHZ_SHOW"):
            print(name)
        problems = run_row(app, make, lambda world, who, n=name: socket_cell(app, make, world, who, n),
                           ACCESS[name])
        CELLS["socket"] += len(VISITORS)
        failures += [f"{name} — {p}" for p in problems]
    with capsys.disabled():
        print(f"\n[authorisation] {CELLS['socket']} cells: {CELLS['socket'] // len(VISITORS)} socket commands × "
              f"{len(VISITORS)} visitors")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("key", ["POST teams.edit_team", "POST teams.leave_team", "POST teams.new_code",
                                 "POST mentoring.slot_action", "POST mentoring.help_action"])
def test_another_teams_objects_are_not_yours(app, make, key):
    """A participant of another team acting on this team's objects is refused and changes nothing."""
    world = reset(app, make)
    world.people["participant"] = world.people["rival"]
    method, rule = next(target for k, target in http_rows(app) if k == key)
    outcome, changed = http_cell(app, make, world, "participant", method, rule)
    assert (outcome, changed) == ("refused", False)


def test_another_events_organiser_cannot_reach_this_events_objects_through_their_own_event(app, make, capsys):
    """Cross-event ids: every route with an id, called as the other event's organiser on their own event's slug
    but with this event's object ids, finds nothing (404) or is refused, and changes nothing."""
    world = reset(app, make)
    own = World(slug="other-hack", people=world.people, ids=world.ids)
    failures, checked = [], 0
    for key, (method, rule) in http_rows(app):
        if "slug" not in rule.arguments or not any("Int" in type(rule._converters[a]).__name__
                                                   for a in rule.arguments) or key in CROSS_EVENT_BY_DESIGN:
            continue
        outcome, changed = http_cell(app, make, own, "other_organiser", method, rule)
        checked += 1
        if outcome != "refused" or changed:
            failures.append(f"{key}: {outcome}{', changed the database' if changed else ''}")
    with capsys.disabled():
        print(f"\n[authorisation] {checked} routes with ids tried across events")
    assert checked > 20 and failures == [], "\n".join(failures)
