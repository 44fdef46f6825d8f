from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "alongside.moderation"
    label = "moderation"

    def ready(self) -> None:
        from alongside.core import privacy
        from alongside.moderation import privacy as moderation_privacy
        from alongside.moderation import services

        privacy.register(
            privacy.Contributor(
                name="moderation",
                export=moderation_privacy.export,
                erase=services.member_reports_erase,
            )
        )
