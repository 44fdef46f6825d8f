from django.core.management.base import BaseCommand

from alongside.notifications.tasks import notification_digest_send


class Command(BaseCommand):
    help = "Queue the daily notification digest (run once a day, e.g. from cron)."

    def handle(self, *args, **options):
        notification_digest_send.enqueue()
        self.stdout.write("Daily notification digest queued.")
