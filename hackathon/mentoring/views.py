"""Mentoring pages: booking slots and asking for help (teams), the mentor's phone page, profiles, calendars."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts.forms import EmptyForm
from ..clock import utcnow
from ..commands import request_actor
from ..errors import DomainError, NotFound
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..events.roles import TAKING_PART
from ..events.services import event_dates
from ..extensions import db
from ..form_options import options
from ..public_urls import public_host
from ..teams.membership import team_of
from . import commands, hours, listing
from .forms import HelpForm, HoursForm, ProfileForm, RateForm, SlotActionForm
from .grid import load_slots
from .ics import calendar
from .models import MentorSlot
from .settings import profile_of, profiles_of, settings_of
from .snapshot import state_for

bp = Blueprint("mentoring", __name__, url_prefix="/events/<slug>/mentoring")
SLOT_ACTIONS = ("claim", "release", "book", "cancel")
HELP_ACTIONS = ("claim", "resolve", "cancel", "rate")


def _texts() -> dict:
    """Strings the page script needs, in the reader's language."""
    return {
        "open": _("open"), "available": _("available"), "booked": _("booked"),
        "claim": _("Claim"), "release": _("Release"), "book": _("Book"), "cancel": _("Cancel booking"),
        "note": _("Note for the mentor"), "reason": _("Reason"), "no_team": _("Join a team to book slots."),
        "empty": _("Nothing here right now."), "new_booking": _("New booking: {team} at {when}."),
        "cancelled": _("Your booking at {when} was cancelled by {by}."), "because": _("Reason: {reason}"),
        "coming": _("{mentor} is on the way."), "help_claim": _("I'm on it"), "help_resolve": _("Resolved"),
        "help_cancel": _("Withdraw"), "rate": _("Rate"), "rated": _("Rated {n}/5"),
        "waiting": _("waiting"), "claimed": _("claimed"), "resolved": _("resolved"), "expired": _("expired"),
        "cancelled_status": _("cancelled"), "since": _("waiting since {time}"), "tried": _("Tried:"),
        "by_mentor": _("with {mentor}"), "about": _("About the mentor"), "too_late": _("Too late to cancel"),
        "done": _("Done."), "new_help": _("New help request: {topic}"),
    }


def _filter() -> listing.SlotFilter:
    args = request.args
    after = args.get("after", "")[:5]
    return listing.SlotFilter(expertise=args.get("expertise", "")[:40], day=args.get("day", "")[:10],
                              after=after if len(after) == 5 and after[2] == ":" else "")


def _context(event: Event, page: str) -> dict:
    state = state_for(event, current_user, g.roles)
    settings = settings_of(event.id)
    return dict(
        event=event, links=links_for(event, g.roles), state=state, now=utcnow(), settings=settings,
        page=page, roles=g.roles, texts=_texts(), when=lambda s: listing.when(s, event.timezone),
        client={"page": page, "event": event.slug, "tz": event.timezone, "user_id": current_user.id,
                "team_id": state["team_id"], "roles": sorted(g.roles),
                "cutoff_minutes": settings.cancel_cutoff_minutes},
    )


@bp.get("/")
@event_view(*TAKING_PART)
def slots_page(event: Event):
    context = _context(event, "team")
    flt = _filter()
    slots, now = context["state"]["slots"], context["now"]
    tags = sorted({tag for p in profiles_of(event.id).values() for tag in p.expertise})
    ours = listing.team_bookings(slots, context["state"]["team_id"], now)
    cutoff = now + timedelta(minutes=context["settings"].cancel_cutoff_minutes)
    return render_template(
        "mentoring/slots.html", flt=flt, tags=tags, days=[d.date.isoformat() for d in event.days],
        available=listing.available(slots, now, event.timezone, flt),
        ours=ours, cancellable={s["id"] for s in ours if datetime.fromisoformat(s["starts_at"]) > cutoff},
        help_form=HelpForm(formdata=None), form=SlotActionForm(formdata=None), rate_form=RateForm(formdata=None),
        **context,
    )


@bp.get("/mentor")
@event_view("mentor")
def mentor_page(event: Event):
    context = _context(event, "mentor")
    slots, now = context["state"]["slots"], context["now"]
    return render_template(
        "mentoring/mentor.html", agenda=listing.agenda(slots, current_user.id, now),
        open_slots=listing.open_slots(slots, now), profile=profile_of(event.id, current_user.id),
        form=SlotActionForm(formdata=None), **context,
    )


@bp.route("/profile", methods=["GET", "POST"])
@event_view("mentor")
def profile_page(event: Event):
    profile = profile_of(event.id, current_user.id)
    if request.method == "GET" and profile is not None:
        form = ProfileForm(formdata=None, obj=profile, version=profile.version)
        form.expertise.data = ", ".join(profile.expertise)
    else:
        form = ProfileForm()
    if form.validate_on_submit():
        version = int(form.version.data) if (form.version.data or "").isdigit() else None
        try:
            commands.save_mentor_profile(request_actor(), event=event, expertise=form.expertise.data or "",
                                         bio=form.bio.data or "", organisation=form.organisation.data or "",
                                         expected_version=version)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Your mentor profile is saved."), "success")
            return redirect(url_for("mentoring.mentor_page", slug=event.slug))
    status = 422 if request.method == "POST" else 200
    return _profile_page(event, form, _hours_form(event, False), status)


def _hours_form(event: Event, formdata: bool = True) -> HoursForm:
    form = HoursForm() if formdata else HoursForm(formdata=None)
    form.day.choices = options((d.isoformat(), d.isoformat()) for d in event_dates(event))
    return form


def _profile_page(event: Event, form: ProfileForm, hours_form: HoursForm, status: int = 200):
    return render_template("mentoring/profile.html", event=event, links=links_for(event, g.roles), form=form,
                           hours_form=hours_form, hours=hours.hours_of(event.id, current_user.id),
                           empty=EmptyForm()), status


@bp.post("/profile/hours")
@event_view("mentor")
def add_hours(event: Event):
    import datetime as dt

    form = _hours_form(event)
    if form.validate_on_submit():
        try:
            commands.add_hours(request_actor(), event=event, day=dt.date.fromisoformat(form.day.data),
                               start=form.start.data, end=form.end.data)
        except DomainError as error:
            form.end.errors = [error.message]
        else:
            flash(_("Your hours are saved: the organisers put them on the grid."), "success")
            return redirect(url_for("mentoring.profile_page", slug=event.slug))
    profile = profile_of(event.id, current_user.id)
    profile_form = ProfileForm(formdata=None, obj=profile, version=profile.version if profile else None)
    if profile is not None:
        profile_form.expertise.data = ", ".join(profile.expertise)
    return _profile_page(event, profile_form, form, 422)


@bp.post("/profile/hours/<int:hours_id>/delete")
@event_view("mentor")
def remove_hours(event: Event, hours_id: int):
    if EmptyForm().validate_on_submit():
        try:
            commands.remove_hours(request_actor(), event=event, hours_id=hours_id)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Those hours are removed."), "success")
    return redirect(url_for("mentoring.profile_page", slug=event.slug))


def _back(event: Event):
    target = request.form.get("next", "")
    if target.startswith(f"/events/{event.slug}/"):
        return redirect(target)
    return redirect(url_for("mentoring.slots_page", slug=event.slug))


@bp.post("/slots/<int:slot_id>/<action>")
@event_view(*TAKING_PART)
def slot_action(event: Event, slot_id: int, action: str):
    """The form fallback of the socket commands, for pages without JavaScript."""
    form = SlotActionForm()
    if action not in SLOT_ACTIONS or not form.validate_on_submit():
        flash(_("That did not work. Please reload the page and try again."), "error")
        return _back(event)
    command, extra = {
        "claim": (commands.claim_slot, {}), "release": (commands.release_slot, {}),
        "book": (commands.book_slot, {"note": form.note.data or ""}),
        "cancel": (commands.cancel_slot, {"reason": form.reason.data or ""}),
    }[action]
    try:
        outcome = command(request_actor(), slot_id=slot_id, event=event, **extra)
    except NotFound:
        raise  # no such slot here: the error page, not a message on the grid
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(outcome.value["message"], "success")
    return _back(event)


@bp.post("/help")
@event_view(*TAKING_PART)
def ask_for_help(event: Event):
    form = HelpForm()
    if not form.validate_on_submit():
        flash(_("Please say what you need and where you sit."), "error")
        return _back(event)
    try:
        outcome = commands.request_help(request_actor(), event=event, topic=form.topic.data,
                                        location=form.location.data, tried=form.tried.data or "")
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(outcome.value["message"], "success")
    return _back(event)


@bp.post("/help/<int:request_id>/<action>")
@event_view(*TAKING_PART)
def help_action(event: Event, request_id: int, action: str):
    form = RateForm() if action == "rate" else SlotActionForm()
    if action not in HELP_ACTIONS or not form.validate_on_submit():
        flash(_("That did not work. Please reload the page and try again."), "error")
        return _back(event)
    command = {"claim": commands.claim_help, "resolve": commands.resolve_help, "cancel": commands.cancel_help,
               "rate": commands.rate_help}[action]
    extra = {"rating": form.rating.data or 0} if action == "rate" else {}  # only the rating form has one
    try:
        outcome = command(request_actor(), request_id=request_id, event=event, **extra)
    except NotFound:
        raise
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(outcome.value["message"], "success")
    return _back(event)


def _ics(event: Event, slots: list[MentorSlot], name: str, filename: str, summary_of, description_of) -> Response:
    host = public_host()
    text = calendar(slots, name=name, host=host, summary_of=summary_of, description_of=description_of,
                    now=utcnow())
    return Response(text, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{event.slug}-{filename}.ics"'})


@bp.get("/agenda.ics")
@event_view("mentor")
def mentor_calendar(event: Event):
    ids = db.session.scalars(select(MentorSlot.id).where(MentorSlot.event_id == event.id,
                                                         MentorSlot.mentor_id == current_user.id))
    slots = load_slots(event.id, list(ids))

    def summary(slot):
        return _("Mentoring: %(team)s", team=slot.team.name) if slot.team else _("Mentoring (not booked yet)")

    def description(slot):
        if not slot.team:
            return ""
        challenge = slot.team.challenge.title if slot.team.challenge else ""
        return "\n".join(part for part in (challenge, slot.note) if part)

    return _ics(event, slots, _("My mentoring at %(event)s", event=event.name), "mentoring-agenda", summary,
                description)


@bp.get("/team.ics")
@event_view(*TAKING_PART)
def team_calendar(event: Event):
    team = team_of(current_user, event.id)
    if team is None:
        raise NotFound(_("You are not in a team at this event."))
    ids = db.session.scalars(select(MentorSlot.id).where(MentorSlot.event_id == event.id,
                                                         MentorSlot.team_id == team.id,
                                                         MentorSlot.status == "booked"))
    slots = load_slots(event.id, list(ids))
    return _ics(event, slots, _("%(team)s: mentoring", team=team.name), "team-mentoring",
                lambda s: _("Mentoring with %(mentor)s", mentor=s.mentor.name if s.mentor else "?"),
                lambda s: s.note)
