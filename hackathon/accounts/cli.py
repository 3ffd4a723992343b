"""`flask users create`: make an account, a platform administrator, or a person with a role at an event."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..errors import DomainError
from ..events.models import ROLES


@click.group()
def users() -> None:
    """Manage user accounts."""


@users.command("create")
@click.argument("email")
@click.option("--name", required=True, help="The person's display name.")
@click.option("--role", default=None, type=click.Choice(ROLES), help="Their role at the event.")
@click.option("--event", "slug", default=None, help="The event's slug (default: the only event there is).")
@click.option("--admin", is_flag=True, help="Make them a platform administrator (who creates events).")
@click.option("--password", default=None, help="Their password (asked for when not given).")
@with_appcontext
def create(email: str, name: str, role: str | None, slug: str | None, admin: bool, password: str | None) -> None:
    """Create an account: a platform administrator (--admin) and/or a person with a role at an event."""
    from ..events.commands import cli_actor
    from ..events.services import get_event, list_events
    from . import commands

    if role is None and not admin:
        raise click.UsageError("Give a --role at an event, or --admin for a platform administrator.")
    event = None
    if role is not None:
        try:
            if slug:
                event = get_event(slug)
            else:
                events = list_events()
                if len(events) != 1:
                    raise click.UsageError("Name the event with --event SLUG (there is not exactly one event).")
                event = events[0]
        except DomainError as error:
            raise click.ClickException(error.message) from None
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        outcome = commands.create_account(cli_actor(), email=email, name=name, password=password, admin=admin,
                                          role=role, event=event)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    made = outcome.value
    if admin:
        click.echo(f"{made['email']}: platform administrator ({'created' if made['created'] else 'existing'}).")
    if role is not None:
        click.echo(f"{made['email']}: {role} at {event.slug} ({made['status']}).")
