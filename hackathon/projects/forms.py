"""Projects forms: the organisers' deadline, extensions and gallery; follow-ups; a member's gallery name; uploads."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..form_options import options
from .followups import KIND_LABELS, MAX_NOTES, MAX_OFFER, STATUS_LABELS
from .impact import KIND_LABELS as ORGANISATION_KIND_LABELS

_moment_help = _l("Date and time in the event's time zone, to the second: YYYY-MM-DD HH:MM:SS.")


class DeadlineForm(FlaskForm):
    deadline = StringField(_l("Submission deadline"), validators=[Optional(), Length(max=25)],
                           description=_moment_help)


class ExtensionForm(FlaskForm):
    team_id = SelectField(_l("Team"), coerce=int, validators=[DataRequired(_l("Choose a team."))])
    until = StringField(_l("Until"), validators=[DataRequired(_l("Give the new deadline.")), Length(max=25)],
                        description=_moment_help)
    reason = StringField(_l("Reason (optional)"), validators=[Optional(), Length(max=300)])


class GalleryForm(FlaskForm):
    public = BooleanField(_l("The gallery is public"))
    winner_places = IntegerField(_l("Places of the overall ranking that count as winners"),
                                 validators=[NumberRange(0, 10, _l("From 0 to 10."))])


class FollowUpForm(FlaskForm):
    team_id = SelectField(_l("Winning team"), coerce=int, validators=[DataRequired(_l("Choose a team."))])
    kind = SelectField(_l("What is offered"), choices=options(list(KIND_LABELS.items())))
    offer = StringField(_l("The offer"), validators=[DataRequired(_l("Describe the offer.")), Length(max=MAX_OFFER)],
                        description=_l("For example: a three-month pilot with our food bank in Zaragoza."))
    status = SelectField(_l("Status"), choices=options(list(STATUS_LABELS.items())))
    starts_on = DateField(_l("Starts"), validators=[Optional()])
    ends_on = DateField(_l("Ends"), validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=MAX_NOTES)])
    version = HiddenField()


class GalleryNameForm(FlaskForm):
    name = StringField(_l("My name in the gallery"), validators=[Optional(), Length(max=80)],
                       description=_l("Leave it empty to show no name. Only this name is shown, never your account."))


class UploadForm(FlaskForm):
    file = FileField(_l("Slides (PDF) or an image (PNG, JPEG, WebP)"))


class ClassifyForm(FlaskForm):
    name_key = HiddenField()
    kind = SelectField(_l("Kind"), choices=options(list(ORGANISATION_KIND_LABELS.items())))
