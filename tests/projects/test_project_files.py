"""Project files: recognised by content, limited in size, stored on disk or in an S3 bucket (a fake one, in
process), served with safe headers only to those who may see the project."""

from __future__ import annotations

import io

import pytest

from hackathon.commands import Actor
from hackathon.errors import Invalid
from hackathon.projects import commands
from hackathon.projects.files import check_upload, safe_filename, sniff
from hackathon.projects.storage import DiskStore, FileMissing, S3Store, check_key, file_store
from tests.projects.conftest import pdf_bytes, png_bytes

KEY = "projects/7/" + "k" * 24 + ".pdf"


@pytest.mark.parametrize(("data", "expected"), [
    (b"%PDF-1.7\n...", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n....", "image/png"),
    (b"\xff\xd8\xff\xe0....", "image/jpeg"),
    (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
    (b"<html><script>alert(1)</script>", None),
    (b"PK\x03\x04 a pptx is a zip", None),
    (b"", None),
])
def test_the_type_is_read_from_the_bytes(data, expected):
    assert sniff(data) == expected


def test_a_file_named_like_an_image_but_not_one_is_refused():
    with pytest.raises(Invalid):
        check_upload(b"<html>hello</html>", "photo.png", slides_max_mb=1, image_max_mb=1)
    with pytest.raises(Invalid):  # starts like a PNG, but is not an image
        check_upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "photo.png", slides_max_mb=1, image_max_mb=1)


def test_sizes_are_limited_per_kind():
    big_pdf = pdf_bytes() + b"%" * (1024 * 1024)
    with pytest.raises(Invalid) as refused:
        check_upload(big_pdf, "slides.pdf", slides_max_mb=1, image_max_mb=5)
    assert "1 MB" in refused.value.message
    assert check_upload(big_pdf, "slides.pdf", slides_max_mb=2, image_max_mb=1).kind == "slides"


def test_file_names_are_made_safe_with_the_true_extension():
    assert safe_filename("../../etc/passwd.png", "pdf") == "etc-passwd.pdf"
    assert safe_filename("Präsentation – Tag 3.PDF", "pdf") == "Prasentation-Tag-3.pdf"
    assert safe_filename("", "png") == "file.png"


def test_store_keys_are_the_platforms_own():
    check_key(KEY)
    for bad in ("../secret.pdf", "projects/7/../../x.pdf", "/etc/passwd", "projects/7/short.pdf",
                "projects/7/" + "k" * 24 + ".html"):
        with pytest.raises(ValueError, match="not a project file key"):
            check_key(bad)


def test_the_disk_store_keeps_and_forgets(tmp_path):
    store = DiskStore(tmp_path)
    store.put(KEY, b"%PDF-1.4 slides", "application/pdf")
    assert store.get(KEY) == b"%PDF-1.4 slides"
    assert not list((tmp_path / "projects" / "7").glob(".upload-*"))  # no temporary file left behind
    store.delete(KEY)
    store.delete(KEY)
    with pytest.raises(FileMissing):
        store.get(KEY)


@pytest.fixture(scope="module")
def s3_server():
    """A fake S3 (moto's server mode) on a free local port, for this module only."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def test_the_object_store_keeps_and_forgets(s3_server, monkeypatch):
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    boto3.client("s3", endpoint_url=s3_server, region_name="eu-central-1").create_bucket(
        Bucket="hackathon-files", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    store = S3Store("hackathon-files", endpoint_url=s3_server, region="eu-central-1", prefix="test-run")
    store.put(KEY, b"%PDF-1.4 slides", "application/pdf")
    assert store.get(KEY) == b"%PDF-1.4 slides"
    head = store.client.head_object(Bucket="hackathon-files", Key="test-run/" + KEY)
    assert head["ContentType"] == "application/pdf"
    store.delete(KEY)
    with pytest.raises(FileMissing):
        store.get(KEY)


def test_uploads_go_through_the_object_store_when_configured(app, client, make, kit, s3_server, monkeypatch):
    import boto3

    from hackathon.projects.storage import EXTENSION_KEY, build_store

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1").create_bucket(Bucket="uploads")
    app.config.update(PROJECT_FILES_S3_BUCKET="uploads", PROJECT_FILES_S3_ENDPOINT=s3_server,
                      PROJECT_FILES_S3_REGION="us-east-1")
    app.extensions[EXTENSION_KEY] = build_store(app.config, app.instance_path)
    assert isinstance(file_store(), S3Store)
    _team, (ana, _ben) = kit.team()
    make.login(client, ana)
    token = make.csrf(client, f"/events/{kit.event.slug}/project")
    response = client.post(f"/events/{kit.event.slug}/project/files", data={
        "csrf_token": token, "file": (io.BytesIO(pdf_bytes("Our pitch")), "pitch.pdf")})
    assert response.status_code == 302
    (stored,) = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1").list_objects_v2(
        Bucket="uploads")["Contents"]
    served = client.get(f"/events/{kit.event.slug}/projects/files/1/pitch.pdf")
    assert served.status_code == 200 and served.data.startswith(b"%PDF-") and stored["Size"] == len(served.data)


def upload(client, make, kit, user, data: bytes, name: str):
    make.login(client, user)
    token = make.csrf(client, f"/events/{kit.event.slug}/project")
    return client.post(f"/events/{kit.event.slug}/project/files",
                       data={"csrf_token": token, "file": (io.BytesIO(data), name)}, follow_redirects=True)


def test_a_member_uploads_slides_and_an_image_and_they_are_served_safely(client, make, kit, event):
    _team, (ana, _ben) = kit.team()
    page = upload(client, make, kit, ana, png_bytes(), "Our team.png")
    assert "Our-team.png is added" in page.get_data(as_text=True)
    upload(client, make, kit, ana, pdf_bytes(), "pitch deck.pdf")
    image = client.get(f"/events/{event.slug}/projects/files/1/Our-team.png")
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    assert image.headers["Content-Disposition"].startswith("inline")
    slides = client.get(f"/events/{event.slug}/projects/files/2/pitch-deck.pdf")
    assert slides.mimetype == "application/pdf" and slides.headers["Content-Disposition"].startswith("attachment")
    assert "sandbox" in slides.headers["Content-Security-Policy"]
    assert client.get(f"/events/{event.slug}/projects/files/2/other-name.pdf").status_code == 404


def test_a_refused_upload_leaves_nothing_in_the_store(client, make, kit, app):
    import pathlib

    _team, (ana, _ben) = kit.team()
    page = upload(client, make, kit, ana, b"<svg onload='alert(1)'/>", "logo.png")
    assert "Only PDF slides" in page.get_data(as_text=True)
    kit.deadline_in(-60)  # the deadline has passed: the stored bytes are removed again
    page = upload(client, make, kit, ana, png_bytes(), "late.png")
    assert "deadline has passed" in page.get_data(as_text=True)
    root = pathlib.Path(app.config["PROJECT_FILES_DIR"]) / "projects" / str(kit.event.id)
    assert not root.exists() or not any(root.iterdir())


def test_an_upload_larger_than_the_limit_is_refused_before_it_is_read(client, make, kit, app):
    _team, (ana, _ben) = kit.team()
    app.config["PROJECT_SLIDES_MAX_MB"] = 1
    app.config["PROJECT_IMAGE_MAX_MB"] = 1
    page = upload(client, make, kit, ana, pdf_bytes() + b"%" * (2 * 1024 * 1024), "huge.pdf")
    assert page.status_code == 413


def test_files_are_only_for_those_who_may_see_the_project(client, make, kit, event):
    team, (ana, _ben) = kit.team()
    _other, (carla,) = kit.team(members=1)
    upload(client, make, kit, ana, png_bytes(), "photo.png")
    url = f"/events/{event.slug}/projects/files/1/photo.png"
    make.login(client, carla)
    assert client.get(url).status_code == 404
    make.login(client, make.staff(event, "jury"))
    assert client.get(url).status_code == 200
    anonymous = make.app.test_client()
    assert anonymous.get(url).status_code == 404
    commands.set_consent(Actor(ana), team_id=team.id, show=True)
    kit.publish_gallery()
    assert anonymous.get(url).status_code == 200
