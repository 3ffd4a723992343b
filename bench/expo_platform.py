"""The simulation's `Strategy` for the platform: every step is one of the expo's real commands.

`build` makes the world's event in the database of the active app context: one team per project, one juror per
judge (their conflicts declared as the pitch session records them), a round over every team, opened. Each
judge's step then goes through `hackathon.expo.commands`, as a phone's socket command does.
"""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import select

from bench.expo_sim import World
from hackathon.accounts import services as accounts
from hackathon.commands import Actor
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.expo import commands
from hackathon.expo.beliefs import comparisons
from hackathon.expo.models import ExpoJudge, ExpoVisit
from hackathon.expo.standings import ranking, standing_votes
from hackathon.extensions import db
from hackathon.judging import conflicts
from hackathon.teams.models import Team
from hackathon.transactions import unit_of_work


class PlatformExpo:
    """Drives one round through the platform's commands; ids of the world are mapped to teams and jurors."""

    def __init__(self, world: World, slug: str = "expo-sim", finalists: int = 10, min_comparisons: int = 3,
                 password: str = "expo-simulation") -> None:  # noqa: S107 - the simulation's throwaway accounts
        self.world = world
        start = dt.date.today() + dt.timedelta(days=1)
        with unit_of_work():
            self.event = create_event(slug, "Expo simulation", timezone="Europe/Berlin",
                                      days=[start, start + dt.timedelta(days=1)], capacity=500, venue="Hall")
            self.organiser = accounts.create_user(f"organiser@{slug}.example", "Organiser", password)
            grant_role(self.event, self.organiser, "organiser")
        self.users = {}
        for judge in world.judges:
            with unit_of_work():
                user = accounts.create_user(f"judge{judge}@{slug}.example", f"Judge {judge:02d}", password)
                grant_role(self.event, user, "jury")
            self.users[judge] = user
        with unit_of_work():
            teams = {p: Team(event_id=self.event.id, name=f"Project {p:03d}", invite_code=f"{slug}-{p}", max_size=5)
                     for p in world.projects}
            db.session.add_all(teams.values())
        self.team_of = {p: team.id for p, team in teams.items()}
        self.project_of = {team_id: p for p, team_id in self.team_of.items()}
        with unit_of_work():
            for judge, projects in world.conflicts.items():
                for project in projects:
                    conflicts.declare(self.event, self.users[judge], team_id=self.team_of[project],
                                      declared_by="organiser", reason="simulation")
        self.actors = {j: Actor(user, via="socket") for j, user in self.users.items()}
        organiser = Actor(self.organiser)
        outcome = commands.add_round(organiser, event=self.event, name="Expo", track_id=None, finalists=finalists,
                                     min_comparisons=min_comparisons, judge_ids=[u.id for u in self.users.values()])
        self.round_id = outcome.value["round_id"]
        commands.open_round(organiser, round_id=self.round_id)
        self.nonces = itertools.count(1)

    def _judge(self, judge: int) -> ExpoJudge:
        return db.session.scalar(select(ExpoJudge).where(ExpoJudge.round_id == self.round_id,
                                                         ExpoJudge.user_id == self.users[judge].id)
                                 .execution_options(populate_existing=True))

    def _project(self, team_id: int | None) -> int | None:
        return None if team_id is None else self.project_of[team_id]

    def next_for(self, judge: int) -> tuple[int | None, int | None]:
        commands.next_project(self.actors[judge], round_id=self.round_id)
        row = self._judge(judge)
        return self._project(row.previous_team_id), self._project(row.current_team_id)

    def begin(self, judge: int) -> None:
        row = self._judge(judge)
        commands.next_project(self.actors[judge], round_id=self.round_id, seen_team_id=row.current_team_id)

    def vote(self, judge: int, current_better: bool) -> None:
        row = self._judge(judge)
        commands.vote(self.actors[judge], round_id=self.round_id, previous_team_id=row.previous_team_id,
                      current_team_id=row.current_team_id, winner="current" if current_better else "previous",
                      nonce=f"simulated-vote-{next(self.nonces):06d}")

    def skip(self, judge: int) -> None:
        row = self._judge(judge)
        commands.skip(self.actors[judge], round_id=self.round_id, team_id=row.current_team_id)

    def ranking(self) -> list[int]:
        from hackathon.expo.rounds import get_round

        places = ranking(get_round(self.event, self.round_id), judges=False)["ranking"]
        return [self.project_of[p["team_id"]] for p in places]

    def comparisons(self) -> dict[int, int]:
        return {self.project_of[t]: n for t, n in comparisons(standing_votes(self.round_id)).items()}

    def conflicted_visits(self) -> int:
        """Visits the database holds to a team its judge is conflicted with (must be none)."""
        visits = db.session.execute(select(ExpoVisit.judge_id, ExpoVisit.team_id)
                                    .where(ExpoVisit.round_id == self.round_id)).all()
        judge_of = {u.id: j for j, u in self.users.items()}
        return sum(1 for user_id, team_id in visits
                   if self.project_of[team_id] in self.world.conflicts[judge_of[user_id]])
