"""Certificates: drawn as PDF and read back as text, for everyone checked in and for the winning teams."""

from __future__ import annotations

import io

from pypdf import PdfReader

from hackathon.checkin.badges import ensure_badge
from hackathon.checkin.models import Checkin
from hackathon.checkin.scanning import door_point
from hackathon.clock import utcnow
from hackathon.events.models import Registration
from hackathon.extensions import db
from hackathon.projects.certificates import Page, render
from hackathon.projects.pdf import Font, find_font
from hackathon.transactions import unit_of_work
from tests.projects.results import publish_ranking


def text_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_certificate_reads_back_with_its_name_in_any_script():
    pdf = render([Page(heading="Certificate of participation", lines_before=["This certifies that"],
                       name="Ștefan Dumitrescu", lines_after=["took part in the Social Impact Hackathon."],
                       footer="The organisers")], find_font(), "Certificates", "Test")
    (page,) = text_of(pdf)
    assert "Certificate of participation" in page and "Ștefan Dumitrescu" in page


def test_without_a_truetype_font_names_lose_only_their_accents():
    pdf = render([Page(heading="Certificate", lines_before=[], name="Åsa Ștefănescu", lines_after=[])],
                 Font(None, None), "Certificates", "Test")
    assert "Asa Stefanescu" in text_of(pdf)[0]


def checked_in(make, event, user):
    """A check-in at the door on the first day, written straight into the check-in tables."""
    registration = db.session.query(Registration).filter_by(user_id=user.id, event_id=event.id).one()
    with unit_of_work():
        badge = ensure_badge(registration)
        point = door_point(event)
        db.session.add(Checkin(event_id=event.id, badge_id=badge.id, registration_id=registration.id,
                               point_id=point.id, day=event.days[0].date, at=utcnow()))


def test_everyone_checked_in_gets_a_certificate_of_participation(client, make, event, kit):
    team, (ana, ben) = kit.team(name="Circular Pioneers")
    kit.save(ana, team, title="FixCount")
    checked_in(make, event, ana)
    make.login(client, ana)
    response = client.get(f"/events/{event.slug}/certificates/participation.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    (page,) = text_of(response.data)
    assert ana.name in page and "Circular Pioneers" in page and "FixCount" in page and "Test Hack" in page
    make.login(client, ben)  # never checked in
    assert client.get(f"/events/{event.slug}/certificates/participation.pdf").status_code == 404
    make.login(client, make.organiser_of(event))
    every = client.get(f"/events/{event.slug}/console/projects/certificates/participation.pdf")
    assert [p for p in text_of(every.data) if ana.name in p] and not [p for p in text_of(every.data)
                                                                        if ben.name in p]


def test_winning_teams_get_a_certificate_of_achievement(client, make, event, kit):
    first, (ana, ben) = kit.team(name="Circular Pioneers")
    second, (carla,) = kit.team(members=1, name="Kilowatt Commons")
    kit.save(ana, first, title="FixCount")
    make.login(client, ana)
    assert client.get(f"/events/{event.slug}/certificates/winner.pdf").status_code == 404  # nothing won yet
    kit.publish_gallery(places=1)
    publish_ranking(make, event, [first, second])
    pages = text_of(client.get(f"/events/{event.slug}/certificates/winner.pdf").data)
    assert len(pages) == 1 and "Certificate of achievement" in pages[0] and "Place 1 overall" in pages[0]
    assert "FixCount" in pages[0]
    make.login(client, make.organiser_of(event))
    every = text_of(client.get(f"/events/{event.slug}/console/projects/certificates/winner.pdf").data)
    assert sorted(p.split("This certifies that")[1].strip().splitlines()[0] for p in every) == sorted(
        [ana.name, ben.name])
    assert carla.name not in " ".join(every)
