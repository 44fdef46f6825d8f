from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "alongside.inbox"
    label = "inbox"
