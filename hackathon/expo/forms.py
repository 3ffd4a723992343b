"""Expo forms: a new round (the organisers' console)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from ..events.forms import MultiCheckboxField
from .rounds import MAX_FINALISTS, MAX_MIN_COMPARISONS, MAX_NAME


class RoundForm(FlaskForm):
    name = StringField(_l("Name"), default="Expo", validators=[DataRequired(), Length(max=MAX_NAME)])
    track = SelectField(_l("Projects"), default="all", validate_choice=False,
                        description=_l("Every team of the event, or one track's teams."))
    finalists = IntegerField(_l("Finalists for the pitch session"), default=10,
                             validators=[InputRequired(), NumberRange(1, MAX_FINALISTS)])
    min_comparisons = IntegerField(_l("Comparisons each project needs at least"), default=3,
                                   validators=[InputRequired(), NumberRange(1, MAX_MIN_COMPARISONS)],
                                   description=_l("Judges are sent to projects short of this first."))
    judge_ids = MultiCheckboxField(_l("Judges"), coerce=int, validate_choice=False)
