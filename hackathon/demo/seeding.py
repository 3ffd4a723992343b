"""The demo event: `flask demo seed` builds the Social Impact Hackathon with its people.

Deterministic: the same arguments give the same data. Capabilities add their part
(challenges and teams, the mentoring grid, criteria and the pitch order, badges) through the
seeders they register on the app (`register_seeder(app, name, fn)` in their wiring), each given the event, the
people made here, and the shared random source.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import delete, func, select
from werkzeug.security import generate_password_hash

from ..accounts.models import User
from ..clock import local_today
from ..events import registration as reg
from ..events.models import Event
from ..events.people import registered_ids
from ..events.roles import grant_role
from ..events.services import create_event
from ..extensions import db
from ..registry import registry
from ..transactions import unit_of_work

DOMAIN = "demo.example"
DAYS = 3


def free_places(participants: int) -> int:
    """Places left free after the demo's people registered, so that newcomers who sign up are confirmed."""
    return max(20, participants // 5)


def first_day(today: date) -> date:
    """The demo's first day: yesterday, so that today is its middle day and every phase is open at any hour."""
    return today - timedelta(days=1)


def is_current(days: list[date], today: date) -> bool:
    """Whether a demo on these days still has every path open today (today is one of its days but the last)."""
    return today in days[:-1]
SLUG = "social-impact-hackathon"  # fixed by the contract


@dataclass
class DemoPeople:
    """Everyone the seed made, by role, for the capabilities' seeders."""

    organiser: User
    door: list[User] = field(default_factory=list)
    mentors: list[User] = field(default_factory=list)
    jurors: list[User] = field(default_factory=list)
    participants: list[User] = field(default_factory=list)  # confirmed ones first, then waitlisted


Seeder = Callable[[Event, DemoPeople, random.Random], str]
# Each returns a line for the summary; they run in the order capabilities registered them.
SEEDER_HOOK = "demo_seeder"


def register_seeder(app: Flask, name: str, seeder: Seeder) -> None:
    """Let a capability add its part of the demo (called from its wiring)."""
    registry(app).add_keyed_hook(SEEDER_HOOK, name, seeder)


def seeders(app: Flask | None = None) -> dict[str, Seeder]:
    """The app's seeders by name, in registration order."""
    return registry(app).keyed_hooks(SEEDER_HOOK)


def _user(email: str, name: str, password_hash: str, locale: str | None = None) -> User:
    return User(email=email, name=name, password_hash=password_hash, locale=locale)


def _profile(rng: random.Random, country: str) -> reg.Profile:
    from .. import demo_content as content

    org = rng.choice([o for o in content.ORGANISATIONS if o["country"] == country] or content.ORGANISATIONS)
    languages = {"DE": "de", "IT": "it", "RO": "ro", "SE": "sv", "ES": "es", "PT": "pt", "NL": "nl"}
    return reg.Profile(
        organisation=org["name"] if rng.random() < 0.8 else "",
        country=country,
        skills=rng.sample(content.SKILLS, rng.randint(2, 5)),
        interests=rng.sample(content.INTERESTS, rng.randint(1, 3)),
        languages=sorted({"en", languages[country]}),
        bio="",
        dietary=content.weighted_choice(rng, content.DIETARY),
        accessibility=content.weighted_choice(rng, content.ACCESSIBILITY),
        consent_photos=rng.random() < 0.85,
    )


def seed(*, participants: int, mentors: int, jurors: int, password: str, start: date) -> list[str]:
    """Build the demo event and its people; returns the lines of the summary."""
    from .. import demo_content as content

    rng = random.Random(f"social-impact-hackathon:{participants}:{mentors}:{jurors}:{start.isoformat()}")
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    # One hash for every demo account: hashing hundreds of passwords would take a minute for nothing.
    password_hash = generate_password_hash(password, method=method)
    tz = ZoneInfo(content.EVENT["timezone"])
    countries = list(content.FIRST_NAMES)

    with unit_of_work():
        event = create_event(
            SLUG, content.EVENT["name"], timezone=content.EVENT["timezone"],
            days=[start + timedelta(days=i) for i in range(DAYS)], capacity=participants + free_places(participants),
            tagline=content.EVENT["tagline"], description=content.EVENT["description"],
            venue=content.EVENT["venue"], city=content.EVENT["city"], team_min_size=2, team_max_size=5,
            # Teams form until the evening of the last day: whoever tries the demo, at any hour, can form one.
            team_formation_closes_at=datetime.combine(start + timedelta(days=DAYS - 1), time(18, 0), tz)
            .astimezone(UTC),
        )
        organiser = _user(f"organiser@{DOMAIN}", "Lena Hofbauer", password_hash, "en")
        people = DemoPeople(organiser=organiser)
        people.door = [_user(f"door@{DOMAIN}", "Piet Janssen", password_hash)]
        people.mentors = [
            _user(f"mentor{i}@{DOMAIN}", content.full_name(rng, rng.choice(countries)), password_hash)
            for i in range(1, mentors + 1)
        ]
        people.jurors = [
            _user(f"jury{i}@{DOMAIN}", content.full_name(rng, rng.choice(countries)), password_hash)
            for i in range(1, jurors + 1)
        ]
        homes = [rng.choice(countries) for _ in range(participants)]
        people.participants = [
            _user(f"participant{i}@{DOMAIN}", content.full_name(rng, home), password_hash,
                  "de" if home == "DE" else None)
            for i, home in enumerate(homes, start=1)
        ]
        db.session.add_all([organiser, *people.door, *people.mentors, *people.jurors, *people.participants])
        db.session.flush()
        for role, holders in (("organiser", [organiser]), ("door", people.door), ("mentor", people.mentors),
                              ("jury", people.jurors)):
            for user in holders:
                grant_role(event, user, role)
        opened = datetime.combine(start - timedelta(days=45), time(9, 0), tz).astimezone(UTC)
        for index, (user, home) in enumerate(zip(people.participants, homes, strict=True)):
            # Spread sign-ups over the six weeks before the event, in the order they were made.
            moment = opened + timedelta(minutes=index * (40 * 24 * 60) // max(participants, 1))
            reg.register(event, user, _profile(rng, home), consent_data=True, by_organiser=True, at=moment)
        lines = [f"Event: {event.name} ({event.slug}), {start:%d %b} – {start + timedelta(days=2):%d %b %Y}"]
        for seeder in seeders().values():
            lines.append(seeder(event, people, rng))

    confirmed = len(registered_ids(event.id, "confirmed"))
    lines.append(
        f"People: 1 organiser, {mentors} mentors, {jurors} jurors, {participants} participants "
        f"({confirmed} confirmed, {participants - confirmed} on the waitlist), 1 door staff; "
        f"{event.capacity - confirmed} places free for newcomers"
    )
    return lines


def reset() -> None:
    """Remove the demo event and every demo account."""
    with unit_of_work():
        db.session.execute(delete(Event).where(Event.slug == SLUG))
        db.session.execute(delete(User).where(User.email.like(f"%@{DOMAIN}")))


def is_empty() -> bool:
    """Whether the database has no event yet."""
    return db.session.scalar(select(func.count()).select_from(Event)) == 0


@click.group()
def demo() -> None:
    """The demo event."""


@demo.command("seed")
@click.option("--participants", default=120, show_default=True, type=click.IntRange(0, 20000))
@click.option("--mentors", default=12, show_default=True, type=click.IntRange(0, 2000))
@click.option("--jurors", default=5, show_default=True, type=click.IntRange(0, 200))
@click.option("--password", default="demo1234", show_default=True, help="The password of every demo account.")
@click.option("--start", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The first of the three days (default: yesterday in the event's time zone, so that today is "
                   "the middle day and every phase is open).")
@click.option("--reset", "do_reset", is_flag=True, help="Wipe the demo event and accounts first.")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has an event.")
@click.option("--refresh", is_flag=True,
              help="Seed when the database has no event; rebuild the demo when today is no longer one of its "
                   "days before the last (its phases would be over); else do nothing. `make run` uses it.")
@with_appcontext
def seed_command(participants: int, mentors: int, jurors: int, password: str, start: datetime | None,
                 do_reset: bool, if_empty: bool, refresh: bool) -> None:
    """Build the three-day Social Impact Hackathon with its people."""
    if len(password) < 8:
        raise click.BadParameter("use at least 8 characters", param_hint="--password")
    if refresh and not is_empty():
        demo_event = db.session.scalar(select(Event).where(Event.slug == SLUG))
        if demo_event is None:
            click.echo("The database has events but no demo: not seeding.")
            return
        if is_current([d.date for d in demo_event.days], local_today(demo_event.timezone)):
            click.echo("The demo event is current: keeping it (use --reset to rebuild it).")
            return
        click.echo("The demo event's days are over: rebuilding it around today.")
        do_reset = True
    elif if_empty and not is_empty():
        click.echo("The database already has an event: not seeding (use --reset to rebuild the demo).")
        return
    if do_reset:
        reset()
    elif db.session.scalar(select(Event.id).where(Event.slug == SLUG)) is not None:
        raise click.ClickException(f"The demo event '{SLUG}' already exists. Add --reset to rebuild it.")
    begins = start.date() if start else first_day(local_today("Europe/Berlin"))
    for line in seed(participants=participants, mentors=mentors, jurors=jurors, password=password,
                     start=begins):
        click.echo(line)
    base = current_app.config["SERVER_URL"]
    click.echo("")
    click.echo(f"Log in at {base}/login with password '{password}' as:")
    click.echo(f"  organiser@{DOMAIN}        runs the event (console, check-in, judging)")
    click.echo(f"  door@{DOMAIN}             door staff (the badge scanner)")
    if mentors:
        click.echo(f"  mentor1@{DOMAIN} … mentor{mentors}@{DOMAIN}")
    if jurors:
        click.echo(f"  jury1@{DOMAIN} … jury{jurors}@{DOMAIN}")
    if participants:
        click.echo(f"  participant1@{DOMAIN} … participant{participants}@{DOMAIN}")
