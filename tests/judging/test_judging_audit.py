"""The organiser's judging decisions are in the audit log (criteria, conflicts, the scoring window, the pitch
order, reveals, publication, the people's choice vote); running the session (timers, who pitches) is not, and
neither are refused or repeated commands."""

from __future__ import annotations

from sqlalchemy import select

from hackathon.extensions import db, socketio
from hackathon.judging import scoring
from hackathon.judging.models import Criterion, JuryConflict
from hackathon.transactions import unit_of_work
from tests.support.audit_log import entries, only


def organiser_client(app, make, kit):
    client = make.login(app.test_client(), kit.organiser)
    return client, make.csrf(client, f"/events/{kit.event.slug}/console/judging/")


def actions() -> list[str]:
    return [e.action for e in entries()]


def test_session_decisions_are_logged_and_its_running_is_not(app, make, kit):
    client, token = organiser_client(app, make, kit)
    base = f"/events/{kit.event.slug}/console/judging"
    alpha, beta, gamma = kit.teams

    def act(path, **data):
        return client.post(base + path, data={"csrf_token": token, **data})

    act("/pitch/fill")
    filled = only("judging.pitch_order_changed")
    assert (filled.target, filled.actor_id) == (f"event:{kit.event.id}", kit.organiser.id)
    assert filled.summary == "Added to the pitch order: Alpha, Beta, Gamma."
    act("/pitch/fill")  # everyone is placed already
    act(f"/pitch/{alpha.id}/up")  # first already
    act("/pitch/99999/up")  # not in the order
    act(f"/pitch/{gamma.id}/up")
    moved = entries("judging.pitch_order_changed")
    assert len(moved) == 2 and moved[1].target == f"team:{gamma.id}"
    assert moved[1].summary == "Gamma moved to place 2 of the pitch order."
    assert moved[1].details == {"order": [alpha.id, gamma.id, beta.id]}

    act("/open")
    act("/open")  # open already: nothing changes
    act("/next")
    act(f"/current/{beta.id}")
    act("/timer/pitch")
    act("/timer/idle")
    act("/timer-lengths", pitch_minutes="4", qa_minutes="2")
    act("/timer-lengths", pitch_minutes="4", qa_minutes="2")  # the same lengths again
    act("/timer-lengths", pitch_minutes="0", qa_minutes="2")  # refused
    timer = only("judging.timer_changed")
    assert timer.details == {"pitch_seconds": 240, "qa_seconds": 120}
    assert timer.summary == "Pitch timer set to 4 minutes, Q&A to 2 minutes."
    for juror in kit.jurors:
        for team, value in zip(kit.teams, (9, 6, 3), strict=True):
            with unit_of_work():
                scoring.save_sheet(kit.event, juror, team.id, {"impact": value, "pitch": 3}, "")
    act("/reveal")  # refused while scoring is open
    act("/publish")  # refused while scoring is open
    act("/close")
    act("/close")
    act("/reveal")
    act("/publish")
    act("/publish")
    assert actions() == ["judging.pitch_order_changed", "judging.pitch_order_changed", "judging.scoring_opened",
                         "judging.timer_changed", "judging.scoring_closed", "judging.place_revealed",
                         "judging.results_published"]
    revealed = only("judging.place_revealed")
    assert revealed.summary == "Place 3 of 3 revealed on the projector." and revealed.details == {"ranked": 3}
    assert {e.actor_id for e in entries()} == {kit.organiser.id}
    assert {e.target for e in entries() if e.action.startswith(("judging.scoring", "judging.results"))} == {
        f"event:{kit.event.id}"}


def test_the_peoples_choice_vote_is_logged(app, make, kit):
    client, token = organiser_client(app, make, kit)
    base = f"/events/{kit.event.slug}/console/judging/audience"
    for state in ("open", "open", "wizard", "closed", "revealed", "revealed"):
        client.post(f"{base}/{state}", data={"csrf_token": token})
    client.post(f"{base}/closed", data={})  # no CSRF token
    assert actions() == ["judging.vote_opened", "judging.vote_closed", "judging.vote_revealed"]
    assert only("judging.vote_closed").details == {"votes": 0}
    assert only("judging.vote_opened").summary == "People's choice vote opened."


def test_scoring_opened_and_closed_over_sockets_is_logged(app, make, kit):
    organiser = socketio.test_client(app, flask_test_client=make.login(app.test_client(), kit.organiser))
    juror = socketio.test_client(app, flask_test_client=make.login(app.test_client(), kit.jurors[0]))
    assert juror.emit("judging:open", {"event": kit.event.slug}, callback=True)["error"]["code"] == "forbidden"
    assert organiser.emit("judging:close", {"event": kit.event.slug}, callback=True)["ok"] is False  # not open
    assert entries() == []
    assert organiser.emit("judging:open", {"event": kit.event.slug}, callback=True)["ok"]
    assert organiser.emit("judging:open", {"event": kit.event.slug}, callback=True)["ok"]
    assert organiser.emit("judging:close", {"event": kit.event.slug}, callback=True)["ok"]
    opened, closed = entries()
    assert (opened.action, opened.target, opened.actor_id) == ("judging.scoring_opened", f"event:{kit.event.id}",
                                                               kit.organiser.id)
    assert (closed.action, closed.actor_name) == ("judging.scoring_closed", "Olga Organiser")


def test_criteria_changes_are_logged(app, make, kit):
    client, token = organiser_client(app, make, kit)
    base = f"/events/{kit.event.slug}/console/judging/criteria"
    reach = {"csrf_token": token, "key": "reach", "name": "Reach", "weight": "3", "min": "1", "max": "5"}
    client.post(base + "/new", data=reach)
    criterion = db.session.scalar(select(Criterion).where(Criterion.key == "reach"))
    added = only("judging.criterion_added")
    assert (added.target, added.actor_id) == (f"criterion:{criterion.id}", kit.organiser.id)
    assert added.summary == "Criterion Reach added (weight 3, scores 1 to 5)."
    client.post(base + "/new", data={**reach, "name": "Again"})  # the key is taken
    client.post(base + "/new", data={**reach, "key": "other", "guide": "no number"})  # bad guide
    assert len(entries("judging.criterion_added")) == 1

    client.post(f"{base}/{criterion.id}", data={**reach, "weight": "4", "guide": "1: few"})
    changed = only("judging.criterion_changed")
    assert changed.details == {"changes": {"weight": [3, 4], "guide": "changed"}}
    assert changed.summary == "Criterion Reach changed: guide, weight."
    client.post(f"{base}/{criterion.id}", data={**reach, "weight": "4", "guide": "1: few"})  # nothing changed
    client.post(f"{base}/{criterion.id}", data={**reach, "weight": "0"})  # refused
    assert len(entries("judging.criterion_changed")) == 1

    client.post(f"{base}/{criterion.id}/delete", data={"csrf_token": token})
    removed = only("judging.criterion_removed")
    assert removed.target == f"criterion:{criterion.id}" and removed.summary == "Criterion Reach removed."
    client.post(f"{base}/{criterion.id}/delete", data={"csrf_token": token})  # gone already
    kit.open()
    impact = db.session.scalar(select(Criterion).where(Criterion.key == "impact"))
    client.post(f"{base}/{impact.id}/delete", data={"csrf_token": token})  # closed once scoring opened
    client.post(f"{base}/{impact.id}", data={**reach, "key": "impact", "weight": "9"})  # closed too
    assert actions() == ["judging.criterion_added", "judging.criterion_changed", "judging.criterion_removed"]


def test_conflicts_declared_and_removed_by_organisers_are_logged(app, make, kit):
    client, token = organiser_client(app, make, kit)
    base = f"/events/{kit.event.slug}/console/judging/conflicts"
    juror, alpha = kit.jurors[0], kit.teams[0]
    declare = {"conflict-csrf_token": token, "conflict-juror_id": str(juror.id), "conflict-target": f"team:{alpha.id}",
               "conflict-reason": "Her cousin"}
    client.post(base, data=declare)
    conflict = db.session.scalar(select(JuryConflict))
    declared = only("judging.conflict_declared")
    assert (declared.target, declared.actor_id) == (f"conflict:{conflict.id}", kit.organiser.id)
    assert declared.summary == "Conflict of interest recorded: Juror 1 and Alpha."
    assert declared.details == {"juror_id": juror.id, "team_id": alpha.id, "organisation_id": None}
    assert "cousin" not in declared.summary + str(declared.details)  # the reason stays with the conflict
    client.post(base, data=declare)  # declared already: the first one stays
    client.post(base, data={**declare, "conflict-juror_id": str(kit.organiser.id)})  # not a juror
    client.post(base, data={**declare, "conflict-target": "team:99999"})  # no such team
    assert len(entries("judging.conflict_declared")) == 1

    # A juror declaring their own conflict is not an organiser's change.
    phone = make.login(app.test_client(), kit.jurors[1])
    phone.post(f"/events/{kit.event.slug}/judging/jury/conflicts",
               data={"conflict-csrf_token": make.csrf(phone, f"/events/{kit.event.slug}/judging/jury"),
                     "conflict-target": f"team:{alpha.id}"})
    assert len(entries()) == 1

    client.post(f"{base}/{conflict.id}/delete", data={"csrf_token": token})
    removed = only("judging.conflict_removed")
    assert removed.target == f"conflict:{conflict.id}"
    assert removed.summary == "Conflict of interest removed: Juror 1 and Alpha."
    client.post(f"{base}/{conflict.id}/delete", data={"csrf_token": token})  # gone already
    assert len(entries()) == 2
