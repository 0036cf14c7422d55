from django.core.management import call_command
from django.core.management.base import BaseCommand

from search.indexing import flush_pending
from search.registry import TYPES, documents_of
from search.service import health

from .search_reindex import targets


class Command(BaseCommand):
    help = (
        "Search health, and the database against each index per type; --fix reindexes the "
        "types that drift and sends the updates waiting for Elasticsearch."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true")

    def handle(self, *args, fix=False, **options):
        report = health()
        self.stdout.write(f"searches go to: {report['backend']}")
        remote = report.get("elasticsearch")
        if remote is not None:
            state = "answering" if remote["healthy"] else "NOT ANSWERING"
            self.stdout.write(f"elasticsearch: {remote['url']} {state}")
        self.stdout.write(f"updates waiting for elasticsearch: {report['pending_updates']}")
        live = [t for t in targets("all") if t.name == "database" or remote["healthy"]]
        header = "".join(f"{t.name:>15}" for t in live)
        self.stdout.write(f"{'type':<14}{'objects':>10}{header}  state")
        drifting = {t.name: [] for t in live}
        for key, search_type in TYPES.items():
            expected = sum(1 for _ in documents_of(search_type))
            counts = {t.name: t.count(key) for t in live}
            for name, n in counts.items():
                if n != expected:
                    drifting[name].append(key)
            state = "ok" if all(n == expected for n in counts.values()) else "DRIFT"
            row = "".join(f"{counts[t.name]:>15}" for t in live)
            self.stdout.write(f"{key:<14}{expected:>10}{row}  {state}")
        if not fix:
            if any(drifting.values()) or report["pending_updates"]:
                self.stdout.write("run with --fix to reindex the drifting types")
            return
        if report["pending_updates"] and remote and remote["healthy"]:
            left = flush_pending()
            self.stdout.write(f"sent the waiting updates; {left} still waiting")
        for name, keys in drifting.items():
            if keys:
                call_command(
                    "search_reindex", *keys, backend=name, stdout=self.stdout, stderr=self.stderr
                )
