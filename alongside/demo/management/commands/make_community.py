from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from alongside.communities.models import Community
from alongside.demo.scale.community import community_make


class Command(BaseCommand):
    help = (
        "Fill PostgreSQL with a large synthetic community: members, teams, updates, comments, "
        "hugs, questions, article comments, treatment histories and insights. Seeded."
    )

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, required=True, help="Synthetic members.")
        parser.add_argument("--community", default="ms", help="Community slug (default ms).")
        parser.add_argument("--seed", type=int, default=216)

    def handle(self, *args, members, community, seed, **options):
        if connection.vendor != "postgresql":
            raise CommandError("make_community writes with COPY: set DATABASE_URL to PostgreSQL.")
        target = Community.objects.filter(slug=community).first()
        if target is None:
            raise CommandError(f"No community '{community}': run manage.py load_demo first.")
        summary = community_make(
            community=target, members=members, seed=seed, stdout=self.stdout, stderr=self.stderr
        )
        self._report(target, summary)

    def _report(self, community, summary):
        community.refresh_from_db()
        headline = f"\n{community.name}: {community.member_count:,} members"
        self.stdout.write(self.style.SUCCESS(headline))
        for name, count in summary.rows.items():
            self.stdout.write(f"  {name:<24} {count:>12,}")
        for name, seconds in summary.seconds.items():
            self.stdout.write(f"  {name:<34} {seconds:>8.1f} s")
        self.stdout.write(f"  {'total':<34} {sum(summary.seconds.values()):>8.1f} s")
        for note in summary.notes:
            self.stdout.write(f"  note: {note}")
