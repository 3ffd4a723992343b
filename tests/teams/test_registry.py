"""Organisations live once across events: the registry, challenges posed for them, owners invited by email."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from hackathon.commands import Actor
from hackathon.errors import Conflict, Forbidden, Invalid, NotFound
from hackathon.events.roles import roles_of
from hackathon.extensions import db
from hackathon.teams import challenge_commands, organisations
from hackathon.teams.challenges import ChallengeFields
from hackathon.teams.models import Challenge, Organisation
from hackathon.teams.organisations import OrganisationFields
from tests.support.audit_log import entries
from tests.support.factories import event_today
from tests.support.queries import count_queries
from tests.support.smtp import body


@pytest.fixture
def spring(make):
    """A second event, the next one, with its own organiser."""
    start = event_today() + dt.timedelta(days=120)
    return make.event(slug="spring-hack", days=[start + dt.timedelta(days=i) for i in range(2)])


def organiser(make, event) -> Actor:
    return Actor(make.organiser_of(event))


def test_the_registry_keeps_one_organisation_per_name(make, event):
    actor = organiser(make, event)
    made = challenge_commands.register_organisation(actor, fields=OrganisationFields(
        name="  Coompanion   Sweden ", country="se", kind="social_economy", website="https://coompanion.se"))
    found = db.session.get(Organisation, made.value["organisation_id"])
    assert (found.name, found.country, found.kind) == ("Coompanion Sweden", "SE", "social_economy")
    with pytest.raises(Conflict):
        challenge_commands.register_organisation(actor, fields=OrganisationFields(name="coompanion sweden"))
    for bad in ({"name": "x"}, {"name": "Fine", "country": "XX"}, {"name": "Fine", "website": "ftp://x"},
                {"name": "Fine", "logo_path": "javascript:alert(1)"}, {"name": "Fine", "description": "d" * 1001}):
        with pytest.raises(Invalid):
            challenge_commands.register_organisation(actor, fields=OrganisationFields(**bad))
    assert organisations.kind_of("cooperative") == "social_economy" and organisations.kind_of("spaceship") == "other"
    participant, _registration = make.participant(event)
    with pytest.raises(Forbidden):
        challenge_commands.register_organisation(Actor(participant), fields=OrganisationFields(name="Mine"))
    challenge_commands.update_organisation(actor, organisation_id=found.id, expected_version=1,
                                 fields=OrganisationFields(name="Coompanion", country="SE", kind="partner"))
    with pytest.raises(Conflict):  # a form loaded before that change
        challenge_commands.update_organisation(actor, organisation_id=found.id, expected_version=1,
                                     fields=OrganisationFields(name="Coompanion Sverige"))
    assert [e.action for e in entries()] == ["organisation.registered", "organisation.changed"]


def test_an_organisation_poses_challenges_at_several_events_and_they_are_its_history(make, event, spring):
    first = challenge_commands.add_challenge(organiser(make, event), event=event, fields=ChallengeFields(
        title="Repair café network", organisation="Reparaturtreff Vilstal e.V.", summary="Fix, not discard"))
    organisation = organisations.find_by_name("reparaturtreff vilstal e.v.")
    past = organisations.past_challenges([organisation.id], exclude_event_id=spring.id)
    assert [(p.title, p.event_slug) for p in past] == [("Repair café network", event.slug)]
    reused = challenge_commands.reuse_challenge(organiser(make, spring), event=spring,
                                                challenge_id=first.value["challenge_id"])
    copy = db.session.get(Challenge, reused.value["challenge_id"])
    assert (copy.event_id, copy.organisation_id, copy.summary, copy.owner_id) == (
        spring.id, organisation.id, "Fix, not discard", None)
    with pytest.raises(NotFound):  # a challenge of this very event is not a past one
        challenge_commands.reuse_challenge(organiser(make, spring), event=spring, challenge_id=copy.id)
    with pytest.raises(Forbidden):  # the organiser of another event cannot take it into this one
        challenge_commands.reuse_challenge(organiser(make, event), event=spring,
                                           challenge_id=first.value["challenge_id"])
    rows = {r.organisation.name: (r.challenges, r.events) for r in organisations.search()}
    assert rows["Reparaturtreff Vilstal e.V."] == (2, 2)


def test_owners_are_invited_by_email_and_become_owners_on_accepting(app, client, make, event, mailbox):
    existing = make.user(name="Ella Existing", email="ella@example.org")
    make.login(client, make.organiser_of(event))
    url = f"/events/{event.slug}/console/challenges/"
    token = make.csrf(client, url)
    response = client.post(url, data={"csrf_token": token, "organisation_id": "0", "new_organisation": "Gemeinsam Satt",
                                      "title": "Food rescue routes", "summary": "", "max_teams": "3",
                                      "owner_email": "ella@example.org"})
    assert response.status_code == 302
    challenge = db.session.scalar(select(Challenge).where(Challenge.title == "Food rescue routes"))
    assert challenge.owner_id == existing.id and roles_of(existing, event) == {"challenge_owner"}
    assert mailbox[-1]["To"] == "ella@example.org" and "Food rescue routes" in body(mailbox[-1])

    organisation_id = challenge.organisation_id
    response = client.post(url, data={"csrf_token": token, "organisation_id": str(organisation_id),
                                      "title": "Cold-chain sharing", "max_teams": "2",
                                      "owner_email": "NEW.owner@example.org"})
    assert response.status_code == 302
    waiting = db.session.scalar(select(Challenge).where(Challenge.title == "Cold-chain sharing"))
    assert (waiting.owner_id, waiting.owner_email) == (None, "new.owner@example.org")
    assert waiting.organisation_id == organisation_id
    link = re.search(r"http://localhost(/invitations/[A-Za-z0-9_\-]+)", body(mailbox[-1])).group(1)
    newcomer = make.user(email="new.owner@example.org")
    their = make.login(app.test_client(), newcomer)
    their.post(link, data={"csrf_token": make.csrf(their, link)})
    db.session.refresh(waiting)
    assert (waiting.owner_id, waiting.owner_email) == (newcomer.id, None)
    page = client.get(url).get_data(as_text=True)
    assert "Ella Existing" in page and "Cold-chain sharing" in page
    assert {e.action for e in entries()} >= {"teams.challenge_posted", "teams.owner_set", "teams.owner_invited"}


def test_bad_challenge_forms_change_nothing(client, make, event):
    make.login(client, make.organiser_of(event))
    url = f"/events/{event.slug}/console/challenges/"
    token = make.csrf(client, url)
    cases = [({"organisation_id": "0", "title": "Fine title"}, "Choose an organisation of the registry"),
             ({"organisation_id": "999", "title": "Fine title"}, "Not a valid choice"),
             ({"organisation_id": "0", "new_organisation": "Org", "title": "x"}, "between 3 and 200"),
             ({"organisation_id": "0", "new_organisation": "Org", "title": "Fine title", "owner_email": "nope"},
              "valid email"),
             ({"organisation_id": "0", "new_organisation": "Org", "title": "Fine title", "max_teams": "0"},
              "between 1 and 100")]
    for bad, message in cases:
        response = client.post(url, data={"csrf_token": token, "max_teams": "4", **bad})
        assert response.status_code == 422 and message in response.get_data(as_text=True), bad
    assert db.session.query(Challenge).count() == 0 and db.session.query(Organisation).count() == 0


def test_registry_pages_are_for_organisers_and_administrators(client, make, event, spring):
    participant, _registration = make.participant(event)
    make.login(client, participant)
    assert client.get("/organisations/").status_code == 403
    make.login(client, make.organiser_of(event))
    token = make.csrf(client, "/organisations/")
    made = client.post("/organisations/", data={"csrf_token": token, "name": "Datenwerk", "country": "DE",
                                                "kind": "technology", "website": "https://datenwerk.example"})
    assert made.status_code == 302
    again = client.post("/organisations/", data={"csrf_token": token, "name": "datenwerk"})
    assert again.status_code == 422 and "already in the registry" in again.get_data(as_text=True)
    found = organisations.find_by_name("Datenwerk")
    page = client.get(f"/organisations/{found.id}").get_data(as_text=True)
    assert "Technology provider" in page and "Germany" in page
    assert "Datenwerk" in client.get("/organisations/?kind=technology").get_data(as_text=True)
    assert "Datenwerk" not in client.get("/organisations/?kind=funder").get_data(as_text=True)


def test_registry_and_challenge_console_query_the_same_however_many(client, make, event, spring):
    organiser_user = make.organiser_of(event)
    make.login(client, organiser_user)
    challenge_commands.add_challenge(Actor(make.organiser_of(spring)), event=spring,
                           fields=ChallengeFields(title="The first", organisation="First org"))
    urls = ["/organisations/", f"/events/{event.slug}/console/challenges/"]
    few = [count_queries(client, url) for url in urls]
    for n in range(5):
        other = db.session.get(type(spring), spring.id)
        challenge_commands.add_challenge(Actor(db.session.get(type(organiser_user), make.organiser_of(other).id)),
                               event=other, fields=ChallengeFields(title=f"Challenge {n}", organisation=f"Org {n}"))
    assert [count_queries(client, url) for url in urls] == few


def test_an_owner_is_named_for_a_challenge_already_posted(make, event):
    from hackathon.events import invitations
    from hackathon.transactions import unit_of_work

    actor = organiser(make, event)
    posted = challenge_commands.add_challenge(actor, event=event, fields=ChallengeFields(title="Care circles",
                                                                               organisation="Sorgenetz eG"))
    challenge_id = posted.value["challenge_id"]
    invited = challenge_commands.set_challenge_owner(actor, event=event, challenge_id=challenge_id,
                                           owner_email="Someone@Example.org")
    assert invited.value["owner"] == "invited" and invited.value["invitation"]
    with pytest.raises(Invalid):
        challenge_commands.set_challenge_owner(actor, event=event, challenge_id=challenge_id,
                                               owner_email="not an email")
    with pytest.raises(NotFound):
        challenge_commands.set_challenge_owner(actor, event=event, challenge_id=999999, owner_email="a@example.org")
    # Already a challenge owner here (of another challenge): accepting still makes them this one's owner.
    someone = make.staff(event, "challenge_owner", email="someone@example.org")
    with unit_of_work():
        invitations.accept_invitation(invited.value["invitation"], someone)
    assert db.session.get(Challenge, challenge_id).owner_id == someone.id


def test_a_draft_events_challenge_is_not_reused_by_another_events_organiser(make, event):
    """Reusing challenges across events is the registry's point, but a draft event's challenges are its staff's."""
    from hackathon.teams.challenges import create_challenge
    from hackathon.transactions import unit_of_work

    draft = make.event(slug="draft-hack", days=[event_today() + dt.timedelta(days=40)])
    with unit_of_work():
        db.session.merge(draft).published = False
        posed = create_challenge(draft, ChallengeFields(title="Secret plans", organisation="Quiet Co"), owner=None)
    organiser = make.organiser_of(event)
    with pytest.raises(NotFound):
        challenge_commands.reuse_challenge(Actor(organiser), event=event, challenge_id=posed.id)
    with unit_of_work():
        db.session.merge(draft).published = True
    copied = challenge_commands.reuse_challenge(Actor(organiser), event=event, challenge_id=posed.id)
    assert copied.value["challenge_id"] != posed.id
