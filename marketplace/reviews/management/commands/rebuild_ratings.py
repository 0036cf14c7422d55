from django.core.management.base import BaseCommand

from marketplace.reviews.services import ratings_rebuild_all


class Command(BaseCommand):
    help = "Rebuild every provider's rating aggregates from the reviews (repair; safe to repeat)."

    def handle(self, *args, **options):
        providers = ratings_rebuild_all()
        self.stdout.write(f"rebuilt the ratings of {providers} providers")
