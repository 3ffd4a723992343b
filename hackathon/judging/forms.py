"""Judging forms: a criterion, a conflict of interest, the timer lengths."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from ..events.forms import LongSelectField


class CriterionForm(FlaskForm):
    key = StringField(_l("Key"), validators=[DataRequired(), Length(max=40),
                                             Regexp(r"^[a-z][a-z0-9_]*$", message=_l(
                                                 "Lower-case letters, digits and _, starting with a letter."))],
                      description=_l("A short name for scripts and exports, e.g. impact."))
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    description = TextAreaField(_l("What jurors look at"), validators=[Optional(), Length(max=2000)])
    weight = IntegerField(_l("Weight"), default=1, validators=[InputRequired(), NumberRange(1, 1000)],
                          description=_l("Relative: weights 30 and 15 mean the first counts twice as much."))
    min = IntegerField(_l("Lowest score"), default=1, validators=[InputRequired(), NumberRange(0, 1000)])
    max = IntegerField(_l("Highest score"), default=10, validators=[InputRequired(), NumberRange(1, 1000)])
    guide = TextAreaField(_l("What the scores mean"), validators=[Optional(), Length(max=4000)],
                          description=_l("One line per score, e.g. '7: clear benefit for a well-understood group'."))


class ConflictForm(FlaskForm):
    juror_id = SelectField(_l("Juror"), coerce=int, validate_choice=False)
    target = LongSelectField(_l("Team or organisation"), validators=[DataRequired()], validate_choice=False)
    reason = StringField(_l("Why (optional)"), validators=[Optional(), Length(max=300)])


class TimerForm(FlaskForm):
    pitch_minutes = IntegerField(_l("Pitch (minutes)"), validators=[InputRequired(), NumberRange(1, 60)])
    qa_minutes = IntegerField(_l("Questions (minutes)"), validators=[InputRequired(), NumberRange(1, 60)])


def parse_target(value: str) -> tuple[int | None, int | None]:
    """'team:5' or 'org:3' into (team_id, organisation_id); (None, None) for anything else."""
    kind, _sep, number = (value or "").partition(":")
    if not number.isdigit():
        return None, None
    return (int(number), None) if kind == "team" else (None, int(number)) if kind == "org" else (None, None)
