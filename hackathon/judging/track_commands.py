"""Track commands: make a challenge a track, its panel, and a panel member's scores (on the command pipeline)."""

from __future__ import annotations

from flask_babel import gettext as _

from ..audit.services import record as audit
from ..commands import Actor, command
from ..events.models import Event
from ..extensions import db
from ..teams.models import Team
from . import track_scoring, tracks


@command("judging.save_track")
def save_track(actor: Actor, *, event: Event, challenge_id: int, prize: str) -> dict:
    """Organisers make a challenge a track (its panel starts as the challenge owner's people) or change its prize."""
    actor.require(event, "organiser")
    track, made = tracks.save_track(event, challenge_id, prize)
    title = track.challenge.title if track.challenge else str(challenge_id)
    if made:
        audit(event, actor.user, "judging.track_added", f"track:{track.id}",
              _("The challenge %(title)s is a track now (prize: %(prize)s).", title=title, prize=track.prize or "–"),
              prize=track.prize)
    else:
        audit(event, actor.user, "judging.track_changed", f"track:{track.id}",
              _("The prize of the track %(title)s is now: %(prize)s.", title=title, prize=track.prize or "–"),
              prize=track.prize)
    return {"track_id": track.id, "made": made}


@command("judging.remove_track")
def remove_track(actor: Actor, *, event: Event, track_id: int) -> dict:
    """Organisers turn a track back into a plain challenge (its panel's sheets go with it)."""
    actor.require(event, "organiser")
    track = tracks.remove_track(event, track_id)
    audit(event, actor.user, "judging.track_removed", f"track:{track_id}",
          _("The challenge %(title)s is no longer a track.", title=track.challenge.title))
    return {"track_id": track_id}


@command("judging.set_track_panel")
def set_track_panel(actor: Actor, *, event: Event, track_id: int, user_ids: list[int]) -> dict:
    """Organisers choose who sits on a track's panel."""
    actor.require(event, "organiser")
    track = tracks.get_track(event, track_id)
    panel = tracks.set_panel(event, track, user_ids)
    audit(event, actor.user, "judging.track_panel_changed", f"track:{track.id}",
          _("The panel of the track %(title)s has %(n)d members.", title=track.challenge.title, n=len(panel)),
          panel=panel)
    return {"track_id": track.id, "panel": panel}


@command("judging.track_score")
def score_track(actor: Actor, *, event: Event, track_id: int, team_id: int, scores: dict, comment: str = "") -> dict:
    """A panel member scores a team of the track; sending again replaces the sheet."""
    actor.require(event, *tracks.PANEL_ROLES)
    track = tracks.get_track(event, track_id)
    sheet = track_scoring.save_track_sheet(event, track, actor.user, team_id, scores, comment)
    team_name = db.session.get(Team, team_id).name
    return {"track_id": track.id, "team_id": team_id, "team": team_name, "version": sheet.version}
