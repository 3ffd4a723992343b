"""The organiser console: registrations, people and roles, invitations (settings: settings_views.py)."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
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
from ..accounts.services import find_user
from ..audit.services import record as audit
from ..csv_export import csv_download, stamped_filename
from ..errors import DomainError
from ..mail import send_mail
from ..paging import page_count, page_number
from ..public_urls import public_url
from ..transactions import unit_of_work
from . import console, invitations, roles
from . import registration as reg
from .access import event_view
from .emails import send_registration_email
from .facts import publish_registration_counts, registration_counts_payload
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
            with unit_of_work():
                registration = reg.get_registration(event, registration_id)
                promoted = reg.cancel(registration)
                audit(event, current_user, "registration.cancelled", f"user:{registration.user_id}",
                      _("Registration of %(name)s cancelled.", name=registration.user.name),
                      registration_id=registration.id, promoted=[other.user_id for other in promoted])
        except DomainError as error:
            flash(error.message, "error")
        else:
            send_registration_email(registration, "cancelled")
            for other in promoted:
                send_registration_email(other, "promoted")
            publish_registration_counts(event)
            flash(_("Registration of %(name)s cancelled.", name=registration.user.name), "success")
    return redirect(request.referrer if (request.referrer or "").startswith(request.host_url)
                    else url_for("console.registrations", slug=event.slug))


@bp.route("/people", methods=["GET", "POST"])
@event_view("organiser")
def people(event: Event):
    grant = GrantRoleForm(prefix="grant")
    invite = InvitationForm(prefix="invite")
    new_link = None
    if request.method == "POST" and "grant-email" in request.form and grant.validate_on_submit():
        user = find_user(grant.email.data)
        if user is None:
            grant.email.errors = [_("There is no account with this email. Send an invitation instead.")]
        else:
            with unit_of_work():
                roles.grant_role(event, user, grant.role.data, granted_by=current_user)
                audit(event, current_user, "role.granted", f"user:{user.id}",
                      _("%(name)s is now %(role)s.", name=user.name, role=roles.role_label(grant.role.data)),
                      role=grant.role.data)
            flash(_("%(name)s is now %(role)s.", name=user.name, role=roles.role_label(grant.role.data)), "success")
            return redirect(url_for("console.people", slug=event.slug))
    elif request.method == "POST" and "invite-role" in request.form and invite.validate_on_submit():
        uses = int(invite.max_uses.data) if invite.max_uses.data.isdigit() else 0
        try:
            with unit_of_work():
                invitation, raw = invitations.create_invitation(
                    event, invite.role.data, current_user, days=current_app.config["INVITATION_DAYS"],
                    email=invite.email.data or None, max_uses=uses,
                )
                # The address itself stays out of the log: it may belong to someone without an account.
                audit(event, current_user, "invitation.created", f"invitation:{invitation.id}",
                      _("Invitation as %(role)s created.", role=roles.role_label(invitation.role)),
                      role=invitation.role, max_uses=invitation.max_uses, addressed=invitation.email is not None)
        except DomainError as error:
            invite.max_uses.errors = [error.message]
        else:
            new_link = public_url("invitations.invitation", code=raw)
            if invitation.email:
                send_mail(invitation.email, _("You are invited to %(event)s", event=event.name),
                          render_template("accounts/email/invitation.txt", event=event, link=new_link,
                                          role=roles.role_label(invitation.role), inviter=current_user))
            invite = InvitationForm(prefix="invite", formdata=None)
    status = 422 if (grant.errors or invite.errors) else 200
    return _render(
        "events/console/people.html", event, staff=roles.staff(event), grant=grant, invite=invite,
        new_link=new_link, open_invitations=invitations.open_invitations(event), form=EmptyForm(),
    ), status


@bp.post("/people/<int:user_id>/<role>/revoke")
@event_view("organiser")
def revoke_role(event: Event, user_id: int, role: str):
    from ..accounts.models import User
    from ..extensions import db

    form = EmptyForm()
    user = db.session.get(User, user_id)
    if form.validate_on_submit() and user is not None:
        try:
            with unit_of_work():
                roles.revoke_role(event, user, role)
                audit(event, current_user, "role.revoked", f"user:{user.id}",
                      _("%(name)s is no longer %(role)s.", name=user.name, role=roles.role_label(role)), role=role)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("%(name)s is no longer %(role)s.", name=user.name, role=roles.role_label(role)), "success")
    return redirect(url_for("console.people", slug=event.slug))


@bp.post("/invitations/<int:invitation_id>/revoke")
@event_view("organiser")
def revoke_invitation(event: Event, invitation_id: int):
    form = EmptyForm()
    if form.validate_on_submit():
        with unit_of_work():
            invitations.revoke_invitation(event, invitation_id)
            audit(event, current_user, "invitation.revoked", f"invitation:{invitation_id}",
                  _("The invitation link no longer works."))
        flash(_("The invitation link no longer works."), "success")
    return redirect(url_for("console.people", slug=event.slug))
