from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "alongside.journal"
    label = "journal"

    def ready(self) -> None:
        from alongside.core import privacy, slots
        from alongside.journal import privacy as journal_privacy
        from alongside.journal import slots as journal_slots

        privacy.register(
            privacy.Contributor(
                name="journal", export=journal_privacy.export, erase=journal_privacy.erase
            )
        )
        slots.register("save_question", journal_slots.save_question)
        slots.register("treatment_page", journal_slots.treatment_figures)
