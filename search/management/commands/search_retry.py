from django.core.management.base import BaseCommand

from search.indexing import flush_pending
from search.models import PendingUpdate


class Command(BaseCommand):
    help = "Send the index updates waiting for Elasticsearch (it was down); cheap, run often."

    def handle(self, *args, **options):
        waiting = PendingUpdate.objects.count()
        if not waiting:
            self.stdout.write("nothing waiting")
            return
        left = flush_pending()
        self.stdout.write(f"{waiting - left} sent, {left} still waiting")
