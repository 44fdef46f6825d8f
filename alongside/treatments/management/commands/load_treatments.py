from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from alongside.treatments.knowledge import KnowledgeBaseError, load_knowledge_base
from alongside.treatments.services import knowledge_base_load


class Command(BaseCommand):
    help = (
        "Check alongside/treatments/data/*.yaml and save every new or changed row as a draft "
        "that a medical reviewer must approve in the staff console. Safe to rerun."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--approve-as",
            metavar="EMAIL",
            help="Approve the drafts as this medical reviewer (demo and first install only).",
        )

    def handle(self, *args, **options):
        try:
            kb = load_knowledge_base()
        except KnowledgeBaseError as error:
            raise CommandError(f"The treatment knowledge base has problems:\n{error}") from error
        reviewer = _reviewer(options["approve_as"]) if options["approve_as"] else None
        counts = knowledge_base_load(kb=kb, reviewer=reviewer)
        self.stdout.write(
            "Treatment knowledge base: {treatments} treatments, {interactions} interactions, "
            "{contraindications} contraindications, {sources} sources; "
            "{drafts} new or changed rows.".format(**counts)
        )
        if reviewer is None and counts["drafts"]:
            self.stdout.write("They wait for a medical reviewer's approval in the staff console.")


def _reviewer(email: str):
    user = get_user_model().objects.filter(email=email, groups__name="Medical reviewers").first()
    if user is None:
        raise CommandError(f"No member of the Medical reviewers group has the email {email}.")
    return user
