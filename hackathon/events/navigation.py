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
