"""The demo's judging: the criteria, a pitch order of the teams, and a couple of declared conflicts."""

from __future__ import annotations

import random

from sqlalchemy import select

from ..events.models import Event
from ..extensions import db
from ..teams.challenges import organisation_ids
from ..teams.models import Team
from .criteria import CriterionFields, save_criterion
from .models import JuryConflict
from .session import fill_pitch_order, locked_state, open_scoring


def seed_judging(event: Event, people, rng: random.Random) -> str:
    """Criteria from demo_content, every team in a shuffled pitch order, one or two conflicts."""
    from .. import demo_content as content

    for item in content.JUDGING_CRITERIA:
        save_criterion(event, CriterionFields(
            key=item["key"], name=item["name"], description=item.get("description", ""), weight=item["weight"],
            min=item["min"], max=item["max"], guide={str(k): v for k, v in item.get("guide", {}).items()}))
    locked_state(event)
    order = fill_pitch_order(event)
    shuffled = order[:]
    rng.shuffle(shuffled)
    for position, pitch in enumerate(shuffled, start=1):
        pitch.position = position
    conflicts = 0
    teams = list(db.session.scalars(select(Team).where(Team.event_id == event.id).order_by(Team.name)))
    if people.jurors and teams:
        # A juror who knows a team's members declares it; another works for a challenge's organisation.
        db.session.add(JuryConflict(event_id=event.id, juror_id=people.jurors[0].id, team_id=teams[0].id,
                                declared_by="juror", reason="A former colleague is in this team."))
        conflicts += 1
        organisation_id = next(iter(organisation_ids(event.id)), None)
        if len(people.jurors) > 1 and organisation_id is not None:
            db.session.add(JuryConflict(event_id=event.id, juror_id=people.jurors[1].id,
                                    organisation_id=organisation_id, declared_by="organiser",
                                    reason="Sits on the organisation's board."))
            conflicts += 1
    db.session.flush()
    opened = ""
    if people.jurors:
        open_scoring(event)  # jurors can score right away, at any hour; the organiser can still close and publish
        opened = "; scoring is open"
    return (f"Judging: {len(content.JUDGING_CRITERIA)} criteria, pitch order of {len(order)} teams, "
            f"{conflicts} conflicts of interest declared{opened}")
