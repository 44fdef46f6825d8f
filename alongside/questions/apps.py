from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "alongside.questions"
    label = "questions"

    def ready(self) -> None:
        from alongside.core import moderation as registry
        from alongside.core import privacy
        from alongside.questions import moderation, services
        from alongside.questions import privacy as questions_privacy

        for item in moderation.ITEMS:
            registry.register(item)
        privacy.register(
            privacy.Contributor(
                name="questions",
                export=questions_privacy.export,
                erase=services.member_questions_erase,
            )
        )
