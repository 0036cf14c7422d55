from django.core.management.base import BaseCommand

from marketplace.payments.services.bookings import booking_release_expired


class Command(BaseCommand):
    help = (
        "Release the places of paid bookings whose time to pay ran out (and expire their "
        "Checkout Sessions at Stripe). Safe to repeat (cron: every minute)."
    )

    def handle(self, *args, **options):
        released = booking_release_expired()
        if options["verbosity"]:
            self.stdout.write(f"released {released} unpaid bookings")
