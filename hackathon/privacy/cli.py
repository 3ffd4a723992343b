"""`flask privacy purge [--dry-run]`: anonymise the participants of events whose retention has passed."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from ..accounts.models import User
from ..audit.services import record
from ..clock import utcnow
from ..events.models import Event
from ..extensions import db
from ..transactions import unit_of_work
from .erasure import erase_account
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
        for user_id in user_ids:
            if user_id in done:
                continue
            done.add(user_id)
            if not dry_run:
                with unit_of_work():
                    erase_account(db.session.get(User, user_id))
            erased.append(user_id)
        if erased and not dry_run:
            with unit_of_work():
                record(event, None, "privacy.purged", f"event:{event.id}",
                       _("Retention passed: %(n)d participants anonymised.", n=len(erased)), user_ids=erased)
        click.echo(f"{slug}: {verb} {len(erased)} participant(s): {', '.join(f'#{i}' for i in erased) or '-'}")
    if plan.kept_organisers:
        click.echo(f"Kept {len(plan.kept_organisers)} organiser account(s).")
    if plan.kept_elsewhere:
        click.echo(f"Kept {len(plan.kept_elsewhere)} person(s) registered at events whose data is still kept.")
    if not plan.by_event:
        click.echo("No event's retention period has passed; nothing to purge.")
