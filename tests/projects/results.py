"""Judging results for the projects tests: criteria, a juror's sheets in a given order, published."""

from __future__ import annotations

from hackathon.judging import criteria, scoring, session
from hackathon.transactions import unit_of_work


def publish_ranking(make, event, teams, *, audience_winner=None) -> None:
    """Rank the teams in the given order (best first) by two jurors, then publish the results."""
    with unit_of_work():
        criteria.save_criterion(event, criteria.CriterionFields(key="impact", name="Social impact", weight=1, min=0,
                                                                max=10))
        session.open_scoring(event)
    jurors = [make.staff(event, "jury") for _ in range(2)]
    for juror in jurors:
        for place, team in enumerate(teams):
            with unit_of_work():
                scoring.save_sheet(event, juror, team.id, {"impact": 10 - place})
    with unit_of_work():
        session.close_scoring(event)
        session.publish_results(event)
    if audience_winner is not None:
        from hackathon.extensions import db
        from hackathon.judging import audience
        from hackathon.judging.models import AudienceVote

        voter, _registration = make.participant(event)
        with unit_of_work():
            audience.set_audience(event, "revealed")
            db.session.add(AudienceVote(event_id=event.id, voter_id=voter.id, team_id=audience_winner.id))
