from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.indexing import backend
from search.registry import TYPES, documents_of

BATCH = 500


class Command(BaseCommand):
    help = "Rebuild the search index from the database, type by type (progress, rate, ETA)."

    def add_arguments(self, parser):
        parser.add_argument("types", nargs="*", help=f"only these types: {', '.join(TYPES)}")

    def handle(self, *args, types=(), **options):
        unknown = sorted(set(types) - set(TYPES))
        if unknown:
            self.stderr.write(f"unknown types: {', '.join(unknown)}; known: {', '.join(TYPES)}")
            return
        target = backend()
        for key in types or TYPES:
            search_type = TYPES[key]
            kept, batch = set(), []
            total = search_type.queryset().count()
            with tqdm(total=total, desc=key, unit="obj", file=self.stderr) as bar:
                for document in documents_of(search_type, progress=bar.update):
                    kept.add(document.meta.id)
                    batch.append(document)
                    if len(batch) == BATCH:
                        target.index(batch)
                        batch = []
                target.index(batch)
            stale = target.keep_only(key, kept)
            self.stdout.write(f"{key}: {len(kept)} documents, {stale} stale removed")
