"""After the event: certificates (PDF) for participants and winners, and the impact report (page, CSV, PDF)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..commands import request_actor
from ..csv_export import csv_download, stamped_filename, stream_csv
from ..errors import DomainError, NotFound
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..offload import run_off_loop
from . import certificates, commands, impact, impact_pdf
from .awards import awards
from .forms import ClassifyForm
from .pdf import find_font

bp = Blueprint("project_reports", __name__, url_prefix="/events/<slug>")


def _font():
    return find_font(current_app.config.get("PDF_FONT"))


def _pdf(data: bytes, filename: str) -> Response:
    return Response(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "private, no-store"})


def certificate_pages(event: Event, kind: str, user_id: int | None = None) -> list[certificates.Page]:
    """The pages of the participation or winners' certificates (of one person when given)."""
    if kind == "participation":
        return [certificates.participation_page(event, p) for p in certificates.checked_in(event, user_id)]
    won = awards(event)
    return [certificates.winner_page(event, p, won.get(p.team_id, []))
            for p in certificates.winners(event, won, user_id)]


def certificates_pdf(event: Event, pages: list[certificates.Page]) -> bytes:
    """The pages drawn as one PDF, in a native thread (fonts and drawing are CPU work)."""
    return run_off_loop(certificates.render, pages, _font(), _("Certificates: %(event)s", event=event.name),
                        event.name)


@bp.get("/certificates/<kind>.pdf")
@event_view("participant")
def my_certificate(event: Event, kind: str):
    """A participant's own certificate: of participation once checked in, of achievement if their team won."""
    if kind not in ("participation", "winner"):
        raise NotFound(_("There is no such certificate."))
    pages = certificate_pages(event, kind, current_user.id)
    if not pages:
        raise NotFound(_("There is no certificate of participation for you yet: it is made once you are checked in "
                         "at the event.")
                       if kind == "participation" else _("Your team has not won an award."))
    return _pdf(certificates_pdf(event, pages), f"{event.slug}-certificate-{kind}.pdf")


@bp.get("/console/projects/certificates/<kind>.pdf")
@event_view("organiser")
def all_certificates(event: Event, kind: str):
    """Every certificate of a kind in one PDF, to print."""
    if kind not in ("participation", "winner"):
        raise NotFound(_("There is no such certificate."))
    pages = certificate_pages(event, kind)
    if not pages:
        flash(_("Nobody has checked in yet.") if kind == "participation" else _("There are no winners yet."), "error")
        return redirect(url_for("projects_console.overview", slug=event.slug))
    return _pdf(certificates_pdf(event, pages), f"{event.slug}-certificates-{kind}.pdf")


@bp.get("/console/projects/impact")
@event_view("organiser")
def impact_page(event: Event):
    report = impact.impact_report(event)
    return render_template("projects/impact.html", event=event, console_links=links_for(event, g.roles, "console"),
                           report=report, kind_labels=impact.KIND_LABELS)


@bp.get("/console/projects/impact.csv")
@event_view("organiser")
def impact_csv(event: Event):
    report = impact.impact_report(event)
    return csv_download(stream_csv(["section", "item", "value", "detail"], impact.csv_rows(report)),
                        stamped_filename(event.slug, event.timezone, "impact"))


def pdf_texts(event: Event, report: impact.Report) -> dict:
    """The PDF report's headings and labels in the reader's language."""
    days = [d.date for d in event.days]
    when = f"{days[0].isoformat()} – {days[-1].isoformat()}" if days else ""
    return {
        "title": _("Impact report: %(event)s", event=event.name), "author": event.name,
        "subtitle": ", ".join(part for part in (when, event.city) if part),
        "in_figures": _("In figures"),
        "figures": [(_("Participants"), report.participants), (_("Checked in"), report.checked_in),
                    (_("Challenges"), len(report.challenges)), (_("Teams"), report.teams),
                    (_("Projects started"), report.projects), (_("Projects submitted"), report.submitted),
                    (_("Projects in the public gallery"), report.shown), (_("Winning teams"), len(report.winners)),
                    (_("Follow-ups"), len(report.follow_ups))],
        "by_country": _("Participants by country"), "by_kind": _("Participants by kind of organisation"),
        "challenges": _("Challenges"),
        "challenge_header": [_("Challenge"), _("Posed by"), _("Kind"), _("Teams"), _("Submitted")],
        "winners": _("Winners"), "winner_header": [_("Team"), _("Project"), _("Awards")],
        "no_winners": _("The results are not published yet."),
        "follow_ups": _("Follow-ups"), "follow_up_header": [_("Team"), _("Offer"), _("What"), _("Status"), _("When")],
        "no_follow_ups": _("No follow-ups recorded yet."),
    }


@bp.get("/console/projects/impact.pdf")
@event_view("organiser")
def impact_pdf_download(event: Event):
    report = impact.impact_report(event)
    data = run_off_loop(impact_pdf.render, report, pdf_texts(event, report), _font())
    return _pdf(data, f"{event.slug}-impact-report.pdf")


@bp.post("/console/projects/impact/classify")
@event_view("organiser")
def classify(event: Event):
    form = ClassifyForm()
    if not form.validate_on_submit():
        flash(_("Choose a kind of organisation."), "error")
    else:
        try:
            commands.classify_organisation(request_actor(), event=event, name_key=form.name_key.data or "",
                                           kind=form.kind.data)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Classified."), "success")
    return redirect(url_for("project_reports.impact_page", slug=event.slug) + "#unclassified")
