"""Tracks in the JSON API: each track with its prize, panel and results (organisers; everyone at the event
once the results are published, without the scores)."""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from ..events.roles import require_role
from ..events.services import get_event
from ..jsonapi import api_blueprint, api_login_required
from .session import state_of
from .track_scoring import track_results
from .tracks import list_tracks, panel_of

bp = api_blueprint("judging_tracks_api", __name__)


@bp.get("/events/<slug>/judging/tracks")
@api_login_required
def tracks(slug: str):
    event = get_event(slug)
    roles = require_role(current_user, event, "organiser", "jury", "challenge_owner", "participant", "mentor")
    state = state_of(event).state
    organiser = "organiser" in roles
    answer = []
    for track in list_tracks(event):
        item = {"id": track.id, "challenge": {"id": track.challenge_id, "title": track.challenge.title},
                "prize": track.prize, "version": track.version}
        if organiser:
            item["panel"] = [{"id": u.id, "name": u.name} for u in panel_of(track)]
        if organiser or state == "published":
            results = track_results(event, track)
            item["results"] = [r.as_json() if organiser else {"rank": r.rank, "team_id": r.team_id, "team": r.name}
                               for r in results if organiser or r.rank is not None]
        answer.append(item)
    return jsonify({"event": event.slug, "state": state, "tracks": answer})
