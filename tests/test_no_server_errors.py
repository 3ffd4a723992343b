"""Walk every route as every kind of visitor with odd input: nothing a client sends may cause a 500."""

from __future__ import annotations

import pytest

from hackathon.extensions import db

ODD_VALUES = ["1", "0", "999999", "-1", "abc", "%00", "x" * 300, "😀", "1.5", "' OR 1=1 --"]


def concrete_paths(app, rule, slug: str) -> list[str]:
    """The rule's URL with its arguments filled: the real event's slug, then odd values."""
    paths = set()
    for value in ODD_VALUES:
        values = {}
        for argument in rule.arguments:
            converter = rule._converters[argument].__class__.__name__
            if argument == "slug":
                values[argument] = slug
            elif converter == "IntegerConverter":
                values[argument] = int(value) if value.lstrip("-").isdigit() and not value.startswith("-") else 1
            else:
                values[argument] = value
        try:
            with app.test_request_context():
                from flask import url_for

                paths.add(url_for(rule.endpoint, **values))
        except Exception:  # noqa: S112 - a value the route cannot even build is not a request a client can make
            continue
    return sorted(paths)


def visitors(make, event):
    participant, _ = make.participant(event)
    return {
        "anonymous": None,
        "participant": participant,
        "mentor": make.staff(event, "mentor"),
        "jury": make.staff(event, "jury"),
        "organiser": make.organiser_of(event),
    }


@pytest.mark.parametrize("who", ["anonymous", "participant", "mentor", "jury", "organiser"])
def test_no_route_answers_500(app, make, event, who):
    person = visitors(make, event)[who]
    client = app.test_client()
    if person is not None:
        make.login(client, person)
    token = make.csrf(client, f"/events/{event.slug}")
    failures = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "accounts.logout", "accounts.end_sessions"):
            continue
        for path in concrete_paths(app, rule, event.slug):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                if method == "GET":
                    attempts = [{"path": path}, {"path": path + "?page=-1&q=%FF&status=x&day=2999-99-99"}]
                else:
                    attempts = [
                        {"path": path, "data": {"csrf_token": token, "name": ["a", "b"], "x": "😀"}},
                        {"path": path, "data": {"anything": "1"}},
                        {"path": path, "json": [1, 2], "headers": {"X-CSRFToken": token}},
                        {"path": path, "data": b"\xff\xfe", "content_type": "application/json",
                         "headers": {"X-CSRFToken": token}},
                    ]
                for attempt in attempts:
                    response = client.open(method=method, **attempt)
                    # Read and close each response before the next request: a streamed one (a CSV) keeps its
                    # request context until then, and two open at once pop each other's.
                    response.get_data()
                    response.close()
                    if response.status_code >= 500:
                        failures.append(f"{method} {attempt['path']} → {response.status_code}")
                db.session.rollback()
    assert failures == [], "\n".join(failures)
