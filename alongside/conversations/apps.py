from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "alongside.conversations"
    label = "conversations"

    def ready(self) -> None:
        from alongside.conversations import moderation, services
        from alongside.conversations import privacy as conversations_privacy
        from alongside.core import moderation as registry
        from alongside.core import privacy

        for item in moderation.ITEMS:
            registry.register(item)
        privacy.register(
            privacy.Contributor(
                name="updates",
                export=conversations_privacy.export,
                erase=services.member_content_erase,
            )
        )
