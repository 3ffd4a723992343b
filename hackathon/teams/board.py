"""The looking-for-team board: who is still looking, what they offer, and suggestions ranked by fit."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import Select, Subquery, and_, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..errors import Conflict, Invalid
from ..events.models import Event
from ..events.people import registrations
from ..extensions import db
from ..localized import language_name
from . import rules
from .listing import TeamCard
from .models import BoardEntry, Challenge, Team, TeamMembership

AnyTeam = Team | TeamCard  # the ranking and the filters read the same attributes of either


@dataclass
class Seeker:
    """A confirmed participant without a team, with what they offer and what they want to work on."""

    user_id: int
    name: str
    skills: list[str]
    interests: list[str]
    languages: list[str]
    note: str = ""
    challenge_ids: list[int] = field(default_factory=list)
    posted: bool = False


@dataclass
class Suggestion:
    """A team for a seeker, or a seeker for a team, with the score and the reasons shown to people."""

    score: int
    reasons: list[str]
    team: AnyTeam | None = None
    seeker: Seeker | None = None


def save_entry(event: Event, user: User, note: str, challenge_ids: list[int]) -> BoardEntry:
    """Put oneself on the board (or change one's entry): a short note and the challenges one likes."""
    roles = rules.require_participant(user, event)
    rules.require_open(event, roles)
    note = " ".join((note or "").split())
    if len(note) > 300:
        raise Invalid(_("The note has at most 300 characters."))
    known = set(db.session.scalars(select(Challenge.id).where(Challenge.event_id == event.id)))
    wanted = [c for c in dict.fromkeys(challenge_ids or []) if isinstance(c, int)]
    if any(c not in known for c in wanted):
        raise Invalid(_("Please choose challenges of this event."))
    if db.session.scalar(select(TeamMembership.id).where(TeamMembership.event_id == event.id,
                                                         TeamMembership.user_id == user.id)) is not None:
        raise Conflict(_("You are already in a team, so you are not on the board."), code="already_in_team")
    entry = db.session.scalar(select(BoardEntry).where(BoardEntry.event_id == event.id, BoardEntry.user_id == user.id))
    if entry is not None:
        db.session.execute(update(BoardEntry).where(BoardEntry.id == entry.id).values(
            note=note, challenge_ids=wanted, version=BoardEntry.version + 1).execution_options(
            synchronize_session=False))
        db.session.refresh(entry)
        return entry
    entry = BoardEntry(event_id=event.id, user_id=user.id, note=note, challenge_ids=wanted)
    try:
        with db.session.begin_nested():
            db.session.add(entry)
    except IntegrityError:
        raise Conflict(_("Your entry was just saved from elsewhere. Please reload.")) from None
    return entry


def remove_entry(event: Event, user: User) -> None:
    """Take oneself off the board."""
    db.session.execute(delete(BoardEntry).where(BoardEntry.event_id == event.id, BoardEntry.user_id == user.id))


def entry_of(event: Event, user: User) -> BoardEntry | None:
    """The user's board entry, or None."""
    return db.session.scalar(select(BoardEntry).where(BoardEntry.event_id == event.id, BoardEntry.user_id == user.id))


def _without_team(query: Select, registration: Subquery, event: Event) -> Select:
    """Narrow a query on registrations (events' `registrations()`) to the event's confirmed participants who are in
    no team."""
    return (
        query.outerjoin(TeamMembership, and_(TeamMembership.event_id == event.id,
                                             TeamMembership.user_id == registration.c.user_id))
        .where(registration.c.event_id == event.id, registration.c.status == "confirmed", TeamMembership.id.is_(None))
    )


def count_seekers(event: Event) -> int:
    """How many confirmed participants have no team (one query)."""
    registration = registrations()
    return db.session.scalar(_without_team(select(func.count(registration.c.id)), registration, event))


def seekers(event: Event, *, posted_only: bool = False) -> list[Seeker]:
    """Confirmed participants without a team, with their board entries (one query)."""
    # Columns, not entities: the organisers' view lists every one of hundreds of people.
    registration = registrations()
    query = (
        _without_team(select(registration.c.user_id, User.name, registration.c.skills, registration.c.interests,
                             registration.c.languages, BoardEntry.id, BoardEntry.note, BoardEntry.challenge_ids)
                      .join(User, User.id == registration.c.user_id), registration, event)
        .outerjoin(BoardEntry, and_(BoardEntry.event_id == event.id,
                                    BoardEntry.user_id == registration.c.user_id))
        .order_by(BoardEntry.updated_at.desc(), User.name)
    )
    if posted_only:
        query = query.where(BoardEntry.id.is_not(None))
    return [
        Seeker(user_id=user_id, name=name, skills=list(skills or []), interests=list(interests or []),
               languages=list(languages or []), note=(note or "") if entry_id else "",
               challenge_ids=list(challenge_ids or []) if entry_id else [], posted=entry_id is not None)
        for user_id, name, skills, interests, languages, entry_id, note, challenge_ids in db.session.execute(query)
    ]


def member_languages(event: Event) -> dict[int, set[str]]:
    """The languages each team's members work in (one query)."""
    registration = registrations()
    rows = db.session.execute(
        select(TeamMembership.team_id, registration.c.languages)
        .join(registration, and_(registration.c.event_id == TeamMembership.event_id,
                                 registration.c.user_id == TeamMembership.user_id))
        .where(TeamMembership.event_id == event.id)
    )
    languages: dict[int, set[str]] = {}
    for team_id, spoken in rows:
        languages.setdefault(team_id, set()).update(spoken or [])
    return languages


def _score(seeker: Seeker, team: AnyTeam, languages: set[str]) -> int:
    """How well a seeker fits a team: 3 per skill the team seeks, 2 for a liked challenge (else 1 for a shared
    interest), 1 for a shared language. The same rules as the reasons `_fit` gives, without the words."""
    score = 3 * sum(1 for role in team.open_roles if role in seeker.skills)
    if team.challenge_id in seeker.challenge_ids:
        score += 2
    elif team.challenge is not None and not set(team.challenge.tags).isdisjoint(seeker.interests):
        score += 1
    if not languages.isdisjoint(seeker.languages):
        score += 1
    return score


def _fit(seeker: Seeker, team: AnyTeam, languages: set[str]) -> Suggestion:
    score, reasons = 0, []
    offered = set(seeker.skills)
    matched = [role for role in team.open_roles if role in offered]
    if matched:
        score += 3 * len(matched)
        reasons.append(_("skills sought: %(skills)s", skills=", ".join(matched)))
    if team.challenge_id in seeker.challenge_ids:
        score += 2
        reasons.append(_("interested in %(challenge)s", challenge=team.challenge.title if team.challenge else ""))
    elif team.challenge is not None and set(team.challenge.tags).intersection(seeker.interests):
        score += 1
        reasons.append(_("shared interest: %(tags)s",
                         tags=", ".join(sorted(set(team.challenge.tags).intersection(seeker.interests)))))
    shared = sorted(languages.intersection(seeker.languages))
    if shared:
        score += 1
        reasons.append(_("shared language: %(langs)s", langs=", ".join(language_name(code) for code in shared)))
    return Suggestion(score=score, reasons=reasons, team=team, seeker=seeker)


def teams_for(seeker: Seeker, teams: list[AnyTeam], languages: dict[int, set[str]], limit: int = 5) -> list[Suggestion]:
    """Teams with room for this seeker, the best fit first, each with its reasons (worded for the shown only)."""
    scored = [(score, team) for team in teams if team.member_count < team.max_size
              and (score := _score(seeker, team, languages.get(team.id, set()))) > 0]
    scored.sort(key=lambda pair: (-pair[0], pair[1].name))
    return [_fit(seeker, team, languages.get(team.id, set())) for _score_, team in scored[:limit]]


def seekers_for(team: AnyTeam, people: list[Seeker], languages: set[str], limit: int = 5) -> list[Suggestion]:
    """People still looking who fit this team best, each with its reasons (worded for the shown only)."""
    scored = [(score, seeker) for seeker in people if (score := _score(seeker, team, languages)) > 0]
    scored.sort(key=lambda pair: (-pair[0], pair[1].name))
    return [_fit(seeker, team, languages) for _score_, seeker in scored[:limit]]


def filter_seekers(people: list[Seeker], skill: str = "", challenge_id: int | None = None,
                   language: str = "") -> list[Seeker]:
    """The board's filters on people."""
    skill = skill.strip().lower()
    return [
        p for p in people
        if (not skill or any(skill in s for s in p.skills))
        and (challenge_id is None or challenge_id in p.challenge_ids)
        and (not language or language in p.languages)
    ]


def filter_teams(teams: list[AnyTeam], languages: dict[int, set[str]], skill: str = "",
                 challenge_id: int | None = None, language: str = "") -> list[AnyTeam]:
    """The board's filters on teams."""
    skill = skill.strip().lower()
    return [
        t for t in teams
        if (not skill or any(skill in r for r in t.open_roles))
        and (challenge_id is None or t.challenge_id == challenge_id)
        and (not language or language in languages.get(t.id, set()))
    ]
