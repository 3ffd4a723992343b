"""`flask events create` and `flask events list`: events from the command line (as a platform administrator)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..errors import DomainError


@click.group()
def events() -> None:
    """Create and list events."""


@events.command("create")
@click.argument("slug")
@click.option("--name", required=True, help="The event's name.")
@click.option("--start", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="The first day, YYYY-MM-DD.")
@click.option("--days", default=3, show_default=True, type=int, help="How many days it lasts.")
@click.option("--timezone", default="Europe/Berlin", show_default=True, help="Its IANA time zone.")
@click.option("--capacity", default=100, show_default=True, type=int, help="How many participants it confirms.")
@click.option("--organiser", "organiser_email", default=None, help="Email of an existing account to organise it.")
@with_appcontext
def create(slug: str, name: str, start, days: int, timezone: str, capacity: int, organiser_email: str | None) -> None:
    """Create a new, empty event (a draft until its organisers publish it)."""
    from . import commands
    from .setup import NewEvent

    fields = NewEvent(slug=slug, name=name, start=start.date(), days=days, timezone=timezone, capacity=capacity)
    try:
        outcome = commands.create_event(commands.cli_actor(), fields=fields, organiser_email=organiser_email)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    last = fields.start.toordinal() + fields.days - 1
    click.echo(f"Event {outcome.value['slug']} created: {fields.name}, {fields.start.isoformat()} – "
               f"{type(fields.start).fromordinal(last).isoformat()} ({fields.timezone}), capacity {fields.capacity}, "
               "a draft until an organiser publishes it.")
    if organiser_email:
        click.echo(f"{organiser_email.strip().lower()}: organiser at {outcome.value['slug']}.")
    else:
        click.echo("It has no organiser yet: give one with `flask --app app users create EMAIL --name NAME "
                   f"--role organiser --event {outcome.value['slug']}`.")


@events.command("list")
@with_appcontext
def list_command() -> None:
    """Every event: slug, name, dates (and whether it is a draft)."""
    from .services import list_events

    found = list_events()
    if not found:
        click.echo("No events yet. Create one with "
                   "`flask --app app events create SLUG --name NAME --start YYYY-MM-DD`.")
        return
    for event in found:
        days = [d.date for d in event.days]
        when = f"{days[0].isoformat()} – {days[-1].isoformat()}" if days else "no days"
        draft = "" if event.published else "  (draft)"
        click.echo(f"{event.slug}\t{event.name}\t{when}\t{event.timezone}{draft}")
