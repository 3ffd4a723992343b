"""Account forms: sign-up, login, password reset and change, preferences, invitations."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from ..form_options import options
from .passwords import MAX_LENGTH, MIN_LENGTH

# The roles an organiser grants or invites to (events.models.STAFF_ROLES), in the order the console offers them.
STAFF_ROLE_OPTIONS = options([("mentor", _l("Mentor")), ("jury", _l("Juror")),
                              ("challenge_owner", _l("Challenge owner")), ("door", _l("Door staff")),
                              ("organiser", _l("Organiser"))])

_email = [DataRequired(_l("Please give your email address.")), Length(max=254),
          Email(_l("Please give a valid email address."), check_deliverability=False)]
_new_password = [
    DataRequired(_l("Please choose a password.")),
    Length(min=MIN_LENGTH, max=MAX_LENGTH,
           message=_l("Passwords need %(min)d to %(max)d characters.", min=MIN_LENGTH, max=MAX_LENGTH)),
]


class SignupForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(_l("Please give your name.")), Length(max=120)])
    email = EmailField(_l("Email"), validators=_email)
    password = PasswordField(_l("Password"), validators=_new_password)
    next = HiddenField()


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=_email)
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Please give your password.")),
                                                         Length(max=MAX_LENGTH)])
    remember = BooleanField(_l("Keep me logged in on this device"))
    next = HiddenField()


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Email"), validators=_email)


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=_new_password)
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(_l("Please repeat the password.")),
                    EqualTo("password", _l("The two passwords are not the same."))],
    )


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=MAX_LENGTH)])
    password = PasswordField(_l("New password"), validators=_new_password)


class PreferencesForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(_l("Please give your name.")), Length(max=120)])
    locale = SelectField(_l("Language"), choices=options([("en", "English"), ("de", "Deutsch")]))


class TokenForm(FlaskForm):
    name = StringField(_l("What is this token for?"), validators=[DataRequired(), Length(max=80)])


class InvitationForm(FlaskForm):
    role = SelectField(_l("Role"), choices=STAFF_ROLE_OPTIONS)
    email = EmailField(_l("Only for this email (optional)"),
                       validators=[Optional(), Length(max=254),
                                   Email(_l("Please give a valid email address."), check_deliverability=False)])
    max_uses = StringField(_l("How many people may use it"), default="1",
                           validators=[DataRequired(), Length(max=3)])


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that post."""
