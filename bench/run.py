"""`make bench`: each benchmark section on every backend that is up, side by side, one run.

Prints a table per section with a bar chart and writes bench/results.json as
{"section": {"backend": {metric: value}}, "machine": …}. `make bench ONLY=reviews` runs
one section. PostgreSQL is used when scripts/postgres.sh reports it running
(`make services`) or BENCH_POSTGRES_URL is set; otherwise its rows say "not running".

Sections:
  signup   400 volunteers race for 100 places with 16 threads (never overbooked)
  reviews  reviews per second at 100k existing reviews: incremental aggregates against a
           full recompute per review, and the aggregation step alone
  search   100k documents: bulk indexing docs/s and p50/p95 of a fixed query mix on our
           database backend, on Wagtail's built-in database search as the peer (ratio) and,
           when ELASTICSEARCH_URL is set, on Elasticsearch; nDCG@10 of the judged set

A section's run may report several rows (a peer, Elasticsearch) as {"rows": {name: row}}.
"""

import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
BAR_WIDTH = 40

# section: (module, the metric the bars show, columns printed: (heading, key))
SECTIONS = {
    "signup": (
        "bench.signup",
        "signups_per_second",
        [
            ("sign-ups/s", "signups_per_second"),
            ("confirmed", "confirmed"),
            ("waitlisted", "waitlisted"),
            ("overbooked", "overbooked"),
            ("lost", "lost"),
        ],
    ),
    "reviews": (
        "bench.reviews",
        "incremental_per_second",
        [
            ("existing", "existing_reviews"),
            ("incr./s", "incremental_per_second"),
            ("recomp./s", "recompute_per_second"),
            ("ratio", "speedup"),
            ("agg ms incr.", "aggregation_ms_incremental"),
            ("agg ms recomp.", "aggregation_ms_recompute"),
            ("agg ratio", "aggregation_speedup"),
            ("match", "aggregates_match"),
        ],
    ),
    "search": (
        "bench.search",
        "p50_ms",
        [
            ("docs", "docs"),
            ("index docs/s", "index_docs_per_s"),
            ("queries", "queries"),
            ("p50 ms", "p50_ms"),
            ("p95 ms", "p95_ms"),
            ("found", "found_mean"),
            ("empty", "empty_share"),
            ("capped", "timeouts"),
            ("wagtail ×", "wagtail_ratio"),
            ("wagtail-seg ×", "wagtail_seg_ratio"),
            ("nDCG@10", "ndcg@10"),
        ],
    ),
}
# Printed under a section's table.
NOTES = {
    "search": """\
found: mean results per query; empty: share of queries that found nothing. × = Wagtail's
p50 over ours (above 1: ours is faster) on the same database, over the queries Wagtail ran;
Elasticsearch is compared with Wagtail on SQLite. wagtail = Wagtail's built-in database
search fed the raw text, its normal use: it does no Chinese segmentation, so it finds whole
runs of characters only and its relevance is not comparable; wagtail-seg (SQLite only) =
the same fed jieba-segmented text. Wagtail has no geo (a bounding box instead, no distance
sort); its queries stop at a 5 s cap ("capped", counted as 5 s: its p95 is then a lower
bound) and it gets 45 s for the mix. ANALYZE runs after the bulk loads. More in
results.json: mean, p50 by kind, Elasticsearch's match_all floor.""",
}


def _postgres_url() -> str | None:
    if os.environ.get("BENCH_POSTGRES_URL"):
        return os.environ["BENCH_POSTGRES_URL"]
    status = subprocess.run(
        ["bash", str(ROOT / "scripts" / "postgres.sh"), "status"], capture_output=True
    )
    if status.returncode != 0:
        return None
    url = subprocess.run(
        ["bash", str(ROOT / "scripts" / "postgres.sh"), "url"], capture_output=True, text=True
    ).stdout.strip()
    return url.rsplit("/", 1)[0] + "/linli_bench"


def _backends() -> dict[str, str | None]:
    var = Path(os.environ.get("LINLI_VAR_DIR", ROOT / "var"))
    var.mkdir(parents=True, exist_ok=True)
    return {"sqlite": f"sqlite:///{var / 'bench.sqlite3'}", "postgresql": _postgres_url()}


def _run(module: str, url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "EMAIL_URL": "locmem://", "LOG_LEVEL": "WARNING"}
    done = subprocess.run(
        [sys.executable, "-m", module], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"error": f"{module} failed (exit {done.returncode}); its errors are above"}
    return json.loads(lines[-1])


def _bar(value: float, top: float) -> str:
    filled = value / top * BAR_WIDTH if top else 0
    return "█" * int(filled) + ("▌" if filled - int(filled) >= 0.5 else "")


def _print_table(name: str, rows: dict, metric: str, columns) -> None:
    top = max((r.get(metric, 0) for r in rows.values()), default=0)
    print(f"\n{name}: bars show {metric}")
    width = max([11, *(len(backend) for backend in rows)])
    print(
        f"{'backend':<{width}} "
        + " ".join(f"{heading:>{len(heading) + 2}}" for heading, _ in columns)
    )
    for backend, r in rows.items():
        if "error" in r:
            print(f"{backend:<{width}} {r['error']}")
            continue
        cells = " ".join(f"{r.get(key, '–')!s:>{len(heading) + 2}}" for heading, key in columns)
        print(f"{backend:<{width}} {cells}  {_bar(r[metric], top)}")
    measured = [(b, r) for b, r in rows.items() if metric in r]
    if len(measured) == 2:
        (a, ra), (b, rb) = measured
        print(f"{a} / {b} {metric}: {ra[metric] / rb[metric]:.2f}×")


def main() -> int:
    only = os.environ.get("ONLY", "").strip()
    if only and only not in SECTIONS:
        print(f"ONLY={only}: no such section; sections: {', '.join(SECTIONS)}", file=sys.stderr)
        return 2
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() and only else {}
    results.pop("rows", None)  # the format before sections
    backends = _backends()
    for name, (module, metric, columns) in SECTIONS.items():
        if only and name != only:
            continue
        rows = {}
        for backend, url in backends.items():
            print(f"{name} on {backend} …", file=sys.stderr, flush=True)
            result = _run(module, url) if url else {"error": "not running (make services)"}
            rows |= result.get("rows", {backend: result})
        results[name] = rows
        _print_table(name, rows, metric, columns)
        if name in NOTES:
            print(NOTES[name])
    results["when"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count()}
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}")
    return 1 if _broken(results) else 0


def _broken(results: dict) -> bool:
    """A benchmark that found wrong results (overbooking, drifting aggregates) fails."""
    signup = [r for r in results.get("signup", {}).values() if "confirmed" in r]
    reviews = [r for r in results.get("reviews", {}).values() if "aggregates_match" in r]
    return any(r["overbooked"] or r["lost"] or not r["counter_matches"] for r in signup) or any(
        not r["aggregates_match"] for r in reviews
    )


if __name__ == "__main__":
    sys.exit(main())
