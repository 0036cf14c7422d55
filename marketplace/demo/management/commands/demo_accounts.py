from django.core.management.base import BaseCommand

from marketplace.demo.accounts import accounts_table


class Command(BaseCommand):
    help = "Print the demo accounts: role, e-mail, mobile, password and TOTP secret."

    def handle(self, *args, **options):
        self.stdout.write(accounts_table())
