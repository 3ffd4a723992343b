"""Open call forms: the admission mode, quotas, questions, a review, decisions, and the application's envelope."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..form_options import options


def mode_choices() -> list[tuple[str, str]]:
    """The two ways to admit people, in the reader's language."""
    return [("first_come", _l("First come, first served")), ("open_call", _l("Open call: people apply, you decide"))]


def decision_choices() -> list[tuple[str, str]]:
    """The three decisions, in the reader's language."""
    return [("accepted", _l("Accept")), ("waitlisted", _l("Waitlist")), ("declined", _l("Decline"))]


class ModeForm(FlaskForm):
    mode = SelectField(_l("How people get a place"), choices=options(mode_choices()), validators=[InputRequired()])
    version = HiddenField()


class QuotaForm(FlaskForm):
    dimension = HiddenField(validators=[DataRequired()])
    value = SelectField(_l("For"), validators=[InputRequired()])
    maximum = IntegerField(_l("Accept at most"), validators=[Optional(), NumberRange(min=0, max=100_000)],
                           description=_l("Leave empty to remove the quota."))


class QuestionForm(FlaskForm):
    label = StringField(_l("Question"), validators=[DataRequired(), Length(max=300)])
    kind = SelectField(_l("Kind of answer"), validators=[InputRequired()])
    help = StringField(_l("Help text"), validators=[Optional(), Length(max=300)])
    choices = TextAreaField(_l("Options"), validators=[Optional(), Length(max=3000)],
                            description=_l("For a choice: one option per line."))
    required = BooleanField(_l("An answer is required"), default=True)
    version = HiddenField()


class ReviewForm(FlaskForm):
    score = SelectField(_l("Your score"), choices=options([("", "–"), *((str(n), str(n)) for n in range(1, 6))]),
                        validators=[Optional()])
    notes = TextAreaField(_l("Your notes"), validators=[Optional(), Length(max=2000)],
                          description=_l("Only organisers see scores and notes."))


class DecideForm(FlaskForm):
    decision = SelectField(_l("Decision"), choices=options(decision_choices()), validators=[InputRequired()])
    version = HiddenField()


class ApplicationForm(FlaskForm):
    """The envelope of an application: its answers are fields named after the questions (see the template)."""

    consent_data = BooleanField(_l("I agree that the organisers process my application to decide on it."))
    version = HiddenField()
