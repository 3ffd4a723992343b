"""`flask privacy purge [--dry-run]`: anonymise the participants of events whose retention has passed."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from ..clock import utcnow
from ..commands import system_actor
from ..events.models import Event
from ..extensions import db
from .commands import purge_event
from .retention import plan_purge

privacy = AppGroup("privacy", help="Data rights and retention.")


@privacy.command("purge")
@click.option("--dry-run", is_flag=True, help="Only print whom it would anonymise.")
def purge(dry_run: bool) -> None:
    """Anonymise every participant of events whose retention period has passed (organisers excepted)."""
    plan = plan_purge(utcnow().date())
    verb = "Would anonymise" if dry_run else "Anonymised"
    done: set[int] = set()
    for slug, user_ids in sorted(plan.by_event.items()):
        event = db.session.scalar(db.select(Event).where(Event.slug == slug))
        erased = []
        for user_id in user_ids:  # someone of two events (or twice in one) is erased once
            if user_id not in done:
                done.add(user_id)
                erased.append(user_id)
        if erased and not dry_run:
            purge_event(system_actor(), event=event, user_ids=erased)
        click.echo(f"{slug}: {verb} {len(erased)} participant(s): {', '.join(f'#{i}' for i in erased) or '-'}")
    if plan.kept_organisers:
        click.echo(f"Kept {len(plan.kept_organisers)} organiser account(s).")
    if plan.kept_elsewhere:
        click.echo(f"Kept {len(plan.kept_elsewhere)} person(s) registered at events whose data is still kept.")
    if not plan.by_event:
        click.echo("No event's retention period has passed; nothing to purge.")
