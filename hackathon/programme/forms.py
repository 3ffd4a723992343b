"""Programme forms: an agenda item, and an announcement with its audience."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..form_options import options
from .models import TEXT_MAX


def kind_choices() -> list[tuple[str, str]]:
    """The kinds of agenda item, labelled in the reader's language."""
    return [("plenary", _l("Plenary")), ("hacking", _l("Hacking")), ("mentoring", _l("Mentoring")),
            ("meal", _l("Meal or break")), ("deadline", _l("Deadline")), ("pitch", _l("Pitches")),
            ("award", _l("Awards"))]


class AgendaItemForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=options(kind_choices()), validators=[InputRequired()])
    day = SelectField(_l("Day"), validators=[InputRequired()])
    start = TimeField(_l("Starts"), validators=[InputRequired()])
    end = TimeField(_l("Ends"), validators=[InputRequired()],
                    description=_l("The same as the start for a deadline; earlier than the start if it ends "
                                   "after midnight."))
    place = StringField(_l("Place"), validators=[Optional(), Length(max=160)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    version = HiddenField()


class AnnouncementForm(FlaskForm):
    text = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=TEXT_MAX)],
                         description=_l("At most 500 characters. It appears at once on the pages of the people "
                                        "you send it to."))
    audience = SelectField(_l("Send to"), validators=[InputRequired()])
    email_to = SelectField(_l("Also send it by email to"), validators=[Optional()],
                           description=_l("The email goes out in the background; follow it under Mail in the console."))


class PinForm(FlaskForm):
    pinned = HiddenField(validators=[DataRequired()])
