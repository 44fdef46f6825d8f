from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "alongside.moderation"
    label = "moderation"

    def ready(self) -> None:
        from alongside.core import privacy
        from alongside.moderation import privacy as moderation_privacy

        privacy.register(
            privacy.Contributor(
                name="moderation",
                export=moderation_privacy.export,
                erase=moderation_privacy.erase,
            )
        )
