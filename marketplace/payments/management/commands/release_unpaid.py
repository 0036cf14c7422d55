from django.core.management.base import BaseCommand

from marketplace.payments.services.bookings import booking_release_expired
from marketplace.payments.services.donations import donation_expire_unpaid


class Command(BaseCommand):
    help = (
        "Release the places of paid bookings whose time to pay ran out (and expire their "
        "Checkout Sessions at Stripe), and mark donations whose payment never came as not "
        "paid. Safe to repeat (cron: every minute)."
    )

    def handle(self, *args, **options):
        released = booking_release_expired()
        expired = donation_expire_unpaid()
        if options["verbosity"]:
            self.stdout.write(
                f"released {released} unpaid bookings; {expired} unpaid donations expired"
            )
