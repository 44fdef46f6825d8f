from django.utils.translation import gettext_lazy as _

TEXT_SIZES = {"100": _("Standard"), "115": _("Large"), "130": _("Larger"), "150": _("Largest")}
THEMES = {"system": _("Match my device"), "light": _("Light"), "dark": _("Dark")}


def display(request) -> dict:
    size = request.COOKIES.get("text_size", "100")
    theme = request.COOKIES.get("theme", "system")
    return {
        "text_size": size if size in TEXT_SIZES else "100",
        "theme": theme if theme in THEMES else "system",
        "text_sizes": TEXT_SIZES,
        "themes": THEMES,
    }
