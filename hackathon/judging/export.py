"""CSV exports for organisers: every score sheet, and the results."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..csv_export import stream_csv
from ..events.models import Event
from ..extensions import db
from .criteria import list_criteria
from .models import ScoreSheet
from .results import event_results


def sheets_csv(event: Event) -> Iterator[str]:
    """One line per sheet: juror, team, each criterion's score, comment, version, times (UTC)."""
    keys = [c.key for c in list_criteria(event)]
    sheets = db.session.scalars(select(ScoreSheet).where(ScoreSheet.event_id == event.id)
                                .options(joinedload(ScoreSheet.juror), joinedload(ScoreSheet.team))
                                .order_by(ScoreSheet.team_id, ScoreSheet.juror_id)).all()

    def rows():
        for s in sheets:
            yield [s.team_id, s.team.name, s.juror_id, s.juror.name, *(s.scores.get(k, "") for k in keys),
                   s.comment, s.version, s.submitted_at.isoformat(), s.updated_at.isoformat()]

    yield from stream_csv(["team_id", "team", "juror_id", "juror", *keys, "comment", "version", "submitted_at",
                       "updated_at"], rows())


def results_csv(event: Event) -> Iterator[str]:
    """One line per team: rank, normalised score, raw weighted mean, sheets, mean per criterion."""
    keys = [c.key for c in list_criteria(event)]
    found = event_results(event)

    def rows():
        for r in found:
            data = r.as_json()
            yield [data["rank"] or "", r.team_id, r.name, "" if data["score"] is None else data["score"],
                   "" if data["raw"] is None else data["raw"], r.sheets, "yes" if r.tied else "",
                   *(data["criteria"].get(k, "") for k in keys)]

    yield from stream_csv(["rank", "team_id", "team", "normalised_score", "raw_weighted_mean", "sheets", "tied", *keys],
                      rows())
