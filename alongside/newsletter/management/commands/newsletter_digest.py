from django.core.management.base import BaseCommand

from alongside.newsletter.tasks import digests_enqueue


class Command(BaseCommand):
    help = "Queue this week's digest for every community (safe to run more than once a week)."

    def handle(self, *args, **options):
        digests_enqueue.enqueue()
        self.stdout.write("Digests queued.")
