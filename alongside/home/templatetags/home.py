from django import template
from django.apps import apps
from django.template.loader import select_template

register = template.Library()


@register.simple_tag(takes_context=True)
def include_from_app(context, app_label: str, template_name: str) -> str:
    """Render another app's include when that app is installed, else nothing.

    The home leaves places for apps built beside it (the MS journal's check-in): the home
    works the same with or without them, and neither imports the other.
    """
    if not apps.is_installed(app_label):
        return ""
    try:
        included = select_template([template_name])
    except template.TemplateDoesNotExist:
        return ""
    return included.render(context.flatten(), context.get("request"))
