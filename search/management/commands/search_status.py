from django.core.management import call_command
from django.core.management.base import BaseCommand

from search.indexing import backend
from search.registry import TYPES, documents_of


class Command(BaseCommand):
    help = "Compare the database and the index per type; --fix reindexes the types that drift."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true")

    def handle(self, *args, fix=False, **options):
        target = backend()
        self.stdout.write(f"backend: {target.name}")
        self.stdout.write(f"{'type':<14}{'database':>10}{'index':>10}  state")
        drifting = []
        for key, search_type in TYPES.items():
            expected = sum(1 for _ in documents_of(search_type))
            actual = target.count(key)
            state = "ok" if expected == actual else "DRIFT"
            if state != "ok":
                drifting.append(key)
            self.stdout.write(f"{key:<14}{expected:>10}{actual:>10}  {state}")
        if drifting and fix:
            call_command("search_reindex", *drifting, stdout=self.stdout, stderr=self.stderr)
        elif drifting:
            self.stdout.write("run with --fix to reindex the drifting types")
