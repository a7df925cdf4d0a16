"""templates/includes/error_summary.html and field.html render GOV.UK markup from real Django forms."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.template.loader import render_to_string

from core.widgets import GovukDateInput


class ExampleForm(forms.Form):
    title = forms.CharField(max_length=20, help_text="A few words")
    kind = forms.ChoiceField(choices=[("a", "Alpha"), ("b", "Bravo")], widget=forms.RadioSelect)
    tags = forms.MultipleChoiceField(choices=[("x", "X-ray"), ("y", "Yankee")], widget=forms.CheckboxSelectMultiple)
    when = forms.DateField(widget=GovukDateInput)

    def clean(self) -> dict[str, object]:
        raise forms.ValidationError("Check the whole form")


def _render(form: forms.Form) -> str:
    html = render_to_string("includes/error_summary.html", {"form": form})
    return html + "".join(render_to_string("includes/field.html", {"field": form[name]}) for name in form.fields)


def test_it_links_each_error_to_its_field() -> None:
    form = ExampleForm(
        data={"title": "", "kind": "b", "tags": ["y"], "when_day": "31", "when_month": "2", "when_year": "2025"}
    )
    assert not form.is_valid()
    html = _render(form)
    links = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a></li>', html)
    assert links == [
        ("id_title", "Check the whole form"),
        ("id_title", "This field is required."),
        ("id_when_0", "Enter a valid date."),
    ]
    # Every link target exists on the page.
    for anchor, _ in links:
        assert f'id="{anchor}"' in html


def test_it_keeps_what_was_entered_after_an_error() -> None:
    form = ExampleForm(
        data={
            "title": "Tom & Jerry",
            "kind": "b",
            "tags": ["y"],
            "when_day": "31",
            "when_month": "2",
            "when_year": "2025",
        }
    )
    form.is_valid()
    html = _render(form)
    assert 'value="Tom &amp; Jerry"' in html
    assert re.search(r'value="b" checked', html)
    assert not re.search(r'value="a" checked', html)
    assert re.search(r'type="checkbox" value="y" checked', html)
    assert 'name="when_day" type="text" inputmode="numeric" value="31"' in html
    assert 'name="when_year" type="text" inputmode="numeric" value="2025"' in html


def test_it_describes_an_input_by_its_hint_and_error() -> None:
    form = ExampleForm(data={})
    form.is_valid()
    html = render_to_string("includes/field.html", {"field": form["title"]})
    assert 'aria-describedby="id_title-hint id_title-error"' in html
    assert 'class="govuk-input govuk-input--error"' in html
    assert '<span class="govuk-visually-hidden">Error:</span> This field is required.' in html


def test_it_parses_a_valid_date_from_three_boxes() -> None:
    form = ExampleForm(
        data={"title": "t", "kind": "a", "tags": ["x"], "when_day": "7", "when_month": "3", "when_year": "2025"}
    )
    form.is_valid()
    assert form.cleaned_data["when"] == dt.date(2025, 3, 7)


def test_it_renders_nothing_when_the_form_is_valid_or_unbound() -> None:
    assert render_to_string("includes/error_summary.html", {"form": ExampleForm()}).strip() == ""
