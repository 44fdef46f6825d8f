from django.core.management.base import BaseCommand

from alongside.demo.accounts import DEMO_PASSWORD, demo_accounts_ensure
from alongside.demo.articles import demo_articles_step
from alongside.demo.communities import communities_ensure
from alongside.demo.generate import members_generate, progress_bar
from alongside.demo.journal import journal_demo
from alongside.demo.moderation import moderation_demo
from alongside.demo.network import network_demo
from alongside.demo.newsletter import demo_subscribers_step
from alongside.demo.questions import questions_demo
from alongside.demo.treatments import treatments_demo


class Command(BaseCommand):
    help = "Load the demo communities, log-ins and synthetic members. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=300, help="Synthetic MS members.")
        parser.add_argument("--ra-members", type=int, default=60, help="Synthetic RA members.")
        parser.add_argument("--seed", type=int, default=216)
        parser.add_argument("--quiet", action="store_true", help="Do not print the log-ins.")

    def handle(self, *args, members, ra_members, seed, quiet, **options):
        ms, ra = communities_ensure()
        accounts = demo_accounts_ensure([ms, ra])
        for community, count in ((ms, members), (ra, ra_members)):
            report = members_generate(
                community=community, count=count, seed=seed, progress=progress_bar(self.stderr)
            )
            self.stdout.write(
                f"{community.name}: {community.member_count:,} members "
                f"(created {report.created or 'nothing new'}, {report.seconds:.1f} s)"
            )
        for step in self._extra_steps():
            step(communities=[ms, ra], stdout=self.stdout)
        if not quiet:
            self._print_logins(accounts)

    def _extra_steps(self):
        """The later parts of the demo, in the order they build on each other: treatments
        first (articles cite them), the demo member's journal (which shows them), then
        articles, readers, the network, questions, and the moderation queue (which holds
        some of the questions' posts)."""
        return [
            treatments_demo,
            journal_demo,
            demo_articles_step,
            demo_subscribers_step,
            network_demo,
            questions_demo,
            moderation_demo,
        ]

    def _print_logins(self, accounts):
        self.stdout.write(self.style.SUCCESS(f"\nDemo log-ins (password for all: {DEMO_PASSWORD})"))
        for spec, user in accounts:
            extra = "  TOTP: manage.py demo_totp " + spec.key if spec.staff_groups else ""
            self.stdout.write(f"  {spec.key:<10} {user.email}{extra}")
        self.stdout.write("  MS community: http://localhost:8000   RA: http://ra.localhost:8000")
