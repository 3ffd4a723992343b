"""The organiser console: registrations, people and roles, invitations (settings: settings_views.py)."""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.forms import EmptyForm, InvitationForm
from ..commands import request_actor
from ..csv_export import csv_download, stamped_filename
from ..errors import DomainError
from ..mail import send_mail
from ..paging import page_count, page_number
from ..public_urls import public_url
from . import commands, console, invitations, registration_commands, roles
from .access import event_view
from .emails import send_after_registration
from .facts import registration_counts_payload
from .forms import GrantRoleForm
from .models import Event
from .navigation import links_for

bp = Blueprint("console", __name__, url_prefix="/events/<slug>/console")


def _filter_from_args() -> console.RegistrationFilter:
    args = request.args
    return console.RegistrationFilter(
        q=args.get("q", "")[:100], status=args.get("status", ""), country=args.get("country", "")[:2],
        skill=args.get("skill", "")[:40], needs=args.get("needs", ""), page=page_number(args.get("page")),
    )


def _render(template: str, event: Event, **context):
    return render_template(template, event=event, console_links=links_for(event, g.roles, "console"), **context)


@bp.get("/")
@event_view("organiser")
def registrations(event: Event):
    flt = _filter_from_args()
    rows, total = console.search(event, flt)
    pages = page_count(total, console.PAGE_SIZE)
    return _render(
        "events/console/registrations.html", event, rows=rows, total=total, flt=flt, pages=pages,
        counts=registration_counts_payload(event), countries=console.countries_present(event), form=EmptyForm(),
    )


@bp.get("/registrations.csv")
@event_view("organiser")
def registrations_csv(event: Event):
    return csv_download(console.export_csv(event, _filter_from_args()),
                        stamped_filename(event.slug, event.timezone, "registrations"))


@bp.post("/registrations/<int:registration_id>/cancel")
@event_view("organiser")
def cancel_registration(event: Event, registration_id: int):
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            done = registration_commands.cancel_registration(request_actor(), event=event,
                                                             registration_id=registration_id).value
        except DomainError as error:
            flash(error.message, "error")
        else:
            send_after_registration(done, "cancelled")
            flash(_("Registration of %(name)s cancelled.", name=done["name"]), "success")
    return redirect(request.referrer if (request.referrer or "").startswith(request.host_url)
                    else url_for("console.registrations", slug=event.slug))


@bp.route("/people", methods=["GET", "POST"])
@event_view("organiser")
def people(event: Event):
    grant = GrantRoleForm(prefix="grant")
    invite = InvitationForm(prefix="invite")
    new_link = None
    if request.method == "POST" and "grant-email" in request.form and grant.validate_on_submit():
        try:
            done = commands.grant_role(request_actor(), event=event, email=grant.email.data,
                                       role=grant.role.data).value
        except DomainError as error:  # no account with this address
            grant.email.errors = [error.message]
        else:
            flash(_("%(name)s is now %(role)s.", name=done["name"], role=roles.role_label(done["role"])), "success")
            return redirect(url_for("console.people", slug=event.slug))
    elif request.method == "POST" and "invite-role" in request.form and invite.validate_on_submit():
        uses = int(invite.max_uses.data) if invite.max_uses.data.isdigit() else 0
        try:
            made = commands.create_invitation(request_actor(), event=event, role=invite.role.data,
                                              email=invite.email.data or None, max_uses=uses).value
        except DomainError as error:
            invite.max_uses.errors = [error.message]
        else:
            new_link = public_url("invitations.invitation", code=made["code"])
            if made["email"]:
                send_mail(made["email"], _("You are invited to %(event)s", event=event.name),
                          render_template("accounts/email/invitation.txt", event=event, link=new_link,
                                          role=roles.role_label(made["role"]), inviter=current_user))
            invite = InvitationForm(prefix="invite", formdata=None)
    status = 422 if (grant.errors or invite.errors) else 200
    return _render(
        "events/console/people.html", event, staff=roles.staff(event), grant=grant, invite=invite,
        new_link=new_link, open_invitations=invitations.open_invitations(event), form=EmptyForm(),
    ), status


@bp.post("/people/<int:user_id>/<role>/revoke")
@event_view("organiser")
def revoke_role(event: Event, user_id: int, role: str):
    if EmptyForm().validate_on_submit():
        try:
            done = commands.revoke_role(request_actor(), event=event, user_id=user_id, role=role).value
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("%(name)s is no longer %(role)s.", name=done["name"], role=roles.role_label(role)), "success")
    return redirect(url_for("console.people", slug=event.slug))


@bp.post("/invitations/<int:invitation_id>/revoke")
@event_view("organiser")
def revoke_invitation(event: Event, invitation_id: int):
    if EmptyForm().validate_on_submit():
        commands.revoke_invitation(request_actor(), event=event, invitation_id=invitation_id)  # not_found: 404
        flash(_("The invitation link no longer works."), "success")
    return redirect(url_for("console.people", slug=event.slug))
