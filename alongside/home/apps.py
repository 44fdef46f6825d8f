from django.apps import AppConfig


class HomeConfig(AppConfig):
    """A member's home at `/`: what is new since their last visit, gathered from every app."""

    name = "alongside.home"
    default_auto_field = "django.db.models.BigAutoField"
