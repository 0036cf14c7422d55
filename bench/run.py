"""`make bench`: each benchmark on every backend that is up, side by side, one run.

Prints a table with a bar chart and writes bench/results.json. PostgreSQL is used when
scripts/postgres.sh reports it running (`make services`) or BENCH_POSTGRES_URL is set;
otherwise its rows say "not running".
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


def _run_signup(url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "EMAIL_URL": "locmem://"}
    done = subprocess.run(
        [sys.executable, "-m", "bench.signup"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _bar(value: float, top: float) -> str:
    filled = value / top * BAR_WIDTH if top else 0
    return "█" * int(filled) + ("▌" if filled - int(filled) >= 0.5 else "")


def main() -> int:
    rows = []
    for backend, url in _backends().items():
        print(f"signup on {backend} …", file=sys.stderr, flush=True)
        result = _run_signup(url) if url else {"error": "not running (make services)"}
        rows.append({"bench": "signup", "backend": backend, **result})
    top = max((r.get("signups_per_second", 0) for r in rows), default=0)
    print(
        f"\n{'bench':<8} {'backend':<11} {'sign-ups/s':>10} {'confirmed':>9} "
        f"{'waitlisted':>10} {'overbooked':>10} {'lost':>5}"
    )
    for r in rows:
        if "error" in r:
            print(f"{r['bench']:<8} {r['backend']:<11} {r['error']}")
            continue
        print(
            f"{r['bench']:<8} {r['backend']:<11} {r['signups_per_second']:>10} "
            f"{r['confirmed']:>9} {r['waitlisted']:>10} {r['overbooked']:>10} {r['lost']:>5}"
            f"  {_bar(r['signups_per_second'], top)}"
        )
    measured = [r for r in rows if "signups_per_second" in r]
    if len(measured) == 2:
        ratio = measured[0]["signups_per_second"] / measured[1]["signups_per_second"]
        print(f"\n{measured[0]['backend']} / {measured[1]['backend']} throughput: {ratio:.2f}×")
    RESULTS.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
                "rows": rows,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}")
    bad = [r for r in measured if r["overbooked"] or r["lost"] or not r["counter_matches"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
