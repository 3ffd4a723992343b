"""Who won what: the first places of the overall ranking, each track's first place, and the people's choice.

Read from judging once its results are published (the people's choice once its tally is revealed): before
that nobody has won anything, so the gallery marks nobody and no winner's certificate is made.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from flask_babel import gettext as _

from ..events.models import Event
from ..judging.audience import tally
from ..judging.results import event_results
from ..judging.session import state_of
from ..judging.track_scoring import track_results
from ..judging.tracks import list_tracks
from .deadline import settings_of


@dataclass(frozen=True)
class Award:
    """One award of one team: `overall` (with its place), `track` (with the track's challenge) or `audience`."""

    kind: str
    place: int | None = None
    track_id: int | None = None
    track: str = ""
    prize: str = ""

    def label(self) -> str:
        """The award in the reader's language: "1st place", "Winner of the track …", "People's choice"."""
        if self.kind == "overall":
            return _("Place %(n)d overall", n=self.place)
        if self.kind == "track":
            return _("Winner of the track “%(track)s”", track=self.track)
        return _("People's choice")

    def as_json(self) -> dict:
        return {"kind": self.kind, "place": self.place, "track_id": self.track_id, "track": self.track,
                "prize": self.prize, "label": self.label()}


def awards(event: Event) -> dict[int, list[Award]]:
    """Every winning team's awards, by team id (empty until the results are published)."""
    found: dict[int, list[Award]] = defaultdict(list)
    state = state_of(event)
    if state.state == "published":
        places = settings_of(event.id).winner_places
        for result in event_results(event):
            if result.rank is not None and result.rank <= places:
                found[result.team_id].append(Award("overall", place=result.rank))
        for track in list_tracks(event):
            for result in track_results(event, track):
                if result.rank == 1:
                    found[result.team_id].append(Award("track", track_id=track.id, track=track.challenge.title,
                                                       prize=track.prize))
    votes = tally(event) if state.audience == "revealed" else None
    if votes and votes[0]["votes"] > 0:
        best = votes[0]["votes"]
        for row in votes:
            if row["votes"] == best:
                found[row["team_id"]].append(Award("audience"))
    return dict(found)


def winner_ids(event: Event) -> set[int]:
    """The teams that won anything."""
    return set(awards(event))
