"""The programme's part of an event's set-up: its agenda is copied to a new event (hook `event_copy`) and moves
with the event's dates (hook `event_moves`), each item at the same time of day on the same day of the event."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select, update

from ..events.models import Event
from ..events.moving import Move, Moving, local_date
from ..extensions import db
from .models import AgendaItem


def _items(event_id: int) -> list[AgendaItem]:
    return list(db.session.scalars(select(AgendaItem).where(AgendaItem.event_id == event_id)
                                   .order_by(AgendaItem.starts_at, AgendaItem.id)))


def copy_agenda(source: Event, target: Event, move: Move) -> str:
    """Every agenda item of the source event, moved to the new event's days."""
    items = _items(source.id)
    db.session.add_all([AgendaItem(event_id=target.id, title=i.title, kind=i.kind, starts_at=move(i.starts_at),
                                   ends_at=move(i.ends_at), place=i.place, description=i.description,
                                   translations=dict(i.translations or {})) for i in items])
    db.session.flush()
    return ngettext("%(num)d agenda item", "%(num)d agenda items", len(items))


def agenda_moves(event: Event, move: Move, new_days: list[dt.date]) -> list[Moving]:
    """The agenda items that move with the event; those that would land outside its new days block the move."""
    items = _items(event.id)
    if not items or not move.moves_anything:
        return []
    outside = [i for i in items if local_date(move(i.starts_at), move.new_zone) not in new_days]

    def apply() -> None:
        for item in items:
            db.session.execute(update(AgendaItem).where(AgendaItem.id == item.id).values(
                starts_at=move(item.starts_at), ends_at=move(item.ends_at), version=AgendaItem.version + 1)
                .execution_options(synchronize_session=False))

    blocked = [_("%(n)d agenda items would fall outside the event's new days (e.g. “%(title)s”): move or delete "
                 "them first.", n=len(outside), title=outside[0].title)] if outside else []
    return [Moving(ngettext("%(num)d agenda item", "%(num)d agenda items", len(items)), len(items), apply, blocked)]
