"""`flask users create`: make an account with a role at an event."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..errors import DomainError
from ..events.models import ROLES
from ..transactions import unit_of_work


@click.group()
def users() -> None:
    """Manage user accounts."""


@users.command("create")
@click.argument("email")
@click.option("--name", required=True, help="The person's display name.")
@click.option("--role", required=True, type=click.Choice(ROLES), help="Their role at the event.")
@click.option("--event", "slug", default=None, help="The event's slug (default: the only event there is).")
@click.option("--password", default=None, help="Their password (asked for when not given).")
@with_appcontext
def create(email: str, name: str, role: str, slug: str | None, password: str | None) -> None:
    """Create an account with a role (organiser, mentor, jury, participant) at an event."""
    from ..accounts import services
    from ..events import registration as reg
    from ..events.roles import grant_role
    from ..events.services import get_event, list_events

    if slug:
        event = get_event(slug)
    else:
        events = list_events()
        if len(events) != 1:
            raise click.UsageError("Name the event with --event SLUG (there is not exactly one event).")
        event = events[0]
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with unit_of_work():
            user = services.find_user(email) or services.create_user(email, name, password)
            if role == "participant":
                registration = reg.register(event, user, reg.Profile(), consent_data=True, by_organiser=True)
                status = registration.status
            else:
                grant_role(event, user, role)
                status = "granted"
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"{user.email}: {role} at {event.slug} ({status}).")
