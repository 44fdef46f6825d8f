from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "alongside.search"
    label = "search"
