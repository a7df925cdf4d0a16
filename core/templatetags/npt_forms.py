"""Template helpers behind templates/includes/field.html and error_summary.html (GOV.UK form markup)."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

from core.widgets import GovukDateInput

register = template.Library()

# GOV.UK class (and its error modifier) for widgets rendered as one element.
_SINGLE_CLASSES = {
    "input": ("govuk-input", "govuk-input--error"),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
}


@register.filter
def govuk_kind(field: BoundField) -> str:
    """Which GOV.UK component renders FIELD: input, textarea, select, radios, checkboxes, checkbox, date, file, hidden."""
    widget = field.field.widget
    # Order matters: CheckboxSelectMultiple subclasses RadioSelect, which subclasses Select.
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, GovukDateInput):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select | forms.SelectMultiple | forms.NullBooleanSelect):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


@register.filter
def field_anchor(field: BoundField) -> str:
    """The element id an error summary link should move focus to (the first radio, the day box...)."""
    kind = govuk_kind(field)
    if kind in {"radios", "checkboxes", "date"}:
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id or field.html_name


def _describedby(field: BoundField, hint: str) -> str:
    ids = []
    if hint:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def field_describedby(field: BoundField, hint: str = "") -> str:
    """The ``aria-describedby`` value for FIELD: its hint and error message ids."""
    return _describedby(field, hint)


@register.simple_tag
def govuk_widget(field: BoundField, hint: str = "", extra_class: str = "") -> SafeString:
    """Render FIELD's own widget with the GOV.UK class, error modifier and aria-describedby.

    Django renders the element, so the entered value, choices and the widget's own attributes
    (maxlength, autocomplete, rows...) are kept exactly as the form defines them.
    """
    base, error = _SINGLE_CLASSES.get(govuk_kind(field), ("", ""))
    classes = [base, field.field.widget.attrs.get("class", ""), extra_class]
    if field.errors and error:
        classes.append(error)
    attrs: dict[str, Any] = {"class": " ".join(c for c in classes if c)}
    describedby = _describedby(field, hint)
    if describedby:
        attrs["aria-describedby"] = describedby
    return field.as_widget(attrs=attrs)


@register.simple_tag
def date_parts(field: BoundField) -> list[dict[str, Any]]:
    """Day, month and year boxes for a GovukDateInput field, with what was entered."""
    widget = field.field.widget
    assert isinstance(widget, GovukDateInput)
    values = widget.decompress(field.value())
    widths = {"day": 2, "month": 2, "year": 4}
    return [
        {
            "label": part.capitalize(),
            "name": f"{field.html_name}_{part}",
            "id": f"{field.auto_id}_{index}",
            "value": "" if value is None else value,
            "width": widths[part],
        }
        for index, (part, value) in enumerate(zip(widget.parts, values, strict=True))
    ]


@register.simple_tag
def error_summary_items(form: forms.BaseForm) -> list[dict[str, str]]:
    """Every error in FORM as ``{href, message}``: form-wide errors first, then each field's in order.

    Form-wide errors link to the first visible field, so every link moves focus somewhere useful.
    """
    visible = form.visible_fields()
    first_anchor = f"#{field_anchor(visible[0])}" if visible else ""
    items = [{"href": first_anchor, "message": str(message)} for message in form.non_field_errors()]
    for field in form:
        for message in field.errors:
            href = first_anchor if field.is_hidden else f"#{field_anchor(field)}"
            items.append({"href": href, "message": str(message)})
    return items
