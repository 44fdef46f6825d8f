from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "alongside.newsletter"
    label = "newsletter"
