from django.core.management.base import BaseCommand, CommandError

from alongside.treatments.knowledge import KnowledgeBaseError, load_knowledge_base
from alongside.treatments.services import knowledge_base_load


class Command(BaseCommand):
    help = "Check alongside/treatments/data/*.yaml and load it into the database. Safe to rerun."

    def handle(self, *args, **options):
        try:
            kb = load_knowledge_base()
        except KnowledgeBaseError as error:
            raise CommandError(f"The treatment knowledge base has problems:\n{error}") from error
        counts = knowledge_base_load(kb=kb)
        self.stdout.write(
            "Treatment knowledge base: {treatments} treatments, {interactions} interactions, "
            "{contraindications} contraindications.".format(**counts)
        )
