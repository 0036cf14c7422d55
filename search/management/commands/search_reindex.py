from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import backends
from search.registry import TYPES, documents_of


def targets(name: str) -> list:
    """The backends a command writes: the database backend, and Elasticsearch when set."""
    found = [backends.database_backend(), backends.elasticsearch_backend()]
    found = [b for b in found if b is not None and name in ("all", b.name)]
    if not found:
        raise CommandError(f"no {name} backend is configured (ELASTICSEARCH_URL is empty)")
    return found


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the database, type by type (progress, rate, ETA). "
        "On Elasticsearch each type is built in a new index and swapped in by its alias."
    )

    def add_arguments(self, parser):
        parser.add_argument("types", nargs="*", help=f"only these types: {', '.join(TYPES)}")
        parser.add_argument(
            "--backend", choices=("all", "database", "elasticsearch"), default="all"
        )

    def handle(self, *args, types=(), backend="all", **options):
        unknown = sorted(set(types) - set(TYPES))
        if unknown:
            raise CommandError(f"unknown types: {', '.join(unknown)}; known: {', '.join(TYPES)}")
        for target in targets(backend):
            for key in types or TYPES:
                search_type = TYPES[key]
                before = target.count(key)
                with tqdm(
                    total=search_type.queryset().count(),
                    desc=f"{target.name}:{key}",
                    unit="obj",
                    file=self.stderr,
                ) as bar:
                    count = target.reindex(key, documents_of(search_type, progress=bar.update))
                self.stdout.write(f"{target.name} {key}: {count} documents (was {before})")
