"""Project pages: a team's project editor (phones first), a project as staff read it, and the files.

The editor works without JavaScript (the form posts and redirects) and becomes live with it (static/js/project.js:
saves over `projects:save`, teammates' saves arrive as `projects:project`, the countdown follows
`projects:deadline`).
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..commands import request_actor
from ..errors import DomainError, Forbidden
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..extensions import csrf
from ..offload import run_off_loop
from ..teams.membership import team_of
from . import commands
from .access import ALL, may_read, readable_team_ids
from .deadline import deadline_payload, team_deadline
from .editing import LIMITS, MAX_LINKS, field_label, gallery_name_of
from .files import check_upload, get_file, new_key
from .forms import GalleryNameForm, UploadForm
from .listing import project_json, projects_json
from .models import LINK_KINDS
from .storage import FileMissing, file_store

bp = Blueprint("projects", __name__, url_prefix="/events/<slug>")
READERS = ("organiser", "jury", "challenge_owner", "participant", "mentor")


def link_labels() -> dict[str, str]:
    """The kinds of links in the reader's language."""
    return {"repository": _("Repository"), "demo": _("Demo"), "video": _("Video"), "other": _("Other link")}


def editor_texts() -> dict:
    """Strings the editor's script needs, in the reader's language."""
    return {
        "saving": _("Saving…"), "saved": _("Saved."), "submitted": _("Submitted."), "submitted_pill": _("Submitted"),
        "changed_by": _("{name} changed this at {time}."), "someone": _("Someone in your team"),
        "theirs": _("Their text:"), "take_theirs": _("Use their text"),
        "conflict": _("Someone changed this meanwhile. Your text is kept: compare it with theirs below, then save "
                      "again."),
        "closed": _("The submission deadline has passed: the project can no longer be changed."),
        "left": _("{time} left to submit"), "days": _("{n} d"), "no_deadline": _("No deadline set yet."),
        "offline": _("Offline: your text stays on this page. Save again "
                                                               "when the connection is back."),
    }


def _form_values() -> dict:
    """The editor's fields from a form post (no JavaScript)."""
    values = {name: request.form.get(name, "") for name in LIMITS}
    links = []
    for index in range(MAX_LINKS):
        url = request.form.get(f"link_url_{index}", "").strip()
        if url:
            links.append({"kind": request.form.get(f"link_kind_{index}", "other"), "url": url})
    values["links"] = links
    return values


def _version() -> int | None:
    raw = request.form.get("version", "")
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


@bp.route("/project", methods=["GET", "POST"])
@event_view("participant")
def editor(event: Event):
    """The member's team project: edit, submit, agree to the gallery, add files."""
    team = team_of(current_user, event.id)
    if team is None:
        return render_template("projects/no_team.html", event=event, links=links_for(event, g.roles))
    posted, clash = None, None
    if request.method == "POST":
        posted = _form_values()
        try:
            commands.save_project(request_actor(), team_id=team.id, values=posted, version=_version(),
                                  submit=request.form.get("submit") == "1")
        except DomainError as error:
            flash(error.message, "error")
            clash = error.details.get("project") if error.code == "conflict" else None
        else:
            flash(_("Submitted. You can still improve it until the deadline.") if request.form.get("submit") == "1"
                  else _("Saved."), "success")
            return redirect(url_for("projects.editor", slug=event.slug))
    project = project_json(event.id, team.id, slug=event.slug)
    shown = dict(project)
    if posted is not None:  # a refused post keeps what the person wrote
        shown.update({k: v for k, v in posted.items() if k in LIMITS or k == "links"})
        if clash is not None:
            shown["version"] = clash["version"]
    deadline = team_deadline(event.id, team.id)
    return render_template(
        "projects/editor.html", event=event, links=links_for(event, g.roles), team=team, project=shown,
        clash=clash, deadline=deadline, closed=deadline.is_closed(), limits=LIMITS, max_links=MAX_LINKS,
        link_kinds=LINK_KINDS, link_labels=link_labels(), field_label=field_label,
        name_form=GalleryNameForm(formdata=None, name=gallery_name_of(event.id, current_user.id)),
        upload_form=UploadForm(formdata=None),
        page_data={"event": event.slug, "team_id": team.id, "project": project,
                   "deadline": deadline_payload(event.id, team.id), "texts": editor_texts(),
                   "fields": list(LIMITS), "user_id": current_user.id, "tz": event.timezone},
    ), 422 if posted is not None else 200


@bp.post("/project/consent")
@event_view("participant")
def consent(event: Event):
    team = team_of(current_user, event.id)
    try:
        if team is None:
            raise Forbidden(_("You are not in a team at this event."))
        show = request.form.get("show") == "1"
        commands.set_consent(request_actor(), team_id=team.id, show=show)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Your project will be shown in the gallery once it is public.") if show
              else _("Your project will not be shown in the gallery."), "success")
    return redirect(url_for("projects.editor", slug=event.slug))


@bp.post("/project/name")
@event_view("participant")
def gallery_name(event: Event):
    form = GalleryNameForm()
    if not form.validate_on_submit():
        flash(_("A name is at most 80 characters."), "error")
    else:
        try:
            found = commands.set_gallery_name(request_actor(), event=event, name=form.name.data or "")
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("The gallery shows you as %(name)s.", name=found.value["name"]) if found.value["name"]
                  else _("The gallery shows no name for you."), "success")
    return redirect(url_for("projects.editor", slug=event.slug))


@bp.post("/project/files")
@event_view("participant")
def upload(event: Event):
    """A member uploads slides or an image: checked by content, stored, then recorded (removed again if refused)."""
    config = current_app.config
    # Larger than the site-wide limit for form posts: slides are up to PROJECT_SLIDES_MAX_MB (plus the form). The
    # view is exempt from the app-wide CSRF check, which would read the body under the smaller limit, and checks
    # the token itself once the limit is raised.
    request.max_content_length = max(config["PROJECT_SLIDES_MAX_MB"], config["PROJECT_IMAGE_MAX_MB"]) * 1024 * 1024 \
        + 64 * 1024
    csrf.protect()
    back = redirect(url_for("projects.editor", slug=event.slug) + "#files")
    team = team_of(current_user, event.id)
    form = UploadForm()
    if team is None or not form.validate_on_submit() or not form.file.data:
        flash(_("Please choose a file to upload."), "error")
        return back
    data = form.file.data.read()
    key = None
    try:
        checked = run_off_loop(check_upload, data, form.file.data.filename or "",
                               slides_max_mb=config["PROJECT_SLIDES_MAX_MB"],
                               image_max_mb=config["PROJECT_IMAGE_MAX_MB"])
        key = new_key(event.id, checked.extension)
        file_store().put(key, checked.data, checked.content_type)
        commands.add_file(request_actor(), team_id=team.id, upload=checked, key=key,
                          max_files=config["PROJECT_FILES_PER_PROJECT"])
    except DomainError as error:
        if key is not None:
            file_store().delete(key)
        flash(error.message, "error")
        return back
    flash(_("%(name)s is added to your project.", name=checked.filename), "success")
    return back


@bp.post("/project/files/<int:file_id>/delete")
@event_view("participant")
def remove_file(event: Event, file_id: int):
    team = team_of(current_user, event.id)
    try:
        if team is None:
            raise Forbidden(_("You are not in a team at this event."))
        outcome = commands.remove_file(request_actor(), team_id=team.id, file_id=file_id)
    except DomainError as error:
        flash(error.message, "error")
    else:
        file_store().delete(outcome.value["key"])
        flash(_("The file is removed."), "success")
    return redirect(url_for("projects.editor", slug=event.slug) + "#files")


@bp.get("/projects/files/<int:file_id>/<name>")
@event_view()
def file(event: Event, file_id: int, name: str):
    """A project's file, to those who may read the project (the public once the gallery shows it)."""
    row = get_file(file_id)
    project = row.project
    if row.event_id != event.id or name != row.filename:
        abort(404)
    user_id = current_user.id if current_user.is_authenticated else None
    if not may_read(event, user_id, g.roles, project.team_id):
        abort(404)
    try:
        data = file_store().get(row.storage_key)
    except FileMissing:
        current_app.logger.warning("project file %s is missing from the store", row.storage_key)
        abort(404)
    disposition = "inline" if row.kind == "image" else "attachment"
    return Response(data, mimetype=row.content_type, headers={
        "Content-Disposition": f'{disposition}; filename="{row.filename}"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, max-age=300",
        "Content-Length": str(len(data)),
    })


@bp.get("/projects")
@event_view(*READERS)
def index(event: Event):
    """Every project this person may read (organisers and jurors: all), with its state."""
    readable = readable_team_ids(event, current_user.id, g.roles)
    found = projects_json(event.id, None if readable is ALL else readable, slug=event.slug)
    return render_template("projects/index.html", event=event, links=links_for(event, g.roles), projects=found,
                           link_labels=link_labels())


@bp.get("/projects/<int:team_id>")
@event_view()
def read(event: Event, team_id: int):
    """One project as staff and its team read it (jurors while they score)."""
    user_id = current_user.id if current_user.is_authenticated else None
    readable = readable_team_ids(event, user_id, g.roles)
    if readable is not ALL and team_id not in readable:
        if may_read(event, user_id, g.roles, team_id):
            return redirect(url_for("gallery.project", slug=event.slug, team_id=team_id))
        abort(404)
    project = project_json(event.id, team_id, slug=event.slug)
    if project is None:
        abort(404)
    return render_template("projects/read.html", event=event, links=links_for(event, g.roles), project=project,
                           link_labels=link_labels(), field_label=field_label,
                           deadline=team_deadline(event.id, team_id))
