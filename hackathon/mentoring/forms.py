"""Mentoring forms: the organiser's settings and sessions, mentors' profiles, help requests, slot actions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..form_options import options


class SettingsForm(FlaskForm):
    cancel_cutoff_minutes = IntegerField(_l("Teams may cancel until (minutes before the start)"), default=30,
                                         validators=[InputRequired(), NumberRange(0, 1440)])
    max_upcoming_bookings = IntegerField(_l("Upcoming bookings per team, at most"), default=2,
                                         validators=[InputRequired(), NumberRange(1, 50)],
                                         description=_l("Keeps it fair: a team books again once a slot is over."))
    help_expiry_minutes = IntegerField(_l("Help requests expire after (minutes of waiting)"), default=45,
                                       validators=[InputRequired(), NumberRange(5, 1440)])


class SessionForm(FlaskForm):
    day = SelectField(_l("Day"), validators=[InputRequired()])
    start = TimeField(_l("From"), validators=[InputRequired()])
    end = TimeField(_l("Until"), validators=[InputRequired()])
    slot_minutes = IntegerField(_l("Slot length (minutes)"), default=30, validators=[InputRequired(),
                                                                                   NumberRange(5, 240)])
    title = StringField(_l("Title"), validators=[Optional(), Length(max=160)],
                        description=_l("For example: Business model and impact."))
    location = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    video_link = StringField(_l("Video link"), validators=[Optional(), Length(max=300)],
                             description=_l("For online mentoring: a link starting with https://."))


class ProfileForm(FlaskForm):
    expertise = StringField(_l("Expertise"), validators=[Optional(), Length(max=500)],
                            description=_l("Separated by commas: fundraising, ux design, legal …"))
    organisation = StringField(_l("Organisation"), validators=[Optional(), Length(max=160)])
    bio = TextAreaField(_l("Short bio"), validators=[Optional(), Length(max=600)],
                        description=_l("Two or three sentences: what teams can ask you about."))
    version = HiddenField()


class HelpForm(FlaskForm):
    topic = StringField(_l("What do you need help with?"), validators=[DataRequired(), Length(min=3, max=200)])
    location = StringField(_l("Where do you sit?"), validators=[DataRequired(), Length(max=120)],
                           description=_l("Table number or room, so the mentor finds you."))
    tried = TextAreaField(_l("What have you tried?"), validators=[Optional(), Length(max=1000)])


class SlotActionForm(FlaskForm):
    note = StringField(_l("Note for the mentor"), validators=[Optional(), Length(max=500)])
    reason = StringField(_l("Reason"), validators=[Optional(), Length(max=300)])


class RateForm(FlaskForm):
    rating = SelectField(_l("How helpful was it?"), coerce=int, choices=options((n, str(n)) for n in range(5, 0, -1)),
                         validators=[InputRequired()])


class HoursForm(FlaskForm):
    day = SelectField(_l("Day"), validators=[InputRequired()])
    start = TimeField(_l("From"), validators=[InputRequired()])
    end = TimeField(_l("Until"), validators=[InputRequired()])


class GenerateForm(FlaskForm):
    slot_minutes = IntegerField(_l("Slot length (minutes)"), default=30, validators=[InputRequired(),
                                                                                   NumberRange(5, 240)])
    location = StringField(_l("Place"), validators=[Optional(), Length(max=200)],
                           description=_l("Where mentors meet teams: one of the venue's rooms, for example."))
    video_link = StringField(_l("Video link"), validators=[Optional(), Length(max=300)],
                             description=_l("For online mentoring: a link starting with https://."))
