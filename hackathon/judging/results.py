"""Results: weighted scores, normalised per juror so that a harsh and a lenient juror count the same.

The method (docs/judging.md explains it to organisers, and the results page repeats it):

1. Each sheet gets a raw weighted score from 0 to 100: every criterion's score is placed on its scale
   ((score - min) / (max - min)), weighted, and the weighted mean is multiplied by 100.
2. Per juror, the raw scores of all the teams they scored are turned into z-scores: (raw - the juror's
   mean) / the juror's standard deviation (population). A juror who scored only one team, or gave every
   team the same, contributes 0 (average) to each of those teams.
3. A team's normalised score is the mean of the z-scores of its sheets; its raw score the mean of the raw
   ones. A missing sheet (a conflict of interest, a juror who did not score) is simply not in the mean, so
   it neither helps nor hurts the team.
4. Ranking: higher normalised score first; on a tie, higher raw weighted mean; then the mean score of each
   criterion, heaviest criterion first. Teams still equal share the rank. Teams without a sheet are
   listed last, unranked.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from ..events.models import Event
from ..extensions import db
from ..teams.models import Team
from .conflicts import conflict_pairs, jurors
from .criteria import list_criteria
from .models import Criterion, ScoreSheet

PLACES = 9  # rounding before comparing, so that float noise does not break a real tie


@dataclass
class TeamResult:
    """One team's line in the results."""

    team_id: int
    name: str
    sheets: int = 0
    score: float | None = None  # mean z-score of its sheets
    raw: float | None = None  # mean raw weighted score, 0..100
    criteria: dict[str, float] = field(default_factory=dict)  # mean score per criterion on its own scale
    rank: int | None = None
    tied: bool = False

    def as_json(self) -> dict:
        return {"rank": self.rank, "team_id": self.team_id, "team": self.name, "sheets": self.sheets,
                "score": None if self.score is None else round(self.score, 4),
                "raw": None if self.raw is None else round(self.raw, 2),
                "criteria": {k: round(v, 2) for k, v in self.criteria.items()}, "tied": self.tied}


def raw_weighted(criteria: list[Criterion], scores: dict[str, int]) -> float:
    """A sheet's weighted score on 0..100, each criterion placed on its own scale first."""
    total = sum(c.weight for c in criteria)
    value = sum(c.weight * (scores[c.key] - c.min_score) / (c.max_score - c.min_score) for c in criteria)
    return 100.0 * value / total


def _z_scores(raw_by_sheet: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    by_juror: dict[int, list[float]] = defaultdict(list)
    for (juror_id, _team_id), value in raw_by_sheet.items():
        by_juror[juror_id].append(value)
    stats = {}
    for juror_id, values in by_juror.items():
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        stats[juror_id] = (mean, sd)
    z = {}
    for (juror_id, team_id), value in raw_by_sheet.items():
        mean, sd = stats[juror_id]
        z[(juror_id, team_id)] = (value - mean) / sd if sd > 1e-12 else 0.0
    return z


def compute(criteria: list[Criterion], teams: dict[int, str], sheets: list[tuple[int, int, dict]]
            ) -> list[TeamResult]:
    """Rank teams from (juror_id, team_id, scores) sheets; pure, so tests can check it by hand."""
    complete = [(j, t, s) for j, t, s in sheets if t in teams and all(c.key in s for c in criteria)]
    raw = {(j, t): raw_weighted(criteria, s) for j, t, s in complete}
    z = _z_scores(raw)
    results = {team_id: TeamResult(team_id, name) for team_id, name in teams.items()}
    per_team: dict[int, list[tuple[int, dict]]] = defaultdict(list)
    for j, t, s in complete:
        per_team[t].append((j, s))
    for team_id, entries in per_team.items():
        result = results[team_id]
        result.sheets = len(entries)
        result.score = sum(z[(j, team_id)] for j, _s in entries) / len(entries)
        result.raw = sum(raw[(j, team_id)] for j, _s in entries) / len(entries)
        result.criteria = {c.key: sum(s[c.key] for _j, s in entries) / len(entries) for c in criteria}
    heaviest_first = sorted(criteria, key=lambda c: (-c.weight, c.position, c.key))

    def key(result: TeamResult) -> tuple:
        return (round(-result.score, PLACES), round(-result.raw, PLACES),
                *(round(-result.criteria[c.key], PLACES) for c in heaviest_first))

    scored = sorted((r for r in results.values() if r.sheets), key=lambda r: (key(r), r.name.lower()))
    for index, result in enumerate(scored):
        if index and key(scored[index - 1]) == key(result):
            result.rank = scored[index - 1].rank
            result.tied = scored[index - 1].tied = True
        else:
            result.rank = index + 1
    unscored = sorted((r for r in results.values() if not r.sheets), key=lambda r: r.name.lower())
    return scored + unscored


def event_results(event: Event) -> list[TeamResult]:
    """The event's ranking from its stored sheets: current jurors only, conflicted pairs left out."""
    criteria = list_criteria(event)
    teams = {i: n for i, n in db.session.execute(select(Team.id, Team.name).where(Team.event_id == event.id))}
    juror_ids = {j.id for j in jurors(event)}
    pairs = conflict_pairs(event)
    rows = db.session.execute(select(ScoreSheet.juror_id, ScoreSheet.team_id, ScoreSheet.scores)
                              .where(ScoreSheet.event_id == event.id))
    sheets = [(j, t, s) for j, t, s in rows if j in juror_ids and (j, t) not in pairs]
    return compute(criteria, teams, sheets) if criteria else [TeamResult(t, n) for t, n in sorted(teams.items())]


def revealed_part(results: list[TeamResult], revealed: int) -> list[TeamResult]:
    """The places shown on the projector: the last `revealed` ranked teams, best first."""
    ranked = [r for r in results if r.rank is not None]
    return ranked[len(ranked) - revealed:] if revealed else []
