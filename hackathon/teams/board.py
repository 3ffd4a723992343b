"""The looking-for-team board: who is still looking, what they offer, and suggestions ranked by fit."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import and_, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from ..accounts.models import User
from ..errors import Conflict, Invalid
from ..events.models import Event, Registration
from ..extensions import db
from . import rules
from .models import BoardEntry, Challenge, Team, TeamMembership


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
    team: Team | None = None
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


def seekers(event: Event, *, posted_only: bool = False) -> list[Seeker]:
    """Confirmed participants without a team, with their board entries (one query)."""
    query = (
        select(Registration, BoardEntry)
        .join(Registration.user)
        .outerjoin(TeamMembership, and_(TeamMembership.event_id == event.id,
                                        TeamMembership.user_id == Registration.user_id))
        .outerjoin(BoardEntry, and_(BoardEntry.event_id == event.id, BoardEntry.user_id == Registration.user_id))
        .where(Registration.event_id == event.id, Registration.status == "confirmed", TeamMembership.id.is_(None))
        .options(contains_eager(Registration.user))
        .order_by(BoardEntry.updated_at.desc(), User.name)
    )
    if posted_only:
        query = query.where(BoardEntry.id.is_not(None))
    found = []
    for registration, entry in db.session.execute(query):
        found.append(Seeker(
            user_id=registration.user_id, name=registration.user.name, skills=list(registration.skills),
            interests=list(registration.interests), languages=list(registration.languages),
            note=entry.note if entry else "", challenge_ids=list(entry.challenge_ids) if entry else [],
            posted=entry is not None,
        ))
    return found


def member_languages(event: Event) -> dict[int, set[str]]:
    """The languages each team's members work in (one query)."""
    rows = db.session.execute(
        select(TeamMembership.team_id, Registration.languages)
        .join(Registration, and_(Registration.event_id == TeamMembership.event_id,
                                 Registration.user_id == TeamMembership.user_id))
        .where(TeamMembership.event_id == event.id)
    )
    languages: dict[int, set[str]] = {}
    for team_id, spoken in rows:
        languages.setdefault(team_id, set()).update(spoken or [])
    return languages


def _fit(seeker: Seeker, team: Team, languages: set[str]) -> Suggestion:
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
        reasons.append(_("shared language: %(langs)s", langs=", ".join(shared)))
    return Suggestion(score=score, reasons=reasons, team=team, seeker=seeker)


def teams_for(seeker: Seeker, teams: list[Team], languages: dict[int, set[str]], limit: int = 5) -> list[Suggestion]:
    """Teams with room for this seeker, the best fit first, each with its reasons."""
    open_teams = [t for t in teams if t.member_count < t.max_size]
    ranked = [_fit(seeker, t, languages.get(t.id, set())) for t in open_teams]
    ranked = [s for s in ranked if s.score > 0]
    ranked.sort(key=lambda s: (-s.score, s.team.name))
    return ranked[:limit]


def seekers_for(team: Team, people: list[Seeker], languages: set[str], limit: int = 5) -> list[Suggestion]:
    """People still looking who fit this team best, each with its reasons."""
    ranked = [_fit(seeker, team, languages) for seeker in people]
    ranked = [s for s in ranked if s.score > 0]
    ranked.sort(key=lambda s: (-s.score, s.seeker.name))
    return ranked[:limit]


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


def filter_teams(teams: list[Team], languages: dict[int, set[str]], skill: str = "",
                 challenge_id: int | None = None, language: str = "") -> list[Team]:
    """The board's filters on teams."""
    skill = skill.strip().lower()
    return [
        t for t in teams
        if (not skill or any(skill in r for r in t.open_roles))
        and (challenge_id is None or t.challenge_id == challenge_id)
        and (not language or language in languages.get(t.id, set()))
    ]
