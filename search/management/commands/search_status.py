from dataclasses import dataclass, field

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.backends.base import fingerprint
from search.indexing import PENDING_BATCH, flush_pending
from search.registry import TYPES, documents_of
from search.service import health

from .search_reindex import targets


@dataclass
class Drift:
    """How one index differs from a fresh build of one type from the database."""

    missing: list = field(default_factory=list)  # documents it lacks
    stale: list = field(default_factory=list)  # documents it holds out of date
    extra: list[str] = field(default_factory=list)  # doc ids it holds and should not

    def __bool__(self):
        return bool(self.missing or self.stale or self.extra)

    def __str__(self):
        return (
            f"{len(self.missing)} missing, {len(self.stale)} out of date, "
            f"{len(self.extra)} that should not be there"
        )


def compare(search_type, indexes) -> tuple[int, dict]:
    """Build every document of the type and compare each with what each index holds, by
    fingerprint: how many documents the database makes, and each index's Drift."""
    held = {index.name: index.fingerprints(search_type.key) for index in indexes}
    drift = {index.name: Drift() for index in indexes}
    built = 0
    for document in documents_of(search_type):
        built += 1
        expected = fingerprint(document.to_dict())
        for name, fingerprints in held.items():
            found = fingerprints.pop(document.meta.id, None)
            if found is None:
                drift[name].missing.append(document)
            elif found != expected:
                drift[name].stale.append(document)
    for name, left in held.items():
        drift[name].extra = sorted(left)
    return built, drift


def repair(index, drift: Drift) -> None:
    """Send the missing and stale documents, delete the extra ones."""
    documents = drift.missing + drift.stale
    for start in range(0, len(documents), PENDING_BATCH):
        index.index(documents[start : start + PENDING_BATCH])
    for start in range(0, len(drift.extra), PENDING_BATCH):
        index.delete(drift.extra[start : start + PENDING_BATCH])


class Command(BaseCommand):
    help = (
        "Search health, and each index against a fresh build from the database, document "
        "by document (fingerprints); --fix sends what is missing or out of date, deletes "
        "what should not be there and sends the updates waiting for Elasticsearch."
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
        if fix and report["pending_updates"] and remote and remote["healthy"]:
            left = flush_pending()
            self.stdout.write(f"sent the waiting updates; {left} still waiting")
        indexes = [t for t in targets("all") if t.name == "database" or remote["healthy"]]
        header = "".join(f"{t.name:>15}" for t in indexes)
        drifting = []
        rows = []
        for search_type in tqdm(TYPES.values(), desc="comparing", unit="type", file=self.stderr):
            built, drift = compare(search_type, indexes)
            counts = "".join(f"{t.count(search_type.key):>15}" for t in indexes)
            state = "DRIFT" if any(drift.values()) else "ok"
            rows.append(f"{search_type.key:<14}{built:>10}{counts}  {state}")
            drifting += [(t, search_type.key, drift[t.name]) for t in indexes if drift[t.name]]
        self.stdout.write(f"{'type':<14}{'objects':>10}{header}  state")
        for row in rows:
            self.stdout.write(row)
        for index, key, drift in drifting:
            self.stdout.write(f"{index.name} {key}: {drift}")
            if fix:
                repair(index, drift)
                self.stdout.write(f"{index.name} {key}: repaired")
        if drifting and not fix:
            self.stdout.write("run with --fix to repair the drift")
