"""Recompute every treatment insight. Schedule it nightly, e.g. in cron:

    15 3 * * *  cd /srv/alongside && .venv/bin/python manage.py refresh_insights --enqueue

With --enqueue the work goes to the task workers (`manage.py worker`); without it, it runs
here. Reports already refresh their own insight within a minute; the nightly pass catches
what a single report cannot, such as members changing their figures consent or durations
growing with time.
"""

from django.core.management.base import BaseCommand

from alongside.treatments.services import insight_refresh_all


class Command(BaseCommand):
    help = "Recompute all treatment insights (run nightly)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue tasks instead.")

    def handle(self, *args, enqueue, **options):
        count = insight_refresh_all(enqueue=enqueue)
        verb = "Queued" if enqueue else "Refreshed"
        self.stdout.write(f"{verb} {count} treatment insights.")
