from django.core.management.base import BaseCommand

from alongside.communities.models import Community
from alongside.journal.tasks import figures_refresh


class Command(BaseCommand):
    help = "Enqueue journal community figures (each community recomputed at most weekly)."

    def handle(self, *args, **options):
        for pk in Community.objects.values_list("pk", flat=True):
            figures_refresh.enqueue(pk)
        self.stdout.write("Journal figures enqueued.")
