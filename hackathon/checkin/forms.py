"""Check-in forms: a walk-in registered at the door, a further check-in point."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

from ..form_options import options


class WalkInForm(FlaskForm):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)],
                       description=_l("They get an email to set their password."))
    organisation = StringField(_l("Organisation"), validators=[Optional(), Length(max=160)])
    dietary = StringField(_l("Dietary needs"), validators=[Optional(), Length(max=200)])
    accessibility = StringField(_l("Accessibility needs"), validators=[Optional(), Length(max=200)])


class PointForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=80)],
                       description=_l("For example: Lunch day 2, Workshop on impact measurement."))
    kind = SelectField(_l("Kind"), choices=options([("meal", _l("Meal")), ("workshop", _l("Workshop"))]),
                       validators=[InputRequired()])
    day = DateField(_l("Day"), validators=[InputRequired()])
