from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "alongside.teams"
    label = "teams"
