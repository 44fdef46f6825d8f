from pathlib import Path

from django.core.management.base import BaseCommand

from alongside.treatments.export import knowledge_base_export
from alongside.treatments.knowledge import DATA_DIR


class Command(BaseCommand):
    help = "Write the live (approved) knowledge base back to YAML, in the seed's format."

    def add_arguments(self, parser):
        parser.add_argument("--to", default=str(DATA_DIR), help="Directory to write into.")

    def handle(self, *args, **options):
        written = knowledge_base_export(directory=Path(options["to"]))
        self.stdout.write(f"Wrote {written} files to {options['to']}.")
