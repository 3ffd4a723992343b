"""`flask users create`: make an account, a platform administrator, or a person with a role at an event.

The group lives with the events capability because a role is at an event; the account itself is made by the
accounts capability's command, composed with the role in one unit of work (`create_person`).
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..accounts.commands import create_account
from ..accounts.services import find_user
from ..commands import Actor, command
from ..errors import DomainError
from .commands import cli_actor, enrol
from .roles import ROLES
from .services import get_event, list_events


@command("events.create_person")
def create_person(actor: Actor, *, email: str, name: str, password: str, admin: bool = False,
                  role: str | None = None, event=None) -> dict:
    """An account (or the existing one of that email), made a platform administrator and/or given a role at an
    event. All of it or nothing: a refused role leaves no new account behind."""
    made = create_account(actor, email=email, name=name, password=password, admin=admin).value  # same unit
    status = None
    if role is not None:
        status = enrol(actor, event=event, user=find_user(email), role=role).value["status"]
    return {**made, "status": status}


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
        outcome = create_person(cli_actor(), email=email, name=name, password=password, admin=admin,
                                          role=role, event=event)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    made = outcome.value
    if admin:
        click.echo(f"{made['email']}: platform administrator ({'created' if made['created'] else 'existing'}).")
    if role is not None:
        click.echo(f"{made['email']}: {role} at {event.slug} ({made['status']}).")
