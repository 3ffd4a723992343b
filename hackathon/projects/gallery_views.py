"""The public gallery and a share page per project (no login needed once the organisers publish it)."""

from __future__ import annotations

from flask import Blueprint, abort, g, render_template, request, url_for
from flask_babel import gettext as _

from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..judging.tracks import list_tracks
from ..teams.challenges import list_challenges
from .access import gallery_is_public
from .gallery import GalleryFilter, gallery, gallery_entry
from .views import link_labels

bp = Blueprint("gallery", __name__, url_prefix="/events/<slug>/gallery")


def _open_or_preview(event: Event) -> bool:
    """Whether the gallery is public; organisers may preview it before (anyone else gets a 404)."""
    if gallery_is_public(event.id):
        return False
    if "organiser" in g.roles:
        return True
    abort(404)


def _int_arg(name: str) -> int | None:
    raw = request.args.get(name, "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


@bp.get("/")
@event_view()
def index(event: Event):
    if not gallery_is_public(event.id) and "organiser" not in g.roles:
        return render_template("projects/gallery.html", event=event, links=links_for(event, g.roles),
                               not_public=True)
    preview = _open_or_preview(event)
    flt = GalleryFilter(challenge=_int_arg("challenge"), track=_int_arg("track"), winners=request.args.get("winners")
                        == "1")
    return render_template("projects/gallery.html", event=event, links=links_for(event, g.roles), preview=preview,
                           entries=gallery(event, flt), flt=flt, challenges=list_challenges(event),
                           tracks=list_tracks(event), link_labels=link_labels())


@bp.get("/<int:team_id>")
@event_view()
def project(event: Event, team_id: int):
    """A project's page to share: Open Graph meta for the preview a link shows in chats and social media."""
    preview = _open_or_preview(event)
    entry = gallery_entry(event, team_id)
    if entry is None:
        abort(404)
    image = entry.image
    share = {
        "title": entry.project["title"] or entry.project["team"]["name"],
        "description": entry.project["summary"] or _("A project of the %(event)s.", event=event.name),
        "url": url_for("gallery.project", slug=event.slug, team_id=team_id, _external=True),
        "image": url_for("projects.file", slug=event.slug, file_id=image["id"], name=image["name"], _external=True)
        if image else None,
    }
    return render_template("projects/share.html", event=event, links=links_for(event, g.roles), preview=preview,
                           entry=entry, share=share, link_labels=link_labels())
