"""The overview's figures on a small event seeded through the services: every number as the capabilities count it."""

from __future__ import annotations

from datetime import timedelta

from hackathon.checkin import overview as checkin_figures
from hackathon.clock import clock
from hackathon.events import overview as event_figures
from hackathon.events import registration as reg
from hackathon.judging import overview as judging_figures
from hackathon.mentoring import overview as mentoring_figures
from hackathon.overview import figures
from hackathon.teams import overview as team_figures
from hackathon.transactions import unit_of_work
from tests.overview.conftest import at


def seed(kit):
    """Six people for four places (one of the two waiting cancels), two teams, one person alone, a grid, help."""
    people = [kit.person(f"Person {i}") for i in range(1, 7)]
    with unit_of_work():
        reg.cancel(people[5][1])  # waitlisted: nobody moves up
    (ana, ana_reg), (ben, ben_reg), (cleo, _) = people[:3]
    full = kit.team_of([ana, ben], "Full team")
    small = kit.team_of([cleo], "Small team")  # below the minimum of two; Dan has no team
    kit.check_in(ana_reg, at(kit.today, 9, 5))
    kit.check_in(ben_reg, at(kit.today, 9, 40))
    mentor = kit.make.staff(kit.event, "mentor", name="Maria Mentor")
    grid = kit.grid(day=2, start="10:00", end="12:00")  # tomorrow: four slots
    for slot in grid[:3]:
        kit.claim(mentor, slot)
    clock.frozen = at(kit.today, 10, 20)
    kit.book(ana, grid[0])
    kit.ask_for_help(cleo)
    return full, small


def test_registrations_count_each_status_and_the_places_left(kit):
    seed(kit)
    numbers = event_figures.registrations(kit.event)
    assert numbers == {"confirmed": 4, "waitlisted": 1, "cancelled": 1, "capacity": 4, "places_left": 0,
                       "phase": "full"}


def test_checkin_counts_today_at_the_door_with_arrivals_per_quarter_hour(kit):
    seed(kit)
    numbers = checkin_figures.checkin(kit.event, kit.today)
    assert numbers["day"] == kit.today.isoformat() and numbers["event_day"] is True
    assert (numbers["checked_in"], numbers["expected"], numbers["not_arrived"]) == (2, 4, 2)
    assert numbers["arrivals"] == [
        {"label": "09:00", "count": 1, "percent": 100},
        {"label": "09:15", "count": 0, "percent": 0},
        {"label": "09:30", "count": 1, "percent": 100},
    ]
    other_day = checkin_figures.checkin(kit.event, kit.today + timedelta(days=1))
    assert (other_day["checked_in"], other_day["arrivals"]) == (0, [])
    assert checkin_figures.checkin(kit.event, kit.today + timedelta(days=9))["event_day"] is False


def test_teams_count_people_with_and_without_a_team(kit):
    seed(kit)
    assert team_figures.teams(kit.event) == {"teams": 2, "people_in_teams": 3, "without_team": 1, "below_minimum": 1,
                                        "min_size": 2}


def test_mentoring_counts_slots_help_and_bookings_per_hour(kit):
    seed(kit)
    clock.frozen = at(kit.today, 10, 25)  # Cleo's team has waited five minutes
    numbers = mentoring_figures.mentoring(kit.event, clock.frozen)
    assert {key: value for key, value in numbers.items() if key != "bookings_per_hour"} == {
        "slots_booked": 1, "slots_offered": 3, "slots_free": 2, "slots_without_mentor": 1,
        "help_waiting": 1, "help_being_helped": 0, "longest_wait_seconds": 300, "median_wait_seconds": 300,
    }
    hours = numbers["bookings_per_hour"]
    assert len(hours) == mentoring_figures.BOOKING_HOURS
    assert [h["label"] for h in hours[-3:]] == ["08:00", "09:00", "10:00"]
    assert hours[-1] == {"label": "10:00", "count": 1, "percent": 100}
    assert sum(h["count"] for h in hours) == 1
    # Twelve hours later the booking has left the window.
    assert sum(h["count"] for h in mentoring_figures.bookings_per_hour(kit.event, at(kit.today, 22, 30))) == 0


def test_judging_counts_sheets_in_of_expected_and_teams_fully_scored(kit):
    full, small = seed(kit)
    first, second = kit.judging(jurors=2)
    assert judging_figures.judging(kit.event) == {"state": "open", "sheets_in": 0, "sheets_expected": 4,
                                          "teams_complete": 0, "teams": 2}
    kit.score(first, full)
    kit.score(second, full)
    kit.score(first, small)
    assert judging_figures.judging(kit.event) == {"state": "open", "sheets_in": 3, "sheets_expected": 4,
                                          "teams_complete": 1, "teams": 2}


def test_an_empty_event_is_all_zero_and_the_whole_overview_is_json(kit):
    import json

    everything = figures.overview(kit.event)
    assert json.loads(json.dumps(everything)) == everything
    assert everything["event"] == kit.event.slug and everything["timezone"] == "Europe/Berlin"
    assert everything["registrations"]["confirmed"] == 0 and everything["registrations"]["places_left"] == 4
    assert everything["checkin"]["arrivals"] == [] and everything["checkin"]["expected"] == 0
    assert everything["teams"]["teams"] == 0 and everything["judging"]["state"] == "pending"
    assert all(h["count"] == 0 and h["percent"] == 0 for h in everything["mentoring"]["bookings_per_hour"])


def test_bars_scale_to_the_tallest():
    assert figures.bars([("a", 1), ("b", 4), ("c", 0)]) == [
        {"label": "a", "count": 1, "percent": 25}, {"label": "b", "count": 4, "percent": 100},
        {"label": "c", "count": 0, "percent": 0}]
    assert figures.bars([]) == []
