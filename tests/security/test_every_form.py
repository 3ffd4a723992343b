"""Every form on every page, submitted as the page offers it, by everyone who sees it: never a 500.

The password form on /account once killed the server and no test had ever posted it. This test reads each page
every kind of visitor can open (the routes come from app.url_map, the objects from world.py), finds every
`<form method="post">` in it, fills it the way a person would (what the page put in it, plus plausible values
for empty fields: the account's own password for password fields) and sends it. Forms that end the session
(log out, end sessions, delete the account) go last.
"""

from __future__ import annotations

import logging
from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict

from hackathon.extensions import db
from tests.support.factories import PASSWORD
from tests.support.routes import fill, methods, rules

VISITORS = ["anonymous", "outsider", "participant", "mentor", "jury", "challenge_owner", "organiser"]
LAST = ("/logout", "/sessions/end", "/account/delete")
NUMBERS = ("max_size", "max_teams", "weight", "min", "max", "capacity", "minutes", "days", "max_uses", "retention",
           "rating", "position", "team_max_size", "cutoff", "expiry")


class Forms(HTMLParser):
    """The post forms of a page: (action, [(name, value)])."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._fields: list[tuple[str, str]] | None = None
        self._select: str | None = None
        self._select_value: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._fields = []
            self.forms.append((a.get("action") or "", self._fields))
        elif self._fields is None:
            return
        elif tag in ("input", "button") and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a and kind == "radio":
                return
            self._fields.append((a["name"], a.get("value") if a.get("value") is not None else
                                 ("y" if kind == "checkbox" else guess(a["name"], kind))))
        elif tag == "select" and a.get("name"):
            self._select, self._select_value = a["name"], None
        elif tag == "option" and self._select is not None and self._select_value is None:
            self._select_value = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]

    def handle_data(self, data):
        if self._textarea is not None and self._fields is not None:
            self._fields.append((self._textarea, data.strip() or guess(self._textarea, "text")))
            self._textarea = None

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None and self._fields is not None:
            self._fields.append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._fields is not None:
            self._fields.append((self._textarea, guess(self._textarea, "text")))
            self._textarea = None
        elif tag == "form":
            self._fields = None


def guess(name: str, kind: str) -> str:
    """What a person would type into an empty field of this name and type."""
    bare = name.rsplit("-", 1)[-1]
    if kind == "password" or "password" in bare or bare in ("current", "confirm"):
        return PASSWORD
    if kind == "email" or "email" in bare:
        return "someone.new@example.org"
    if kind == "number" or any(word in bare for word in NUMBERS):
        return "3"
    if kind == "date" or bare in ("day", "date", "start_date"):
        return "2030-01-01"
    if kind == "time" or bare in ("start", "end", "starts", "ends"):
        return "10:00"
    if kind in ("url",) or bare in ("logo_path", "video_link", "website"):
        return "https://example.org/x"
    return "Something sensible"


def pages(app, world) -> list[str]:
    """Every GET page (not the API, not downloads) with its arguments filled from the world."""
    found = []
    for rule in rules(app):
        if "GET" not in methods(rule) or rule.rule.startswith("/api/") or rule.rule.endswith((".csv", ".ics", ".png",
                                                                                                 ".json")):
            continue
        values = {"slug": world.slug, **{name: world.ids[name] for name in rule.arguments if name in world.ids}}
        if rule.endpoint == "teams.invite":
            values["code"] = world.ids["invite_code"]
        elif rule.endpoint == "invitations.invitation":
            values["code"] = world.ids["invitation_code"]
        found.append(fill(app, rule, values))
    return found


def test_every_form_on_every_page_can_be_sent(app, make, caplog, capsys):
    caplog.set_level(logging.ERROR)
    failures, sent, names = [], 0, set()
    for who in VISITORS:
        db.session.remove()
        from tests.security.test_authorisation import reset

        world = reset(app, make)
        client = app.test_client()
        person = world.people[who]
        if person is not None:
            make.login(client, person)
        forms: dict[tuple, tuple[str, list]] = {}
        for page in pages(app, world):
            response = client.get(page)
            if response.status_code != 200 or "text/html" not in response.content_type:
                continue
            parser = Forms()
            parser.feed(response.get_data(as_text=True))
            for action, fields in parser.forms:
                target = action or page
                forms.setdefault((target.split("?")[0], tuple(sorted(n for n, _ in fields))), (target, fields))
        for target, fields in sorted(forms.values(), key=lambda f: any(word in f[0] for word in LAST)):
            response = client.post(target, data=MultiDict(fields))
            response.get_data()
            response.close()
            db.session.rollback()
            sent += 1
            names.update(name for name, _value in fields)
            if response.status_code >= 500:
                failures.append(f"{who}: POST {target} {fields} → {response.status_code}")
    with capsys.disabled():
        print(f"\n[forms] {sent} forms sent by {len(VISITORS)} kinds of visitor")
    assert sent > 100 and failures == [], "\n".join(failures)
    assert {"pw-current", "pw-password", "prefs-name", "token-name"} <= names  # the account page's forms too
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
