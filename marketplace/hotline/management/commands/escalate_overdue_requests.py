from django.core.management.base import BaseCommand

from marketplace.hotline.services import requests_escalate_overdue


class Command(BaseCommand):
    help = (
        "Escalate residents' requests not accepted or not resolved by their deadline to "
        "the street, once per lateness (run every 5 minutes)."
    )

    def handle(self, *args, **options):
        counts = requests_escalate_overdue()
        self.stdout.write(
            f"escalated {counts['late_response']} requests not accepted in time, "
            f"{counts['late_resolution']} not resolved in time"
        )
