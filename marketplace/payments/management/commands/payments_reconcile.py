import sys
from datetime import date, datetime, time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from marketplace.payments import gateway
from marketplace.payments.reconcile import Report, reconcile

COLUMNS = ("kind", "session", "payment", "Stripe", "Linli")
CANNOT_RUN = 2  # exit status when nothing could be compared (1 means mismatches)


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"not a date (YYYY-MM-DD): {text}") from error


class Command(BaseCommand):
    help = (
        "Compare the Checkout Sessions Stripe made in a period with Linli's payments and "
        "print the differences. Days are in TIME_ZONE, both ends included; the default is "
        "yesterday. Exits with status 1 when there are mismatches (for a cron alert), 2 when "
        "it cannot run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", type=day, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="last", type=day, help="last day, YYYY-MM-DD")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, first=None, last=None, no_progress=False, **options):
        if not gateway.enabled():
            raise CommandError(
                "Payments are off (STRIPE_SECRET_KEY is not set): there is nothing to reconcile.",
                returncode=CANNOT_RUN,
            )
        last = last or (first if first and first > self.yesterday() else self.yesterday())
        first = first or last
        if first > last:
            raise CommandError("--from is after --to.", returncode=CANNOT_RUN)
        start, end = midnight(first), midnight(last + timedelta(days=1))

        def progress(sessions):
            return tqdm(
                sessions,
                desc="Stripe sessions",
                unit="session",
                file=self.stderr._out,  # the stream itself: OutputWrapper ends each write
                disable=no_progress or not options["verbosity"],
            )

        try:
            report = reconcile(start=start, end=end, progress=progress)
        except gateway.GatewayError as error:
            raise CommandError(str(error.message), returncode=CANNOT_RUN) from error
        self.stdout.write(f"Reconciling {first} to {last} ({timezone.get_current_timezone()})")
        self.print_table(report)
        self.stdout.write(
            f"{report.sessions} sessions at Stripe, {report.payments} payments in Linli, "
            f"{len(report.mismatches)} mismatches"
        )
        if report.mismatches:
            sys.exit(1)

    @staticmethod
    def yesterday() -> date:
        return timezone.localdate() - timedelta(days=1)

    def print_table(self, report: Report) -> None:
        if not report.mismatches:
            return
        rows = [
            (m.kind.label, m.session_id or "-", str(m.payment_id or "-"), m.stripe, m.linli)
            for m in report.mismatches
        ]
        widths = [max(len(row[i]) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
        for row in [COLUMNS, tuple("-" * w for w in widths), *rows]:
            self.stdout.write(
                "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )


def midnight(on: date) -> datetime:
    return timezone.make_aware(datetime.combine(on, time.min))
