"""Privacy forms: confirming an account deletion, the event's retention period."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..accounts.passwords import MAX_LENGTH
from .retention import MAX_RETENTION_DAYS


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[DataRequired(_l("Please give your password.")),
                                                              Length(max=MAX_LENGTH)])


class RetentionForm(FlaskForm):
    retention_days = IntegerField(
        _l("Days to keep personal data after the last day"),
        validators=[Optional(), NumberRange(min=0, max=MAX_RETENTION_DAYS)],
        description=_l("Empty: kept until people delete their accounts. After this, `flask privacy purge` "
                       "anonymises the participants."),
    )
