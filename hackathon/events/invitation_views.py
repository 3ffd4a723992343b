"""The page behind an invitation's link: what it grants, and accepting it (logged in)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.forms import EmptyForm
from ..commands import request_actor
from ..extensions import db
from . import commands
from .invitations import find_invitation
from .models import Event
from .roles import role_label

bp = Blueprint("invitations", __name__)


@bp.route("/invitations/<code>", methods=["GET", "POST"])
def invitation(code: str):
    """Whoever follows an invitation's link sees what it grants; logged in, they accept it."""
    found = find_invitation(code)
    event = db.session.get(Event, found.event_id)
    form = EmptyForm()
    if current_user.is_authenticated and form.validate_on_submit():
        granted = commands.accept_invitation(request_actor(), code=code).value  # gone, wrong_email: the error page
        flash(_("You are now %(role)s at %(event)s.", role=role_label(granted["role"]), event=event.name), "success")
        return redirect(url_for("events.event_page", slug=event.slug))
    return render_template("accounts/invitation.html", invitation=found, event=event, form=form)
