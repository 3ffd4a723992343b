"""The impact report for the funder: participants by country and kind of organisation, challenges, teams,
projects, winners and follow-ups, in a fixed number of queries (none per row).

Participants write their organisation's name freely; its kind comes from the registry of organisations (kept
across events, `teams/organisations.py`) or from the organisers' classification of that name
(`OrganisationKind`). People without an organisation count as individuals; names nobody classified yet are
listed so that organisers can.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..checkin.attendance import attended
from ..events.countries import country_name
from ..events.models import Event
from ..events.people import registrations
from ..extensions import db
from ..overview.figures import bars
from ..teams.challenges import posed_by
from ..teams.models import Team
from ..teams.organisations import KIND_LABELS as REGISTRY_KINDS
from ..teams.organisations import kinds_by_name
from .awards import awards
from .followups import KIND_LABELS as OFFER_LABELS
from .followups import STATUS_LABELS, follow_ups
from .listing import projects_json
from .models import OrganisationKind, Project

KIND_LABELS = {
    "social enterprise": _l("Social enterprise"), "cooperative": _l("Cooperative"), "association": _l("Association"),
    "foundation": _l("Foundation"), "public body": _l("Public body"), "university": _l("University or research"),
    "company": _l("Company"), "individual": _l("No organisation"), "other": _l("Other"),
}
UNCLASSIFIED = "unclassified"


def name_key(name: str) -> str:
    """An organisation's name folded for matching: lower case, spaces collapsed."""
    return " ".join((name or "").lower().split())[:160]


def kind_label(kind: str) -> str:
    """A kind of organisation in the reader's language."""
    label = KIND_LABELS.get(kind) or REGISTRY_KINDS.get(kind)  # the organisers' words, or the registry's kinds
    return str(label) if label is not None else (str(_l("Not classified yet")) if kind == UNCLASSIFIED else kind)


@dataclass
class Report:
    """Every figure of the impact report."""

    participants: int = 0
    checked_in: int = 0
    countries: list[dict] = field(default_factory=list)  # bars: label, count, percent (and code)
    kinds: list[dict] = field(default_factory=list)
    unclassified: list[dict] = field(default_factory=list)  # {"name", "key", "count"}
    challenges: list[dict] = field(default_factory=list)
    teams: int = 0
    projects: int = 0
    submitted: int = 0
    shown: int = 0
    winners: list[dict] = field(default_factory=list)
    follow_ups: list[dict] = field(default_factory=list)
    offer_kinds: list[dict] = field(default_factory=list)
    offer_statuses: list[dict] = field(default_factory=list)


def _kinds_by_name(event: Event) -> dict[str, str]:
    known = {name_key(name): kind for name, kind in kinds_by_name().items()}
    known.update({key: kind for key, kind in db.session.execute(
        select(OrganisationKind.name_key, OrganisationKind.kind).where(OrganisationKind.event_id == event.id))})
    return known


def _participants(event: Event, report: Report) -> None:
    registration = registrations()
    rows = db.session.execute(select(registration.c.country, registration.c.organisation, func.count())
                              .where(registration.c.event_id == event.id, registration.c.status == "confirmed")
                              .group_by(registration.c.country, registration.c.organisation)).all()
    known = _kinds_by_name(event)
    countries: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    unclassified: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for country, organisation, count in rows:
        countries[country or ""] += count
        key = name_key(organisation)
        if not key:
            kinds["individual"] += count
        elif key in known:
            kinds[known[key]] += count
        else:
            kinds[UNCLASSIFIED] += count
            unclassified[key] += count
            spelled.setdefault(key, " ".join(organisation.split()))
    report.participants = sum(countries.values())
    ordered = sorted(countries.items(), key=lambda item: (-item[1], item[0]))
    report.countries = [dict(bar, code=code) for bar, (code, _n) in zip(
        bars((country_name(code) or str(_l("Not given")), n) for code, n in ordered), ordered, strict=True)]
    ordered_kinds = sorted(kinds.items(), key=lambda item: (item[0] == UNCLASSIFIED, -item[1], item[0]))
    report.kinds = [dict(bar, kind=kind) for bar, (kind, _n) in zip(
        bars((kind_label(kind), n) for kind, n in ordered_kinds), ordered_kinds, strict=True)]
    report.unclassified = [{"name": spelled[key], "key": key, "count": n}
                           for key, n in sorted(unclassified.items(), key=lambda item: (-item[1], item[0]))]
    report.checked_in = db.session.scalar(select(func.count()).select_from(attended(event.id).subquery())) or 0


def _challenges(event: Event, report: Report) -> None:
    teams = dict(db.session.execute(select(Team.challenge_id, func.count()).where(Team.event_id == event.id)
                                    .group_by(Team.challenge_id)).all())
    submitted = dict(db.session.execute(
        select(Team.challenge_id, func.count()).join(Project, Project.team_id == Team.id)
        .where(Team.event_id == event.id, Project.submitted_at.is_not(None)).group_by(Team.challenge_id)).all())
    rows = posed_by(event.id)
    report.challenges = [{"title": title, "organisation": org or "", "country": country or "",
                          "kind": kind_label(kind) if kind else "", "teams": teams.get(cid, 0),
                          "submitted": submitted.get(cid, 0)} for cid, title, org, country, kind in rows]
    report.teams = sum(teams.values())
    counts = db.session.execute(select(
        func.count(Project.id),
        func.count(Project.submitted_at),
        func.coalesce(func.sum(func.cast(Project.show_in_gallery, db.Integer)), 0)).where(
        Project.event_id == event.id)).one()
    report.projects, report.submitted, report.shown = counts[0], counts[1], int(counts[2])


def _dates(starts_on, ends_on) -> str:
    """'2026-10-01 – 2026-12-31', either end left open."""
    if starts_on is None and ends_on is None:
        return ""
    return f"{starts_on.isoformat() if starts_on else '…'} – {ends_on.isoformat() if ends_on else '…'}"


def _winners(event: Event, report: Report) -> None:
    won = awards(event)
    projects = {p["team_id"]: p for p in projects_json(event.id, list(won), slug=event.slug)} if won else {}
    report.winners = sorted(({"team": projects[t]["team"]["name"], "project": projects[t]["title"],
                              "challenge": (projects[t]["challenge"] or {}).get("title", ""),
                              "awards": [a.label() + (f" — {a.prize}" if a.prize else "") for a in found]}
                             for t, found in won.items() if t in projects),
                            key=lambda w: w["team"].lower())
    rows = follow_ups(event)
    report.follow_ups = [{"team": r["team"], "challenge": r["challenge"], "kind": str(OFFER_LABELS[r["row"].kind]),
                          "offer": r["row"].offer, "status": str(STATUS_LABELS[r["row"].status]),
                          "dates": _dates(r["row"].starts_on, r["row"].ends_on)} for r in rows]
    report.offer_kinds = bars((str(label), sum(1 for r in rows if r["row"].kind == kind))
                              for kind, label in OFFER_LABELS.items())
    report.offer_statuses = bars((str(label), sum(1 for r in rows if r["row"].status == status))
                                 for status, label in STATUS_LABELS.items())


def impact_report(event: Event) -> Report:
    """The whole report."""
    report = Report()
    _participants(event, report)
    _challenges(event, report)
    _winners(event, report)
    return report


def csv_rows(report: Report) -> list[list]:
    """The report as (section, item, value, detail) rows."""
    rows: list[list] = [["participants", "confirmed", report.participants, ""],
                        ["participants", "checked_in", report.checked_in, ""]]
    rows += [["country", bar["code"] or "", bar["count"], bar["label"]] for bar in report.countries]
    rows += [["organisation_kind", bar["kind"], bar["count"], bar["label"]] for bar in report.kinds]
    rows += [["challenge", c["title"], c["teams"], f'{c["organisation"]}; submitted: {c["submitted"]}']
             for c in report.challenges]
    rows += [["teams", "total", report.teams, ""], ["projects", "started", report.projects, ""],
             ["projects", "submitted", report.submitted, ""], ["projects", "in_gallery", report.shown, ""]]
    rows += [["winner", w["team"], len(w["awards"]), "; ".join(w["awards"])] for w in report.winners]
    rows += [["follow_up", f["team"], f["kind"], f'{f["offer"]} ({f["status"]}) {f["dates"]}'.strip()]
             for f in report.follow_ups]
    return rows
