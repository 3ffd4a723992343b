"""The capabilities' organiser actions in the log: every code has a label that the page's filter shows, and
erasing a person takes their name out of the capabilities' summaries too."""

from __future__ import annotations

from markupsafe import escape

from hackathon.audit import services
from hackathon.privacy import erasure
from hackathon.teams import challenges
from hackathon.teams import services as teams
from hackathon.transactions import unit_of_work
from tests.support.audit_log import entries

CAPABILITY_ACTIONS = {
    "teams": ["person_moved", "merged", "dissolved", "team_edited", "request_answered", "challenge_posted",
              "challenge_changed"],
    "mentoring": ["settings_changed", "session_added", "session_removed", "booking_cancelled", "claim_removed",
                  "help_request_cancelled"],
    "judging": ["scoring_opened", "scoring_closed", "timer_changed", "pitch_order_changed", "place_revealed",
                "results_published", "vote_opened", "vote_closed", "vote_revealed", "conflict_declared",
                "conflict_removed", "criterion_added", "criterion_changed", "criterion_removed", "track_added",
                "track_changed", "track_removed", "track_panel_changed"],
    "checkin": ["badge_reissued", "point_added", "walkin_registered"],
    "projects": ["submitted", "consent_changed", "deadline_changed", "extension_granted", "extension_revoked",
                 "gallery_published", "gallery_hidden", "winner_places_changed", "reminder_sent", "follow_up_saved",
                 "follow_up_removed"],
    "programme": ["item_added", "item_changed", "item_removed", "announcement_sent", "announcement_pinned",
                  "announcement_unpinned"],
}


def test_every_capability_action_has_a_label_shown_in_the_filter(client, make, event):
    codes = [f"{area}.{verb}" for area, verbs in CAPABILITY_ACTIONS.items() for verb in verbs]
    assert all(len(code) <= 60 and services.action_label(code) != code for code in codes)
    organiser = make.organiser_of(event)
    with unit_of_work():
        for code in codes:
            services.record(event, organiser, code, "event:1", f"Did {code}.")
    make.login(client, organiser)
    page = client.get(f"/events/{event.slug}/console/audit/").get_data(as_text=True)
    for code in codes:
        assert f'<option value="{code}" >{escape(services.action_label(code))}</option>' in page, code


def test_erasing_a_person_takes_their_name_out_of_capability_entries(client, make, event):
    ana, _registration = make.participant(event, name="Ana Silva")
    with unit_of_work():
        challenge = challenges.create_challenge(event, challenges.ChallengeFields(title="Repair cafés"), owner=None)
    with unit_of_work():
        teams.create_team(event, ana, teams.TeamDraft(name="Fixers", challenge_id=challenge.id))
    make.login(client, make.organiser_of(event))
    console = f"/events/{event.slug}/console/teams/"
    client.post(f"{console}move", data={"move-csrf_token": make.csrf(client, console),
                                        "move-user_id": str(ana.id), "move-team_id": "0"})
    (moved,) = entries("teams.person_moved")
    assert moved.summary == "Took Ana Silva out of Fixers."
    with unit_of_work():
        erasure.erase_account(ana)
    (moved,) = entries("teams.person_moved")
    assert moved.summary == f"Took Deleted person #{ana.id} out of Fixers."
