"""Event forms: registration with profile and consent, organiser settings and roles."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget, Select, html_params

from ..accounts.forms import STAFF_ROLE_OPTIONS
from ..form_options import options
from .schedule import PHASES
from .tags import INTEREST_CHOICES, LANGUAGE_CHOICES


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (a multiple select is awkward on phones)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LongSelect(Select):
    """A select of hundreds of options (every person, every team), written straight from each option's value
    and label: the same markup as WTForms' Select, which builds two objects per option and each option's
    attributes generically, at several times the cost. Groups and options with attributes go to Select."""

    def __call__(self, field, **kwargs):
        choices = field.choices
        pairs = []
        for choice in choices if isinstance(choices, list | tuple) and not self.multiple else [None]:
            if isinstance(choice, SelectChoice) and not choice.render_kw and choice.optgroup is None:
                pairs.append((choice.value, choice.label))
            else:  # groups, attributes, other shapes
                return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        flags = getattr(field, "flags", {})
        for name in self.validation_attrs:
            if name not in kwargs and getattr(flags, name, False):
                kwargs[name] = getattr(flags, name)
        coerce, data = field.coerce, field.data
        options = []
        for value, label in pairs:
            try:
                selected = coerce(value) == data
            except (TypeError, ValueError):
                selected = False
            options.append(f'<option {"selected " if selected else ""}value="{escape(value)}">'
                           f"{escape(label or value)}</option>")
        html = f"<select {html_params(name=field.name, **kwargs)}>{''.join(options)}</select>"
        return Markup(html)  # noqa: S704 - every value and label escaped just above, attributes by html_params


class LongSelectField(SelectField):
    """A SelectField for long lists of choices (see LongSelect)."""

    widget = LongSelect()


class RegistrationForm(FlaskForm):
    organisation = StringField(_l("Organisation"), validators=[Optional(), Length(max=160)],
                               description=_l("Where you work, study or volunteer (optional)."))
    country = SelectField(_l("Country"), validators=[DataRequired(_l("Please choose your country."))])
    skills = StringField(_l("Skills"), validators=[Optional(), Length(max=600)],
                         description=_l("What you can bring, separated by commas: python, ux design, legal …"))
    interests = MultiCheckboxField(_l("Interests"), choices=options(INTEREST_CHOICES))
    languages = MultiCheckboxField(_l("Languages you can work in"), choices=options(LANGUAGE_CHOICES))
    bio = TextAreaField(_l("A line about you"), validators=[Optional(), Length(max=500)])
    dietary = StringField(_l("Dietary needs"), validators=[Optional(), Length(max=200)],
                          description=_l("Vegetarian, vegan, allergies … Leave empty if none."))
    accessibility = StringField(_l("Accessibility needs"), validators=[Optional(), Length(max=200)],
                                description=_l("Anything that helps you take part fully. Leave empty if none."))
    consent_data = BooleanField(
        _l("I agree that the organisers process my data to run this event, as described above."),
        validators=[DataRequired(_l("We can only register you with your consent to the processing of your data."))],
    )
    consent_photos = BooleanField(_l("I agree to appear in photos and videos taken at the event (optional)."))
    version = HiddenField()


class EditRegistrationForm(RegistrationForm):
    """Editing keeps the consent already given; the photo consent can change."""

    consent_data = None


class SettingsForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(min=3, max=160)])
    tagline = StringField(_l("Tagline"), validators=[Optional(), Length(max=240)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=20000)],
                                description=_l("Markdown: **bold**, lists, links. Shown on the event page."))
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=240)])
    city = StringField(_l("City"), validators=[Optional(), Length(max=120)])
    capacity = IntegerField(_l("Capacity"), validators=[InputRequired(), NumberRange(min=0, max=100000)])
    registration_open = BooleanField(_l("Registration is open"))
    team_min_size = IntegerField(_l("Smallest team"), validators=[InputRequired(), NumberRange(min=1, max=20)])
    team_max_size = IntegerField(_l("Largest team"), validators=[InputRequired(), NumberRange(min=1, max=20)])
    language = SelectField(_l("The event's texts are written in"), validators=[InputRequired()])
    translation_languages = MultiCheckboxField(
        _l("Translated into"), description=_l("Each text an organiser writes gets a field per language ticked here; "
                                              "readers see their language where it is translated."))
    version = HiddenField()


def _window_field(label: str) -> DateTimeLocalField:
    return DateTimeLocalField(label, format="%Y-%m-%dT%H:%M", validators=[Optional()])


for _phase in PHASES:  # two fields per phase: <phase>_opens_at and <phase>_closes_at, in the event's zone
    setattr(SettingsForm, f"{_phase.key}_opens_at", _window_field(_l("%(phase)s opens", phase=_phase.label)))
    setattr(SettingsForm, f"{_phase.key}_closes_at", _window_field(_l("%(phase)s closes", phase=_phase.label)))


class DatesForm(FlaskForm):
    start = DateField(_l("First day"), validators=[InputRequired(_l("Please give the first day."))])
    days = IntegerField(_l("Number of days"), validators=[InputRequired(), NumberRange(min=1, max=14)])
    timezone = LongSelectField(_l("Time zone"), validators=[InputRequired()])
    confirm = HiddenField()
    version = HiddenField()


class NewEventForm(FlaskForm):
    slug = StringField(_l("Short name (in links)"), validators=[DataRequired(), Length(min=3, max=80)],
                       description=_l("Lower-case letters, digits and hyphens, e.g. spring-hack-2031. It cannot "
                                      "change later."))
    name = StringField(_l("Name"), validators=[DataRequired(), Length(min=3, max=160)])
    start = DateField(_l("First day"), validators=[InputRequired(_l("Please give the first day."))])
    days = IntegerField(_l("Number of days"), default=3, validators=[InputRequired(), NumberRange(min=1, max=14)])
    timezone = LongSelectField(_l("Time zone"), default="Europe/Berlin", validators=[InputRequired()])
    capacity = IntegerField(_l("Capacity"), default=100, validators=[InputRequired(), NumberRange(min=0, max=100000)])
    organiser = EmailField(_l("Organiser (email of an existing account)"),
                           validators=[Optional(), Length(max=254),
                                       Email(_l("Please give a valid email address."), check_deliverability=False)],
                           description=_l("Empty: you organise it yourself."))
    source = SelectField(_l("Copy the set-up of"), validators=[Optional()],
                         description=_l("Challenges, criteria, agenda, rooms and settings, moved to the new dates; "
                                        "no people."))


class RoomForm(FlaskForm):
    name = StringField(_l("Room"), validators=[DataRequired(), Length(max=120)])
    capacity = IntegerField(_l("Seats"), validators=[Optional(), NumberRange(min=0, max=100000)])
    notes = StringField(_l("Notes"), validators=[Optional(), Length(max=300)],
                        description=_l("Floor, equipment, how to find it (optional)."))
    version = HiddenField()


class GrantRoleForm(FlaskForm):
    email = EmailField(_l("Email of an existing account"),
                       validators=[DataRequired(), Length(max=254),
                                   Email(_l("Please give a valid email address."), check_deliverability=False)])
    role = SelectField(_l("Role"), choices=STAFF_ROLE_OPTIONS)
