"""Tracks: a challenge judged on its own, with a prize and a panel (by default the challenge owner's people).

The teams of a track are the teams working on its challenge. Its panel scores them on the event's criteria
while scoring is open, conflicts of interest still apply, and its results stand beside the overall ranking.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..errors import Invalid, NotFound
from ..events.models import Event
from ..events.people import holders
from ..extensions import db
from ..teams import challenges
from ..teams.models import Team
from .track_models import Track, TrackJuror

MAX_PRIZE = 300
PANEL_ROLES = ("jury", "challenge_owner")


def list_tracks(event: Event) -> list[Track]:
    """The event's tracks with their challenges, by challenge title."""
    titles = challenges.titles(event.id).subquery()
    return list(db.session.scalars(select(Track).join(titles, titles.c.id == Track.challenge_id)
                                   .where(Track.event_id == event.id).options(joinedload(Track.challenge))
                                   .order_by(titles.c.title)))


def get_track(event: Event, track_id: object) -> Track:
    """A track of this event; `not_found` otherwise."""
    track = db.session.get(Track, track_id) if isinstance(track_id, int) else None
    if track is None or track.event_id != event.id:
        raise NotFound(_("There is no such track."))
    return track


def owners_people(event: Event, challenge_id: int) -> list[int]:
    """The challenge owner and the owners of the same organisation's other challenges: the default panel."""
    owners = challenges.owner_ids_alongside(event.id, challenge_id)
    staff = set(db.session.scalars(holders(event.id, PANEL_ROLES)))
    return sorted(owners & staff)


def save_track(event: Event, challenge_id: int, prize: str) -> tuple[Track, bool]:
    """Make a challenge a track (its panel starts as the owner's people), or change its prize; (track, made)."""
    challenge = challenges.get_challenge(event, challenge_id)
    prize = " ".join((prize or "").split())
    if len(prize) > MAX_PRIZE:
        raise Invalid(_("The prize is described in at most %(n)d characters.", n=MAX_PRIZE))
    found = db.session.scalar(select(Track).where(Track.challenge_id == challenge.id))
    if found is not None:
        if found.prize != prize:
            found.prize = prize
            found.version += 1
        return found, False
    track = Track(event_id=event.id, challenge_id=challenge.id, prize=prize, version=1)
    try:
        with db.session.begin_nested():
            db.session.add(track)
    except IntegrityError:  # made by another organiser a moment ago
        return db.session.scalar(select(Track).where(Track.challenge_id == challenge.id)), False
    db.session.add_all([TrackJuror(event_id=event.id, track_id=track.id, user_id=user_id)
                        for user_id in owners_people(event, challenge.id)])
    return track, True


def remove_track(event: Event, track_id: int) -> Track:
    """The challenge is no longer a track (its panel and sheets go with it)."""
    track = get_track(event, track_id)
    db.session.delete(track)
    return track


def panel_candidates(event: Event) -> list[User]:
    """Everyone who may sit on a panel: the event's jurors and challenge owners, by name."""
    return list(db.session.scalars(select(User).where(User.id.in_(holders(event.id, PANEL_ROLES)))
                                   .order_by(User.name)))


def panel_of(track: Track) -> list[User]:
    """The track's panel by name."""
    return list(db.session.scalars(select(User).join(TrackJuror, TrackJuror.user_id == User.id)
                                   .where(TrackJuror.track_id == track.id).order_by(User.name)))


def set_panel(event: Event, track: Track, user_ids: list[int]) -> list[int]:
    """Replace the track's panel; everyone on it must be a juror or a challenge owner of the event."""
    allowed = {u.id for u in panel_candidates(event)}
    wanted = set(user_ids)
    strangers = wanted - allowed
    if strangers:
        raise Invalid(_("Only the event's jurors and challenge owners can sit on a track's panel."))
    current = set(db.session.scalars(select(TrackJuror.user_id).where(TrackJuror.track_id == track.id)))
    if wanted - current:
        db.session.add_all([TrackJuror(event_id=event.id, track_id=track.id, user_id=u) for u in wanted - current])
    if current - wanted:
        db.session.execute(delete(TrackJuror).where(TrackJuror.track_id == track.id,
                                                    TrackJuror.user_id.in_(current - wanted)))
    if wanted != current:
        track.version += 1
    return sorted(wanted)


def tracks_of(event: Event, user_id: int) -> list[Track]:
    """The tracks whose panel this person sits on."""
    titles = challenges.titles(event.id).subquery()
    return list(db.session.scalars(select(Track).join(TrackJuror, TrackJuror.track_id == Track.id)
                                   .join(titles, titles.c.id == Track.challenge_id)
                                   .where(Track.event_id == event.id, TrackJuror.user_id == user_id)
                                   .options(joinedload(Track.challenge)).order_by(titles.c.title)))


def is_on_panel(track: Track, user_id: int) -> bool:
    """Whether this person sits on the track's panel."""
    return db.session.scalar(select(TrackJuror.id).where(TrackJuror.track_id == track.id,
                                                         TrackJuror.user_id == user_id)) is not None


def track_teams(track: Track) -> list[tuple[int, str]]:
    """(team id, name) of the teams on the track's challenge, by name."""
    return db.session.execute(select(Team.id, Team.name).where(Team.challenge_id == track.challenge_id)
                              .order_by(Team.name)).all()


def panel_team_ids(event: Event, user_id: int) -> set[int]:
    """Every team on a track whose panel this person sits on (one query)."""
    return set(db.session.scalars(select(Team.id).join(Track, Track.challenge_id == Team.challenge_id)
                                  .join(TrackJuror, TrackJuror.track_id == Track.id)
                                  .where(Track.event_id == event.id, TrackJuror.user_id == user_id)))


def track_of_team(team: Team) -> Track | None:
    """The track the team competes in (its challenge's), if its challenge is one."""
    if team.challenge_id is None:
        return None
    return db.session.scalar(select(Track).where(Track.challenge_id == team.challenge_id))
