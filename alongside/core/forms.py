from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Django's form templates, with our field template: no colon, errors tied to the input."""

    field_template_name = "forms/field.html"
