from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "alongside.inbox"
    label = "inbox"

    def ready(self) -> None:
        from alongside.core import privacy
        from alongside.inbox import privacy as inbox_privacy
        from alongside.inbox import services

        privacy.register(
            privacy.Contributor(
                name="messages", export=inbox_privacy.export, erase=services.member_messages_erase
            )
        )
