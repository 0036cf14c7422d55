from django.core.management.base import BaseCommand

from marketplace.demo.accounts import accounts_table
from marketplace.demo.seed import seed_demo


class Command(BaseCommand):
    help = (
        "Seed the deterministic Chinese demo (regions, facilities, organizations, people, "
        "demands, CMS pages) and print the demo accounts. Does nothing if already seeded."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, **options):
        if seed_demo(progress=not options["no_progress"]):
            self.stdout.write(self.style.SUCCESS("Demo data seeded."))
        else:
            self.stdout.write("Demo data already present; nothing to do.")
        self.stdout.write(accounts_table())
