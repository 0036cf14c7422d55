"""How well a backend ranks the judged queries: nDCG@10 per query and its mean.

    DCG@k  = Σ_{i=1..k} (2^grade_i − 1) / log2(i + 1)     (i = rank, 1-based;
                                                          an unjudged result has grade 0)
    nDCG@k = DCG@k of what the backend returned / DCG@k of the ideal order
             (every judged document of the query, best grade first)

Each query runs as its judge would ask it: as the public, unless the judgment says staff
asked; with its filters, point and walk.
"""

import math
from dataclasses import dataclass, field

from ..backends.base import SearchBackend
from .judgments import Corpus, Judged, load, resolve

K = 10


def dcg(grades: list[int], k: int = K) -> float:
    return sum((2**g - 1) / math.log2(rank + 1) for rank, g in enumerate(grades[:k], start=1))


def ndcg(returned: list[str], judged: dict[str, int], k: int = K) -> float:
    """nDCG@k of the doc ids `returned`, best first, against the grades `judged`."""
    ideal = dcg(sorted(judged.values(), reverse=True), k)
    if ideal <= 0:
        raise ValueError("a judged query needs at least one relevant document")
    return dcg([judged.get(doc_id, 0) for doc_id in returned], k) / ideal


@dataclass(frozen=True)
class QueryScore:
    judged: Judged
    score: float
    returned: list[tuple[str, str, int]]  # (doc id, title, grade) of the top K
    missed: list[str]  # judged perfect (grade 2) but not in the top K

    def describe(self) -> str:
        lines = [f"{self.score:.3f}  #{self.judged.number} {self.judged.label}"]
        if self.judged.note:
            lines.append(f"       ({self.judged.note})")
        for rank, (doc_id, title, grade) in enumerate(self.returned, start=1):
            lines.append(f"       {rank:>2}. [{grade}] {doc_id} {title}")
        if not self.returned:
            lines.append("       (nothing returned)")
        if self.missed:
            lines.append(f"       missed (perfect): {', '.join(self.missed)}")
        return "\n".join(lines)


@dataclass
class Report:
    """A backend's scores on the judged set; `mean` is the headline figure."""

    backend: str
    scores: list[QueryScore] = field(default_factory=list)

    @property
    def mean(self) -> float:
        return sum(s.score for s in self.scores) / len(self.scores) if self.scores else 0.0

    @property
    def judged_documents(self) -> int:
        return sum(len(s.judged.grades) for s in self.scores)

    def worst(self, n: int = 5) -> list[QueryScore]:
        return sorted(self.scores, key=lambda s: (s.score, s.judged.number))[:n]

    def summary(self) -> str:
        return (
            f"{self.backend}: nDCG@{K} {self.mean:.3f} over {len(self.scores)} queries "
            f"({self.judged_documents} judgments)"
        )

    def format(self, worst: int = 5) -> str:
        """The summary, then the worst queries with what came back."""
        parts = [self.summary(), f"worst {worst}:"]
        parts += [s.describe() for s in self.worst(worst)]
        return "\n".join(parts)

    def as_dict(self) -> dict:
        return {
            "ndcg@10": round(self.mean, 4),
            "queries": len(self.scores),
            "per_query": {s.judged.label: round(s.score, 4) for s in self.scores},
        }


def evaluate(backend: SearchBackend, judged: list[Judged] | None = None, corpus=None) -> Report:
    """Run every judged query on `backend` (already holding the demo's documents)."""
    judged = load() if judged is None else judged
    corpus = Corpus.from_database() if corpus is None else corpus
    report = Report(backend=backend.name or type(backend).__name__)
    for j, (query, grades) in zip(judged, resolve(judged, corpus), strict=True):
        hits = backend.search(query).hits[:K]
        returned = [(h.doc_id, h.title, grades.get(h.doc_id, 0)) for h in hits]
        seen = {h.doc_id for h in hits}
        missed = sorted(d for d, g in grades.items() if g == 2 and d not in seen)
        score = ndcg([h.doc_id for h in hits], grades)
        report.scores.append(QueryScore(j, score, returned, missed))
    return report


def relevance_report(backend: SearchBackend) -> Report:
    """The judged set's nDCG@10 on `backend`, for the bench and the tests.

    The backend must already hold the demo's documents (seed_demo, then index every
    type); the database must hold the demo (judgments are resolved against it). Print
    `report.summary()` for one line or `report.format()` for the worst queries too;
    `report.mean` is the figure, `report.as_dict()` what results.json may keep."""
    return evaluate(backend)
