"""Teams forms: challenges, teams, joining, the board, and the organiser's moves."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from ..events.forms import LongSelectField, MultiCheckboxField
from ..form_options import options


class ChallengeForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(min=3, max=200)])
    organisation = StringField(_l("Posed by (organisation)"), validators=[Optional(), Length(max=160)])
    logo_path = StringField(_l("Logo"), validators=[Optional(), Length(max=300)],
                            description=_l("A link starting with https:// or a path under /static/ (optional)."))
    summary = StringField(_l("Summary"), validators=[Optional(), Length(max=300)],
                          description=_l("One or two sentences for the challenge list."))
    description = TextAreaField(_l("Full description"), validators=[Optional(), Length(max=20000)],
                                description=_l("Markdown: **bold**, lists, links."))
    tags = StringField(_l("Tags"), validators=[Optional(), Length(max=400)],
                       description=_l("Separated by commas: digital, green, inclusion, circular economy …"))
    skills = StringField(_l("Skills needed"), validators=[Optional(), Length(max=600)],
                         description=_l("Separated by commas."))
    resources = TextAreaField(_l("Resources and links"), validators=[Optional(), Length(max=5000)],
                              description=_l("One per line: Label | https://…"))
    max_teams = IntegerField(_l("Maximum teams"), default=4, validators=[InputRequired(), NumberRange(1, 100)])
    version = HiddenField()


class TeamForm(FlaskForm):
    name = StringField(_l("Team name"), validators=[DataRequired(), Length(min=2, max=80)])
    challenge_id = SelectField(_l("Challenge"), coerce=int, validators=[InputRequired()])
    pitch = StringField(_l("One-line pitch"), validators=[Optional(), Length(max=200)])
    open_roles = StringField(_l("Open roles and skills you seek"), validators=[Optional(), Length(max=500)],
                             description=_l("Separated by commas: ux design, python, legal …"))
    join_policy = SelectField(_l("Who may join"), choices=options([
        ("open", _l("Anyone, while there is room")), ("request", _l("People ask; members approve"))]))
    max_size = IntegerField(_l("Team size"), validators=[InputRequired(), NumberRange(1, 20)])
    version = HiddenField()


class JoinForm(FlaskForm):
    message = TextAreaField(_l("A message to the team"), validators=[Optional(), Length(max=500)],
                            description=_l("What you would bring (for teams whose members approve requests)."))
    invite_code = HiddenField()


class BoardForm(FlaskForm):
    note = TextAreaField(_l("What you can do and want to work on"), validators=[Optional(), Length(max=300)])
    challenge_ids = MultiCheckboxField(_l("Challenges that interest you"), coerce=int)


class MoveForm(FlaskForm):
    user_id = LongSelectField(_l("Person"), coerce=int, validators=[InputRequired()])
    team_id = LongSelectField(_l("Into team"), coerce=int, validators=[InputRequired()])


class MergeForm(FlaskForm):
    source_id = LongSelectField(_l("Merge team"), coerce=int, validators=[InputRequired()])
    target_id = LongSelectField(_l("into team"), coerce=int, validators=[InputRequired()])


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(min=2, max=160)])
    country = SelectField(_l("Country"), validators=[Optional()])
    kind = SelectField(_l("Kind"), validators=[Optional()])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=300)],
                          description=_l("A link starting with https:// (optional)."))
    logo_path = StringField(_l("Logo"), validators=[Optional(), Length(max=300)],
                            description=_l("A link starting with https:// or a path under /static/ (optional)."))
    description = TextAreaField(_l("What they do"), validators=[Optional(), Length(max=1000)])
    version = HiddenField()


class EventChallengeForm(FlaskForm):
    organisation_id = LongSelectField(_l("Posed by"), coerce=int, validators=[InputRequired()])
    new_organisation = StringField(_l("…or a new organisation"), validators=[Optional(), Length(max=160)],
                                   description=_l("Its name: it joins the registry (add its country and kind there)."))
    title = StringField(_l("Title"), validators=[DataRequired(), Length(min=3, max=200)])
    summary = StringField(_l("Summary"), validators=[Optional(), Length(max=300)])
    max_teams = IntegerField(_l("Maximum teams"), default=4, validators=[InputRequired(), NumberRange(1, 100)])
    owner_email = EmailField(_l("Owner's email"), validators=[Optional(), Length(max=254),
                                                             Email(_l("Please give a valid email address."),
                                                                   check_deliverability=False)],
                             description=_l("They may edit the challenge; without an account they get an invitation "
                                            "by email."))


class OwnerForm(FlaskForm):
    owner_email = EmailField(_l("Owner's email"), validators=[DataRequired(), Length(max=254),
                                                             Email(_l("Please give a valid email address."),
                                                                   check_deliverability=False)])
