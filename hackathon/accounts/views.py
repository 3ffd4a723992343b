"""Account pages: sign up, log in and out, reset a password, preferences, tokens, invitations, language."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..errors import DomainError
from ..events.models import Event
from ..extensions import db, limiter
from ..mail import send_mail
from ..transactions import unit_of_work
from . import services, tokens
from .forms import (
    ChangePasswordForm,
    EmptyForm,
    ForgotPasswordForm,
    LoginForm,
    PreferencesForm,
    ResetPasswordForm,
    SignupForm,
    TokenForm,
)
from .invitations import accept_invitation, find_invitation
from .landing import landing_url
from .login import log_in, log_out

bp = Blueprint("accounts", __name__)


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def safe_next(target: str | None) -> str | None:
    """Only same-site paths, so that ?next= cannot send people elsewhere."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")) or url_for("events.home"))
    form = SignupForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            with unit_of_work():
                user = services.create_user(form.email.data, form.name.data, form.password.data,
                                            locale=session.get("lang"))
        except DomainError as error:
            field = form.email if error.code == "email_taken" else form.password
            field.errors = [*field.errors, error.message]
        else:
            log_in(user)
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.name), "success")
            return redirect(safe_next(form.next.data) or url_for("events.home"))
    return render_template("accounts/signup.html", form=form), 422 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")) or url_for("events.home"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors = [_("That email and password do not match an account.")]
        else:
            log_in(user, remember=form.remember.data)
            if user.locale:
                session["lang"] = user.locale
            return redirect(safe_next(form.next.data) or landing_url(user))
    return render_template("accounts/login.html", form=form), 422 if form.errors else 200


@bp.post("/logout")
@login_required
def logout():
    log_out()
    flash(_("You are logged out."), "info")
    return redirect(url_for("events.home"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = services.find_user(form.email.data)
        if user is not None and user.is_active:
            link = url_for("accounts.reset_password", token=services.password_reset_token(user), _external=True)
            send_mail(
                user.email,
                _("Reset your password"),
                render_template("accounts/email/reset.txt", user=user, link=link,
                                minutes=current_app.config["PASSWORD_RESET_MAX_AGE"] // 60),
            )
        # The same answer whether or not the account exists: nobody learns who has one.
        flash(_("If an account exists for that address, we have sent it a link to choose a new password."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot.html", form=form), 422 if form.errors else 200


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def reset_password(token: str):
    user = services.user_for_reset_token(token)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                services.set_password(user, form.password.data)
        except DomainError as error:
            form.password.errors = [error.message]
        else:
            log_in(user)
            flash(_("Your password is changed. Every other session has been logged out."), "success")
            return redirect(url_for("events.home"))
    return render_template("accounts/reset.html", form=form), 422 if form.errors else 200


def submitted(form) -> bool:
    """Whether this request posted the given (prefixed) form, on a page that has several."""
    return request.method == "POST" and any(key.startswith(form._prefix) for key in request.form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    prefs = PreferencesForm(prefix="prefs", name=current_user.name, locale=current_user.locale or "en")
    password_form = ChangePasswordForm(prefix="pw")
    token_form = TokenForm(prefix="token")
    new_token = None
    status = 200
    if submitted(prefs) and prefs.validate_on_submit():
        try:
            with unit_of_work():
                services.update_preferences(current_user, prefs.name.data, prefs.locale.data)
        except DomainError as error:
            prefs.name.errors = [error.message]
        else:
            session["lang"] = prefs.locale.data
            flash(_("Saved."), "success")
            return redirect(url_for("accounts.account"))
    elif submitted(password_form) and password_form.validate_on_submit():
        try:
            with unit_of_work():
                services.change_password(current_user, password_form.current.data, password_form.password.data)
        except DomainError as error:
            target = password_form.current if error.code == "wrong_password" else password_form.password
            target.errors = [error.message]
        else:
            # Every session and token ended with the change; this browser gets a fresh one.
            log_in(current_user._get_current_object())
            flash(_("Your password is changed. Every other session has been logged out."), "success")
            return redirect(url_for("accounts.account"))
    elif submitted(token_form) and token_form.validate_on_submit():
        with unit_of_work():
            _token, new_token = tokens.issue_token(current_user, token_form.name.data,
                                                  current_app.config["API_TOKEN_DAYS"])
        token_form = TokenForm(prefix="token", formdata=None)
    if any(f.errors for f in (prefs, password_form, token_form)):
        status = 422
    from ..privacy.notice import NOTICE_VERSION, consent_records

    return render_template(
        "accounts/account.html", prefs=prefs, password_form=password_form, token_form=token_form,
        tokens=tokens.tokens_of(current_user), new_token=new_token, empty=EmptyForm(),
        consents=consent_records(current_user), notice_version=NOTICE_VERSION,
    ), status


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    form = EmptyForm()
    if form.validate_on_submit():
        with unit_of_work():
            tokens.revoke_token(current_user, token_id)
        flash(_("The token is revoked."), "success")
    return redirect(url_for("accounts.account"))


@bp.post("/account/sessions/end")
@login_required
def end_sessions():
    form = EmptyForm()
    if form.validate_on_submit():
        with unit_of_work():
            services.end_all_sessions(current_user)
        log_out()
        flash(_("You are logged out on every device."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/invitations/<code>", methods=["GET", "POST"])
def invitation(code: str):
    found = find_invitation(code)
    event = db.session.get(Event, found.event_id)
    form = EmptyForm()
    if current_user.is_authenticated and form.validate_on_submit():
        with unit_of_work():
            role = accept_invitation(code, current_user)
        from ..events.roles import role_label

        flash(_("You are now %(role)s at %(event)s.", role=role_label(role.role), event=event.name), "success")
        return redirect(url_for("events.event_page", slug=event.slug))
    return render_template("accounts/invitation.html", invitation=found, event=event, form=form)


@bp.post("/language")
def set_language():
    lang = request.form.get("lang", "")
    form = EmptyForm()
    if form.validate_on_submit() and lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated:
            with unit_of_work():
                current_user.locale = lang
    return redirect(safe_next(request.form.get("next")) or url_for("events.home"))
