"""Concurrent section drafting: an 8-section report against a local scripted server with 0.5 s latency.

Prints the wall time of sequential drafting (max-concurrency 1) beside concurrent drafting
(max-concurrency 8) in the same run. Goal: concurrent ≤ 1.5 × one request's latency.

Run: ``python benchmarks/bench_llm.py [--latency 0.5]``. The cache is off and DRAFTER_HOME is a temporary
folder, so every section is a real HTTP request through the openai SDK and LangChain.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

SECTIONS = 8
STEMS = "甲乙丙丁戊己庚辛"


def build_kind_and_prompts(folder: Path) -> tuple[object, Path]:
    """Return an 8-section copy of the work-summary kind and a prompt folder with a template per section."""
    from drafter.kind import load_kind
    from drafter.prompts import default_prompts_root

    base = load_kind("work-summary")
    spec = base.sections[1]  # the achievements section: a heading, topics
    sections = [
        # Headings without numerals, so that no heading figure triggers a repair round.
        spec.model_copy(
            update={"id": f"part{i}", "heading": {"zh": f"专题{STEMS[i - 1]}", "en": f"Part {STEMS[i - 1]}"}}
        )
        for i in range(1, SECTIONS + 1)
    ]
    kind = base.model_copy(update={"id": "bench-8", "sections": sections})
    prompts = folder / "prompts" / "bench-8" / "zh"
    shutil.copytree(default_prompts_root() / "work-summary" / "zh", prompts)
    template = (prompts / "achievements.md").read_text(encoding="utf-8")
    for section in sections:
        (prompts / f"{section.id}.md").write_text(template, encoding="utf-8")
    return kind, folder / "prompts"


def facts_for_eight_sections() -> object:
    """Return facts with one fact in each of the 8 sections (built directly: the loader checks real kinds)."""
    from drafter.facts import Facts

    report = {
        "title": "基准测试单位2025年度工作总结",
        "organization": "基准测试单位",
        "period": "2025",
        "next_period": "2026",
        "language": "zh",
    }
    facts = [
        {"id": f"f{i}", "label": f"第{i}项工作量", "value": 100 + i, "unit": "件", "section": f"part{i}"}
        for i in range(1, SECTIONS + 1)
    ]
    return Facts.model_validate({"report": report, "facts": facts})


def timed_draft(facts: object, kind: object, base_url: str, prompts: Path, concurrency: int) -> float:
    """Draft the report once with ``concurrency`` and return the wall time in seconds."""
    from drafter.backends import make_backend
    from drafter.drafting import draft
    from drafter.settings import BackendOptions

    options = BackendOptions(
        name="openai",
        base_url=base_url,
        model="bench",
        use_cache=False,
        max_concurrency=concurrency,
        prompts_dir=prompts,
        retries=0,
    )
    backend = make_backend(options)
    started = time.perf_counter()
    result = draft(facts, backend=backend, kind=kind)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    assert len(result.sections) == SECTIONS and not result.failed(), "a section failed"
    return elapsed


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.5, help="Seconds the server waits per request.")
    args = parser.parse_args()
    if args.latency <= 0:
        parser.error("--latency must be positive")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DRAFTER_HOME"] = str(Path(tmp) / "home")
        from drafter.testing import ScriptedServer

        kind, prompts = build_kind_and_prompts(Path(tmp))
        facts = facts_for_eight_sections()
        with ScriptedServer(
            lambda request: "各项工作稳步推进，取得了明显成效。", latency=args.latency
        ) as server:
            timed_draft(facts, kind, server.base_url, prompts, SECTIONS)  # warm-up: imports, connections
            server.requests.clear()
            sequential = timed_draft(facts, kind, server.base_url, prompts, 1)
            concurrent = timed_draft(facts, kind, server.base_url, prompts, SECTIONS)
            requests = len(server.requests)
    assert requests == 2 * SECTIONS, f"{requests} requests: repairs were triggered"
    goal = 1.5 * args.latency
    print(f"{SECTIONS} sections, {args.latency:.2f} s latency per request, {requests} requests timed")
    print(f"sequential (max-concurrency 1): {sequential:6.2f} s")
    verdict = "met" if concurrent <= goal else "MISSED"
    print(
        f"concurrent (max-concurrency {SECTIONS}): {concurrent:6.2f} s"
        f"  = {concurrent / args.latency:.2f} × latency (goal ≤ 1.5 ×: {verdict})"
    )
    print(f"speed-up: {sequential / concurrent:.1f} ×")


if __name__ == "__main__":
    main()
