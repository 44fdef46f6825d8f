from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "alongside.articles"
    label = "articles"
