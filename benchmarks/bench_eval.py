"""Benchmark the eval suite against the local OpenAI-compatible test server with 0.3 s latency per reply.

Runs the whole shipped suite (every case, every section through the model path, no cache, no repairs)
sequentially (``--max-concurrency 1``) and then concurrently, and prints the wall time of each beside the
number of requests, then the speed-up. The "model" answers each section with the offline realiser's text,
so scoring does the same work as in a real run.
Run: ``python benchmarks/bench_eval.py [--latency 0.3] [--concurrency 1 4 8] [--suite evals/suite.yaml]``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from drafter.evals import RunSettings, load_suite, run_suite
from drafter.evals.suite import Suite
from drafter.plan import plan_report
from drafter.realize import realize_section
from drafter.settings import BackendOptions
from drafter.testing import ScriptedRequest, ScriptedServer

ROOT = Path(__file__).resolve().parents[1]


def realiser_script(suite: Suite):  # type: ignore[no-untyped-def]
    """Return a script answering each section request with the realiser's text for that case."""
    plans = {c.facts.report.title: plan_report(c.facts) for c in suite.cases}

    def reply(request: ScriptedRequest) -> str:
        plan = plans[request.data["report"]["title"]]
        return realize_section(plan, plan.section(request.section or ""))

    return reply


def timed_run(suite: Suite, server: ScriptedServer, concurrency: int) -> tuple[float, int, dict[str, float]]:
    """Run the suite once with a fresh, empty cache; return wall seconds, requests sent and aggregates."""
    before = len(server.requests)
    with tempfile.TemporaryDirectory() as home:
        os.environ["DRAFTER_HOME"] = home
        options = BackendOptions(
            name="openai", base_url=server.base_url, max_repairs=0, retry_delay=0.0, use_cache=False
        )
        started = time.perf_counter()
        run = run_suite(suite, RunSettings(options=options, max_concurrency=concurrency))
        elapsed = time.perf_counter() - started
    return elapsed, len(server.requests) - before, run.aggregate


def main() -> None:
    """Parse arguments, run the suite at each concurrency and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", type=Path, default=ROOT / "evals" / "suite.yaml")
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 8])
    args = parser.parse_args()
    suite = load_suite(args.suite)
    print(f"suite {args.suite}: {len(suite.cases)} cases, latency {args.latency:g} s per reply")
    with ScriptedServer(realiser_script(suite), latency=args.latency) as server:
        timed_run(suite, server, max(args.concurrency))  # warm-up: imports, connection pool
        rows = [(n, *timed_run(suite, server, n)) for n in args.concurrency]
    print(f"{'max-concurrency':>16} {'requests':>9} {'wall s':>8} {'speed-up':>9}")
    base = rows[0][1]
    for n, elapsed, requests, _ in rows:
        print(f"{n:>16} {requests:>9} {elapsed:>8.2f} {base / elapsed:>8.1f}x")
    print("aggregate:", {k: round(v, 3) for k, v in rows[-1][3].items()})


if __name__ == "__main__":
    main()
