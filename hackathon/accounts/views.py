"""Account pages: sign up, log in and out, reset a password, preferences, tokens, language."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..commands import request_actor
from ..errors import DomainError
from ..extensions import db, limiter
from ..mail import send_mail
from ..public_urls import public_url
from ..registry import registry
from . import commands, services, tokens
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
from .landing import landing_url
from .login import forget_login, log_in, log_out
from .models import User
from .throttle import throttle

bp = Blueprint("accounts", __name__)


def address_limit() -> str:
    """Sign-ups and reset requests per client address (the venue may share one)."""
    return current_app.config["LOGIN_ADDRESS_RATE_LIMIT"]


def safe_next(target: str | None) -> str | None:
    """Only same-site paths, so that ?next= cannot send people elsewhere.

    Browsers drop tabs and newlines from a URL and read a backslash as a slash, so `/<tab>/evil.example` and
    `/<backslash>evil.example` are other sites to them: anything with a control character, white space or a
    backslash is refused, and what remains must parse as a path with neither scheme nor host.
    """
    if not isinstance(target, str) or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(address_limit, methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")) or url_for("events.home"))
    form = SignupForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        next_path = safe_next(form.next.data)
        try:
            done = commands.sign_up(request_actor(), email=form.email.data, name=form.name.data,
                                    password=form.password.data, locale=session.get("lang")).value
            user = db.session.get(User, done["user_id"])
            if done["created"]:
                session["signed_up"] = user.id  # this browser may go straight in from the link
                send_verification(user, next_path)
            else:
                # The same answer as for a new address: nobody learns who has an account. The owner hears of it.
                notify_existing_account(user, next_path)
        except DomainError as error:
            if error.code != "email_taken":  # a sign-up with the same address won the race: same answer
                form.password.errors = [*form.password.errors, error.message]
                return render_template("accounts/signup.html", form=form), 422
        return render_template("accounts/signup_sent.html", email=form.email.data,
                               outbox=None if current_app.config.get("MAIL_SERVER") else
                               current_app.config.get("MAIL_OUTBOX"))
    return render_template("accounts/signup.html", form=form), 422 if form.errors else 200


def send_verification(user, next_path: str | None) -> None:
    """Mail the link that confirms the user's address."""
    link = public_url("accounts.verify_email", token=services.verification_token(user, next_path))
    send_mail(user.email, _("Confirm your email address"),
              render_template("accounts/email/verify.txt", user=user, link=link,
                              days=current_app.config["EMAIL_VERIFY_MAX_AGE"] // 86400))


def notify_existing_account(user, next_path: str | None) -> None:
    """Someone signed up with an address that has an account: a new link if unconfirmed, else a note to its owner."""
    if not user.is_active:
        return
    if not user.is_verified:
        send_verification(user, next_path)  # the first sign-up's password stays: no session may enter with it
        return
    send_mail(user.email, _("Someone tried to sign up with your address"),
              render_template("accounts/email/signup_exists.txt", user=user, login=public_url("accounts.login"),
                              reset=public_url("accounts.forgot_password")))


@bp.get("/signup/verify/<token>")
def verify_email(token: str):
    confirmed = commands.confirm_email(request_actor(), token=token).value  # expired, forged: the error page
    user, next_path = db.session.get(User, confirmed["user_id"]), confirmed["next_path"]
    if session.pop("signed_up", None) == user.id and not current_user.is_authenticated:
        log_in(user)  # the browser that signed up: straight in
        flash(_("Welcome, %(name)s! Your address is confirmed and your account is ready.", name=user.name),
              "success")
        return redirect(safe_next(next_path) or url_for("events.home"))
    flash(_("Your address is confirmed. Please log in."), "success")
    return redirect(url_for("accounts.login", next=safe_next(next_path) or None))


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")) or url_for("events.home"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        limits = throttle()
        limits.check(form.email.data, request.remote_addr)  # 429 when the account or address has no tries left
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            limits.failed(form.email.data, request.remote_addr)
            form.password.errors = [_("That email and password do not match an account.")]
        elif not user.is_verified:
            send_verification(user, safe_next(form.next.data))
            form.email.errors = [_("Please confirm your address first: we have sent the link to it again.")]
        else:
            limits.succeeded(form.email.data)
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
@limiter.limit(address_limit, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = services.find_user(form.email.data)
        if user is not None and user.is_active:
            link = public_url("accounts.reset_password", token=services.password_reset_token(user))
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
@limiter.limit(address_limit, methods=["POST"])
def reset_password(token: str):
    user = services.user_for_reset_token(token)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            # The new password, and the address confirmed: the reset link reached its inbox.
            commands.reset_password(request_actor(), token=token, password=form.password.data)
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
            commands.save_preferences(request_actor(), name=prefs.name.data, locale=prefs.locale.data)
        except DomainError as error:
            prefs.name.errors = [error.message]
        else:
            session["lang"] = prefs.locale.data
            flash(_("Saved."), "success")
            return redirect(url_for("accounts.account"))
    elif submitted(password_form) and password_form.validate_on_submit():
        try:
            commands.change_password(request_actor(), current=password_form.current.data,
                                     password=password_form.password.data)
        except DomainError as error:
            target = password_form.current if error.code == "wrong_password" else password_form.password
            target.errors = [error.message]
        else:
            # Every session and token ended with the change; this browser gets a fresh one (the user, not
            # Flask-Login's proxy, which login_user would recurse on until the process died).
            log_in(current_user._get_current_object())
            flash(_("Your password is changed. Every other session has been logged out."), "success")
            return redirect(url_for("accounts.account"))
    elif submitted(token_form) and token_form.validate_on_submit():
        new_token = commands.issue_token(request_actor(), name=token_form.name.data).value["token"]
        token_form = TokenForm(prefix="token", formdata=None)
    if any(f.errors for f in (prefs, password_form, token_form)):
        status = 422
    # Other capabilities add their part of the page (privacy: the consents given and the notice's version).
    extra: dict = {"consents": [], "notice_version": ""}
    for hook in registry().hooks_for("account_page"):
        extra.update(hook(current_user))
    return render_template(
        "accounts/account.html", prefs=prefs, password_form=password_form, token_form=token_form,
        tokens=tokens.tokens_of(current_user), new_token=new_token, empty=EmptyForm(), **extra,
    ), status


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    if EmptyForm().validate_on_submit():
        commands.revoke_token(request_actor(), token_id=token_id)  # not_found: the error page
        flash(_("The token is revoked."), "success")
    return redirect(url_for("accounts.account"))


@bp.post("/account/sessions/end")
@login_required
def end_sessions():
    if EmptyForm().validate_on_submit():
        commands.end_all_sessions(request_actor())
        forget_login()
        flash(_("You are logged out on every device."), "info")
    return redirect(url_for("accounts.login"))


@bp.post("/language")
def set_language():
    lang = request.form.get("lang", "")
    form = EmptyForm()
    if form.validate_on_submit() and lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated:
            commands.set_language(request_actor(), locale=lang)
    return redirect(safe_next(request.form.get("next")) or url_for("events.home"))
