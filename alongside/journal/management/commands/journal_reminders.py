from django.core.management.base import BaseCommand

from alongside.journal.tasks import reminders_send


class Command(BaseCommand):
    help = "Enqueue the check-in reminders that are due (run at least hourly)."

    def handle(self, *args, **options):
        reminders_send.enqueue()
        self.stdout.write("Check-in reminders enqueued.")
