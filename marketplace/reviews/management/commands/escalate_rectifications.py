from django.core.management.base import BaseCommand

from marketplace.reviews.services import cases_escalate_overdue


class Command(BaseCommand):
    help = (
        "Escalate bad-review cases past their deadline to community staff, and close "
        "answered cases left unacknowledged for 14 days (run every 5 minutes; safe to repeat)."
    )

    def handle(self, *args, **options):
        done = cases_escalate_overdue()
        self.stdout.write(f"escalated {done['escalated']} cases, closed {done['closed']}")
