"""The badge page, the scanner page, the attendance console, walk-ins, points, badge sheets, the email."""

from __future__ import annotations

from sqlalchemy import func, select

from hackathon.checkin import scanning
from hackathon.checkin.models import Badge, CheckinPoint
from hackathon.clock import local_today
from hackathon.events.models import Registration
from hackathon.extensions import db
from hackathon.transactions import unit_of_work


def test_participant_sees_and_downloads_their_badge(client, make, kit):
    user, _registration, code = kit.person("Ana Popescu")
    make.login(client, user)
    page = client.get(f"/events/{kit.event.slug}/badge")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and code in html and "data:image/png;base64," in html
    png = client.get(f"/events/{kit.event.slug}/badge.png")
    assert png.status_code == 200 and png.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"/events/{kit.event.slug}/badge").get_data(as_text=True).count(code) >= 1
    assert db.session.scalar(select(func.count()).select_from(Badge)) == 1  # viewing twice issues nothing new


def test_the_qr_decodes_to_the_code(kit, app):
    import io

    from PIL import Image

    from hackathon.checkin.badges import badge_png

    _user, _registration, code = kit.person()
    image = Image.open(io.BytesIO(badge_png(code)))
    assert image.size[0] >= 200


def test_only_organisers_open_the_scanner_and_console(client, make, kit):
    user, _registration, _code = kit.person()
    make.login(client, user)
    for path in ("checkin/scan", "console/checkin/", "console/checkin/badges"):
        assert client.get(f"/events/{kit.event.slug}/{path}").status_code == 403, path
    make.login(client, kit.organiser)
    page = client.get(f"/events/{kit.event.slug}/checkin/scan")
    assert page.status_code == 200 and 'id="scanner"' in page.get_data(as_text=True)
    assert client.get(f"/events/{kit.event.slug}/badge").status_code == 403  # organisers hold no badge here


def test_attendance_page_and_csv(client, make, kit):
    _user, _registration, code = kit.person("Ana Popescu")
    kit.person("Ben Larsson")
    with unit_of_work():
        scanning.scan(kit.event, code, kit.organiser, door="North")
    make.login(client, kit.organiser)
    html = client.get(f"/events/{kit.event.slug}/console/checkin/").get_data(as_text=True)
    assert 'id="stat-in">1<' in html and 'id="stat-expected">2<' in html
    assert "North" in html and "Ben Larsson" in html  # who has not arrived
    latest = html.split('class="scan-log"', 1)[1].split("</ul>", 1)[0]
    assert "Ana Popescu" in latest and "North · Olga Organiser" in latest
    missing = html.split('class="scan-log not-arrived"', 1)[1].split("</ul>", 1)[0]
    assert "Ben Larsson" in missing and "Ana Popescu" not in missing
    today = local_today("Europe/Berlin").isoformat()
    csv = client.get(f"/events/{kit.event.slug}/console/checkin/{today}.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("Ana Popescu,") and ",North,Olga Organiser" in lines[1]
    assert client.get(f"/events/{kit.event.slug}/console/checkin/2001-01-01.csv").status_code == 404
    assert client.get(f"/events/{kit.event.slug}/console/checkin/garbage.csv").status_code == 404


def test_add_a_point_and_refuse_bad_ones(client, make, kit):
    make.login(client, kit.organiser)
    url = f"/events/{kit.event.slug}/console/checkin/points"
    today = local_today("Europe/Berlin").isoformat()
    token = make.csrf(client, f"/events/{kit.event.slug}/console/checkin/")
    for data in ({"name": "", "kind": "meal", "day": today}, {"name": "Lunch", "kind": "door", "day": today},
                 {"name": "Lunch", "kind": "meal", "day": "2001-01-01"}, {"name": "Lunch", "kind": "meal"}):
        client.post(url, data={"csrf_token": token, **data})
    assert db.session.scalar(select(func.count()).select_from(CheckinPoint)) == 0
    response = client.post(url, data={"csrf_token": token, "name": "Lunch", "kind": "meal", "day": today})
    assert response.status_code == 302
    assert db.session.scalar(select(CheckinPoint.name)) == "Lunch"


def test_walk_in_is_registered_and_shown_their_badge(client, make, kit, mailbox):
    make.login(client, kit.organiser)
    token = make.csrf(client, f"/events/{kit.event.slug}/console/checkin/")
    url = f"/events/{kit.event.slug}/console/checkin/walk-in"
    client.post(url, data={"csrf_token": token, "name": "Wally Walker", "email": "not-an-email"})
    assert db.session.scalar(select(func.count()).select_from(Registration)) == 0
    response = client.post(url, data={"csrf_token": token, "name": "Wally Walker", "email": "wally@example.org",
                                      "dietary": "halal"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Wally Walker" in html and "data:image/svg+xml;base64," in html
    registration = db.session.scalar(select(Registration))
    assert registration.status == "confirmed" and registration.dietary == "halal"
    assert registration.user.email == "wally@example.org"
    (message,) = [m for m in mailbox if "wally@example.org" in m["To"]]
    assert any(part.get_filename() == "badge.png" for part in message.walk())
    again = client.post(url, data={"csrf_token": token, "name": "Wally Walker", "email": "wally@example.org"},
                        follow_redirects=True)
    assert "already registered" in again.get_data(as_text=True)


def test_confirmation_email_carries_the_badge(client, make, today_event, mailbox):
    user = make.user()
    make.login(client, user)
    page = client.get(f"/events/{today_event.slug}/register")
    assert page.status_code == 200
    from hackathon.checkin.wiring import badge_attachment
    from hackathon.events import registration as reg

    with unit_of_work():
        registration = reg.register(today_event, user, reg.Profile(country="DE"), consent_data=True)
    ((name, mime, data),) = badge_attachment(registration)
    assert name == "badge.png" and mime == "image/png" and data[:4] == b"\x89PNG"


def test_badge_sheet_and_reissue(client, make, kit):
    _user, registration, code = kit.person("Ana Popescu")
    make.user()
    make.login(client, kit.organiser)
    html = client.get(f"/events/{kit.event.slug}/console/checkin/badges").get_data(as_text=True)
    assert "Ana Popescu" in html and code in html and "role-participant" in html
    token = make.csrf(client, f"/events/{kit.event.slug}/console/checkin/badges")
    response = client.post(f"/events/{kit.event.slug}/console/checkin/badges/{registration.id}/reissue",
                           data={"csrf_token": token})
    assert response.status_code == 302
    codes = dict(db.session.execute(select(Badge.code, Badge.status)).all())
    assert codes[code] == "revoked" and list(codes.values()).count("active") == 1
    assert client.post(f"/events/{kit.event.slug}/console/checkin/badges/99999/reissue",
                       data={"csrf_token": token}, follow_redirects=True).status_code == 200
    assert client.post(f"/events/{kit.event.slug}/console/checkin/badges/{registration.id}/reissue",
                       data={}).status_code == 400  # no CSRF token
    assert list(dict(db.session.execute(select(Badge.code, Badge.status)).all()).values()).count("revoked") == 1


def test_the_badge_sheet_comes_in_pages(client, make, kit, monkeypatch):
    from hackathon.checkin import sheets

    monkeypatch.setattr(sheets, "SHEET_SIZE", 2)
    for name in ("Dana Dell", "Ana Abel", "Cem Cole", "Ben Bold", "Eva Ernst"):
        kit.person(name)
    make.login(client, kit.organiser)
    url = f"/events/{kit.event.slug}/console/checkin/badges"

    def names(html: str) -> list[str]:
        return [part.split("<", 1)[0] for part in html.split('<span class="badge-name">')[1:]]

    first = client.get(url).get_data(as_text=True)
    assert names(first) == ["Ana Abel", "Ben Bold"]
    assert "Badges 1–2 of 5" in first and f'href="{url}?page=3"' in first
    assert names(client.get(f"{url}?page=2").get_data(as_text=True)) == ["Cem Cole", "Dana Dell"]
    last = client.get(f"{url}?page=3").get_data(as_text=True)
    assert names(last) == ["Eva Ernst"] and "Badges 5–5 of 5" in last and 'aria-current="page">3<' in last
    assert names(client.get(f"{url}?page=99").get_data(as_text=True)) == ["Eva Ernst"]
    assert names(client.get(f"{url}?page=abc").get_data(as_text=True)) == ["Ana Abel", "Ben Bold"]
    monkeypatch.setattr(sheets, "SHEET_SIZE", 200)
    whole = client.get(url).get_data(as_text=True)
    assert len(names(whole)) == 5 and "Badges 1–" not in whole and 'class="pager"' not in whole


def test_the_sheet_qr_draws_exactly_the_dark_modules(kit):
    import base64
    import re

    import qrcode

    from hackathon.checkin.badges import _svg_data_uri

    _user, _registration, code = kit.person()
    svg = base64.b64decode(_svg_data_uri(code).split(",", 1)[1]).decode()
    drawn = {(int(x) + k, int(y)) for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg)
             for k in range(int(w))}
    qr = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(code)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    assert drawn == {(x, y) for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark}
    assert f'viewBox="0 0 {len(matrix)} {len(matrix)}"' in svg
