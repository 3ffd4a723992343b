"""A track's panel scores the track's teams (the event's criteria, while scoring is open), and its results.

Conflicts of interest apply as in the overall judging (`conflicts.is_conflicted`, `conflicts.conflict_pairs`);
a panel member who is in a team is conflicted with it whether or not they are a juror of the event.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..clock import utcnow
from ..errors import Closed, Forbidden, Invalid, NotFound
from ..events.models import Event
from ..extensions import db
from ..teams import membership
from ..teams.models import Team
from .conflicts import conflict_pairs, is_conflicted
from .criteria import list_criteria
from .models import JudgingState
from .results import TeamResult, compute
from .scoring import MAX_COMMENT, check_scores
from .track_models import Track, TrackJuror, TrackSheet
from .tracks import is_on_panel, track_teams


def _window_open(event: Event) -> None:
    state = db.session.scalar(select(JudgingState.state).where(JudgingState.event_id == event.id)
                              .with_for_update(read=True))
    if state != "open":
        raise Closed(_("Scoring is closed."))


def save_track_sheet(event: Event, track: Track, juror: User, team_id: int, scores: dict, comment: str = ""
                     ) -> TrackSheet:
    """A panel member's scores for a team of the track; sending again replaces them."""
    if not is_on_panel(track, juror.id):
        raise Forbidden(_("You are not on this track's panel."))
    _window_open(event)
    team = db.session.get(Team, team_id) if isinstance(team_id, int) else None
    if team is None or team.challenge_id != track.challenge_id:
        raise NotFound(_("That team does not compete in this track."))
    if membership.in_team(juror.id, team.id) or is_conflicted(event, juror.id, team):
        raise Forbidden(_("You have a conflict of interest with this team, so you cannot score it."))
    clean = check_scores(event, scores)
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise Invalid(_("The comment is too long (at most %(n)d characters).", n=MAX_COMMENT))
    now = utcnow()
    where = (TrackSheet.track_id == track.id, TrackSheet.juror_id == juror.id, TrackSheet.team_id == team.id)
    try:
        with db.session.begin_nested():
            db.session.add(TrackSheet(event_id=event.id, track_id=track.id, juror_id=juror.id, team_id=team.id,
                                      scores=clean, comment=comment, version=1, updated_at=now))
    except IntegrityError:  # a sheet for this team already: replace it
        db.session.execute(update(TrackSheet).where(*where).values(
            scores=clean, comment=comment, updated_at=now, version=TrackSheet.version + 1))
    return db.session.scalar(select(TrackSheet).where(*where).execution_options(populate_existing=True))


def sheets_by(track: Track, juror_id: int) -> dict[int, TrackSheet]:
    """A panel member's sheets in the track by team id."""
    return {s.team_id: s for s in db.session.scalars(select(TrackSheet).where(TrackSheet.track_id == track.id,
                                                                              TrackSheet.juror_id == juror_id))}


def conflicted_pairs(event: Event, track: Track) -> set[tuple[int, int]]:
    """(panel member, team) pairs of the track that may not count: declared conflicts and own teams."""
    pairs = conflict_pairs(event)
    panel = select(TrackJuror.user_id).where(TrackJuror.track_id == track.id)
    seats = membership.members(event.id).subquery()
    rows = db.session.execute(select(seats.c.user_id, seats.c.team_id)
                              .join(Team, Team.id == seats.c.team_id)
                              .where(Team.challenge_id == track.challenge_id, seats.c.user_id.in_(panel)))
    pairs.update((user_id, team_id) for user_id, team_id in rows)
    return pairs


def track_results(event: Event, track: Track) -> list[TeamResult]:
    """The track's ranking from its panel's sheets, normalised per juror as the overall results are."""
    criteria = list_criteria(event)
    teams = dict(track_teams(track))
    panel = set(db.session.scalars(select(TrackJuror.user_id).where(TrackJuror.track_id == track.id)))
    pairs = conflicted_pairs(event, track)
    rows = db.session.execute(select(TrackSheet.juror_id, TrackSheet.team_id, TrackSheet.scores)
                              .where(TrackSheet.track_id == track.id))
    sheets = [(j, t, s) for j, t, s in rows if j in panel and (j, t) not in pairs]
    if not criteria:
        return [TeamResult(t, n) for t, n in sorted(teams.items())]
    return compute(criteria, teams, sheets)
