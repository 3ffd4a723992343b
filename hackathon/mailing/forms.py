"""Mailing forms: an email to an audience."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from .mailings import SUBJECT_MAX, TEXT_MAX


class MailingForm(FlaskForm):
    audience = SelectField(_l("Send to"), validators=[InputRequired()])
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=SUBJECT_MAX)])
    text = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=TEXT_MAX)])
