from django.core.management.base import BaseCommand

from marketplace.volunteering.services.reminders import shift_reminders_send


class Command(BaseCommand):
    help = "Remind confirmed volunteers of shifts starting within 24 hours (run hourly)."

    def handle(self, *args, **options):
        sent = shift_reminders_send()
        self.stdout.write(f"reminded {sent} volunteers")
