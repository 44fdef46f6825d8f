from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from alongside.core.inputs import clean_name


class FormRenderer(TemplatesSetting):
    """Django's form templates, with our field template: no colon, errors tied to the input."""

    field_template_name = "forms/field.html"


def fields_clean(form_class: type[forms.BaseForm], **values: Any) -> dict[str, Any]:
    """Check API input with the very fields of the page's form (required, length, choices),
    so a route and its page refuse the same input with the same words. Raises one
    ValidationError carrying every message."""
    fields = form_class().fields
    cleaned: dict[str, Any] = {}
    messages: list[str] = []
    for name, value in values.items():
        try:
            cleaned[name] = fields[name].clean(value)
        except ValidationError as error:
            messages.extend(error.messages)
    if messages:
        raise ValidationError(" ".join(messages), code="invalid")
    return cleaned


class NameField(forms.CharField):
    """A name shown to others: direction controls (which can reverse the text around a name)
    and other control characters are dropped, so a name reads as it looks."""

    def to_python(self, value):
        return clean_name(super().to_python(value))
