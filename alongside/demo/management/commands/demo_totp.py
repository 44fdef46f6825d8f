import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand, CommandError

from alongside.demo.accounts import ACCOUNTS, totp_secret_for


class Command(BaseCommand):
    help = "Print the current TOTP code of a staff demo account (demo only)."

    def add_arguments(self, parser):
        parser.add_argument("account", choices=[a.key for a in ACCOUNTS if a.staff_groups])

    def handle(self, *args, account, **options):
        spec = next(a for a in ACCOUNTS if a.key == account)
        if not spec.staff_groups:
            raise CommandError("Only staff demo accounts have TOTP.")
        counter = int(time.time()) // 30
        code = format_hotp_value(hotp_value(totp_secret_for(spec.email), counter))
        left = 30 - int(time.time()) % 30
        self.stdout.write(f"{code}  ({spec.email}, valid for {left} more seconds)")
