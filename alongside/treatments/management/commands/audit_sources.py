from django.core.management.base import BaseCommand, CommandError

from alongside.treatments.selectors import source_audit


class Command(BaseCommand):
    help = (
        "Count the live knowledge base's facts by the kind of source they rest on, and the facts "
        "marked unverified; fail if any fact rests only on sources of a kind not accepted."
    )

    def handle(self, *args, **options):
        audit = source_audit()
        self.stdout.write(f"Facts: {audit.facts}")
        self.stdout.write("Facts citing each kind of source (a fact may cite several kinds):")
        for kind, count in audit.by_kind.items():
            self.stdout.write(f"  {kind}: {count}")
        self.stdout.write(f"Facts marked unverified: {audit.unverified_facts}")
        self.stdout.write(f"Facts citing a source marked unverified: {audit.unverified_sources}")
        self.stdout.write(f"Sources: {audit.sources} ({audit.sources_unverified} unverified)")
        if audit.unaccepted:
            listing = "\n".join(f"  {fact}" for fact in audit.unaccepted)
            raise CommandError(
                f"{len(audit.unaccepted)} facts rest only on unaccepted sources:\n{listing}"
            )
        self.stdout.write("Every fact rests on at least one accepted source.")
