from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "alongside.demo"
    label = "demo"

    def ready(self) -> None:
        from alongside.demo.journal import journal_demo
        from alongside.demo.registry import register

        # After the treatments step: the journal's charts show the member's treatments.
        register(journal_demo, order=20)
