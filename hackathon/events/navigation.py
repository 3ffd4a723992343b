"""Links each capability adds to an event's menu and to the organiser console (wired by create_app)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import LazyString


@dataclass(frozen=True)
class Link:
    """One entry: shown to holders of any of `roles` (empty: everyone), in `area` "event" or "console"."""

    key: str
    label: LazyString | str
    endpoint: str
    roles: tuple[str, ...] = ()
    area: str = "event"
    order: int = 50


_links: dict[str, Link] = {}


def register_link(link: Link) -> None:
    """Add or replace a link by its key."""
    _links[link.key] = link


def links_for(event, roles: set[str], area: str = "event") -> list[dict]:
    """The links of an area the viewer may follow, in order, with their URLs."""
    visible = [
        link for link in _links.values()
        if link.area == area and (not link.roles or roles.intersection(link.roles))
    ]
    return [
        {"key": link.key, "label": str(link.label), "url": url_for(link.endpoint, slug=event.slug)}
        for link in sorted(visible, key=lambda item: (item.order, item.key))
    ]


# The places each role uses most, first: they stay in the bar at the bottom of a phone; the rest are under "More".
MAIN_PLACES: dict[str, tuple[str, ...]] = {
    "organiser": ("console.overview", "console.registrations", "console.judging"),
    "jury": ("judging.jury", "projects.index", "expo.judge"),
    "mentor": ("mentoring.mentor", "teams.board", "programme.agenda"),
    "door": ("checkin.scan", "checkin.today", "event"),
    "challenge_owner": ("projects.index", "judging.tracks", "teams.board"),
    "participant": ("event", "teams.board", "mentoring.slots"),
}
EVERYONE = ("event", "programme.agenda", "teams.challenges", "projects.gallery")
ROLE_ORDER = ("organiser", "jury", "mentor", "door", "challenge_owner", "participant")
BAR_SIZE = 3  # with "More", four places share a 360 px phone: 90 px each, room for "Registrations"
WIDE_SIZE = 7  # a laptop's strip has room for more: the next places (console first) join the bar there


def _is_within(path: str, url: str) -> bool:
    return path == url or path.startswith(url.rstrip("/") + "/")


def places_for(event, roles: set[str], path: str) -> dict:
    """The navigation of an event page: the bar's places (the current one always among them), and every place.

    `main` holds at most BAR_SIZE links, the role's main places in ROLE_ORDER; when the page being shown is
    not among them, it takes the last seat so that a person always sees where they are. `wide` are the next
    places, shown only on wider screens (up to WIDE_SIZE in all). `groups` lists every
    place the viewer may follow (the event's, then the organiser console's) for the "More" menu.
    """
    event_links = links_for(event, roles)
    console_links = links_for(event, roles, "console")
    every = {link["key"]: link for link in event_links + console_links}
    matches = [link for link in every.values() if _is_within(path, link["url"])]
    current = max(matches, key=lambda link: len(link["url"]), default=None)
    wanted: list[str] = []
    for role in ROLE_ORDER:
        if role in roles:
            wanted.extend(key for key in MAIN_PLACES[role] if key not in wanted)
    mains = [every[key] for key in wanted if key in every]
    wanted.extend(key for key in EVERYONE if key not in wanted)
    main = [every[key] for key in wanted if key in every][:BAR_SIZE]
    if current is not None and current not in main:
        main = [*main[:BAR_SIZE - 1], current]
    following = [link for link in mains + console_links + event_links if link not in main]
    wide = list({link["key"]: link for link in following}.values())[:WIDE_SIZE - len(main)]
    groups = [group for group in (("event", event_links), ("console", console_links)) if group[1]]
    return {"main": main, "wide": wide, "groups": groups, "current": current["key"] if current else None,
            "has_more": len(every) > len(main)}


def event_places(event) -> dict | None:
    """places_for() the current request's viewer and path (a template global: base.html draws it)."""
    from flask import g, request
    from flask_login import current_user

    from .roles import roles_of

    if event is None or not getattr(event, "slug", None):
        return None
    roles = g.get("roles")
    if roles is None:
        roles = roles_of(current_user, event)
    return places_for(event, set(roles), request.path)


def _soonest(event) -> tuple:
    """Sort key: an event running today first, then the next to come, then the one that ended last."""
    from ..clock import local_today

    today = local_today(event.timezone)
    days = [day.date for day in event.days]
    if today in days:
        return (0, 0)
    upcoming = [d for d in days if d > today]
    return (1, (upcoming[0] - today).days) if upcoming else (2, (today - max(days or [today])).days)


def landing_place(user) -> str | None:
    """Where a person lands after logging in: a platform administrator on the platform's events; anyone else on
    the first main place of their foremost role (ROLE_ORDER) at their current event; None when they have none."""
    from ..accounts.admin import is_admin
    from ..extensions import db
    from .models import Event
    from .roles import roles_by_event

    if is_admin(user):
        return url_for("platform.events")
    held = roles_by_event(user)
    events = [event for event in (db.session.get(Event, event_id) for event_id in held) if event is not None]
    if not events:
        return None
    event = min(events, key=_soonest)
    roles = held[event.id]
    places = {link["key"]: link["url"] for link in links_for(event, roles) + links_for(event, roles, "console")}
    for role in ROLE_ORDER:
        if role in roles:
            for key in MAIN_PLACES[role]:
                if key in places:
                    return places[key]
    return places.get("event")
