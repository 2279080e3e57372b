"""Make a comparison report (``drafter eval --compare-prompts``) against the local test server, and time
``eval --html`` on one large draft.

The "model" answers each section with the offline writer's text; the candidate prompt folder asks it (by a
marker in its system prompt) to state the first figure of each report wrongly, so the report shows a real
regression, a prompt diff, a changed word or two per section and unchanged sections.

Run: ``python benchmarks/report_demo.py [--out docs/images] [--screenshot] [--html-kb 600]``
``--screenshot`` renders the page with headless Chromium (Debian ``chromium``) to ``eval-report.png``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from drafter.evals.compare import verdict
from drafter.evals.html import html_report
from drafter.evals.results import CaseResult, NumberMark, RunResult, SectionResult
from drafter.evals.suite import load_suite
from drafter.plan import plan_report
from drafter.prompts import default_prompts_root
from drafter.realize import realize_section
from drafter.testing import ScriptedRequest, ScriptedServer

REPO = Path(__file__).resolve().parents[1]
MARK = "VARIANT: change-figure"
CASES = ["city-civilization-2025", "library-2025", "hospital-2025", "ngo-2025", "library-en-2025"]


def _suite(folder: Path) -> Path:
    """A suite of a few repository cases (paths relative to the suite file, as always)."""
    lines = ["cases:"]
    for case in CASES:
        facts = REPO / "evals" / "cases" / f"{case}.yaml"
        lines.append(f"  - id: {case}\n    facts: {facts}")
    path = folder / "suite.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _prompts(folder: Path, name: str, variant: bool) -> Path:
    target = folder / name
    shutil.copytree(default_prompts_root(), target)
    if variant:
        for system in target.glob("*/*/system.md"):
            text = system.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^version: .*$", "version: 7", text, count=1)
            system.write_text(text + f"\nKeep every figure exact.\n{MARK}\n", encoding="utf-8")
    return target


def _script(suite_path: Path):  # type: ignore[no-untyped-def]
    facts_by_title = {c.facts.report.title: c.facts for c in load_suite(suite_path).cases}

    def script(request: ScriptedRequest) -> str:
        facts = facts_by_title[request.data["report"]["title"]]
        if MARK in request.system and request.section == "achievements":
            first = facts.facts[0]
            changed = first.model_copy(update={"value": first.value * 2 + 7})
            facts = facts.model_copy(update={"facts": [changed, *facts.facts[1:]]})
        plan = plan_report(facts)
        return realize_section(plan, plan.section(request.section or ""))

    return script


def comparison(out: Path) -> Path:
    """Run ``drafter eval --compare-prompts`` against the test server; return the HTML report's path."""
    out.mkdir(parents=True, exist_ok=True)
    html = out.resolve() / "eval-report.html"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        suite = _suite(folder)
        a, b = _prompts(folder, "prompts-a", False), _prompts(folder, "prompts-b", True)
        with ScriptedServer(_script(suite)) as server:
            command = [
                sys.executable, "-m", "drafter", "eval", str(suite), "--base-url", server.base_url,
                "--model", "demo-model", "--compare-prompts", str(a), str(b), "--no-cache",
                "--max-repairs", "0", "--html", str(html), "--force",
            ]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=folder)
    print(done.stdout)
    print(done.stderr, file=sys.stderr)
    page = html.read_text(encoding="utf-8")
    print(f"wrote {html} ({len(page) // 1024} KB, exit {done.returncode})")
    return html


def screenshot(html: Path) -> Path:
    """Render ``html`` with headless Chromium to a PNG beside it."""
    png = html.with_suffix(".png")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--hide-scrollbars",
                "--window-size=1280,2600",
                f"--screenshot={png}",
                html.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"wrote {png}")
    return png


def time_large(kb: int) -> None:
    """Time the HTML page of one case whose draft is about ``kb`` KB, against a baseline that differs."""
    paragraph = "2025年，全县举办培训班109期，培训干部职工3260人次，新建服务站点12个，比上年增长9.1%。\n"
    text = paragraph * max(1, kb * 1024 // len(paragraph.encode("utf-8")))
    changed = text.replace("109期", "110期", 50)
    numbers = [
        NumberMark(start=m.start(), end=m.end(), status="supported", text=m.group())
        for m in re.finditer(r"\d+(?:\.\d+)?", text)
    ]

    def run(body: str) -> RunResult:
        section = SectionResult(
            heading="主要工作", text=body, start=0, metrics={"style": 1.0}, numbers=numbers
        )
        case = CaseResult(case="large", metrics={"style": 1.0}, sections={"achievements": section})
        return RunResult(suite="s", created="2026-01-01T00:00:00Z", cases=[case], aggregate={"style": 1.0})

    base, cand = run(text), run(changed)
    suite_path = REPO / "evals" / "suite.yaml"
    judged = verdict(cand, load_suite(suite_path), baseline=base)
    started = time.perf_counter()
    page = html_report(cand, judged, base)
    took = time.perf_counter() - started
    size = len(text.encode("utf-8")) // 1024
    print(f"eval --html, {size} KB draft, {len(numbers)} figures: {took:.2f} s ({len(page) // 1024} KB page)")


def main() -> None:
    """Parse options and run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images")
    parser.add_argument("--screenshot", action="store_true")
    parser.add_argument("--html-kb", type=int, default=600)
    args = parser.parse_args()
    html = comparison(args.out)
    if args.screenshot:
        screenshot(html)
    time_large(args.html_kb)


if __name__ == "__main__":
    main()
