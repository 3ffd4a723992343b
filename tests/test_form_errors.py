"""The error summary: every error of the page's forms at the top, focused, each linked to its field."""

from __future__ import annotations

import re

from hackathon.form_errors import form_errors


def test_a_form_with_errors_gets_a_summary_linking_each_field(client, make, event):
    from hackathon.teams import challenges
    from hackathon.transactions import unit_of_work

    with unit_of_work():
        challenges.create_challenge(event, challenges.ChallengeFields(title="Repair cafés", organisation="Co-op"),
                                    owner=None)
    user = make.participant(event)[0]
    make.login(client, user)
    token = make.csrf(client, f"/events/{event.slug}/teams/new")
    response = client.post(f"/events/{event.slug}/teams/new", data={"csrf_token": token, "name": "", "max_size": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    summary = page[page.index("data-error-summary"):page.index("</div>", page.index("data-error-summary"))]
    links = re.findall(r'<a href="#([^"]+)">', summary)
    assert "name" in links
    for target in links:
        assert f'id="{target}"' in page  # each link reaches a field of the page
    assert page.index("data-error-summary") < page.index("<form method=\"post\" novalidate")
    assert 'autofocus' in page[page.index("error-summary") - 200:page.index("data-error-summary")]


def test_a_page_without_errors_has_no_summary(client, make, event):
    make.login(client, make.participant(event)[0])
    assert "data-error-summary" not in client.get(f"/events/{event.slug}/teams/new").get_data(as_text=True)


def test_grouped_and_hidden_fields_link_to_what_a_person_can_reach(app):
    from wtforms import Form, HiddenField, RadioField, StringField
    from wtforms.fields.choices import SelectChoice
    from wtforms.validators import InputRequired

    class Sample(Form):
        name = StringField("Name", validators=[InputRequired()])
        kind = RadioField("Kind", choices=[SelectChoice("a", "A"), SelectChoice("b", "B")],
                          validators=[InputRequired()])
        secret = HiddenField("Secret", validators=[InputRequired()])

    form = Sample()
    form.validate()
    targets = [error["target"] for error in form_errors(form)]
    assert targets == ["name", "kind-0", None]
