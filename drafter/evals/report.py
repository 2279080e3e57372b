"""Show a run: rich tables for the terminal (within 80 columns), JSON, and the HTML page of
:mod:`drafter.evals.html`."""

from __future__ import annotations

import json
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from drafter.evals.compare import Verdict
from drafter.evals.names import LOWER_IS_BETTER
from drafter.evals.results import RunResult, SectionResult

# ---------------------------------------------------------------- terminal

# Column names of the cases table, short enough for an 80-column terminal.
SHORT_NAMES = {
    "number_faithfulness": "numbers",
    "fact_coverage": "coverage",
    "structure": "structure",
    "style": "style",
    "length": "length",
    "variety": "variety",
    "judge": "judge",
}


def summary_table(run: RunResult, verdict: Verdict) -> Table:
    """Return the per-metric table: means (and baseline, delta, interval when compared) and status."""
    if verdict.comparisons:
        return _comparison_table(verdict)
    table = Table(
        title=f"drafter eval — {len(run.cases)} cases ({run.model or run.backend})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    for column in ("metric", "mean", "min", "threshold", "status"):
        table.add_column(column, justify="left" if column in ("metric", "status") else "right")
    for metric, value in run.aggregate.items():
        worst = max if metric in LOWER_IS_BETTER else min  # the "min" column shows the worst case
        lowest = worst((c.metrics[metric] for c in run.cases if metric in c.metrics), default=value)
        limit = verdict.thresholds.get(metric)
        table.add_row(
            metric,
            f"{value:.3f}",
            f"{lowest:.3f}",
            "-" if limit is None else f"{limit:g}",
            _status(verdict, metric),
        )
    return table


def _comparison_table(verdict: Verdict) -> Table:
    table = Table(
        title="drafter eval — candidate against baseline",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
    )
    for column in ("metric", "base", "cand", "Δ", "95% CI", "up/down", "status"):
        table.add_column(column, justify="left" if column in ("metric", "status") else "right", no_wrap=True)
    for comp in verdict.comparisons:
        table.add_row(
            SHORT_NAMES.get(comp.metric, comp.metric),
            f"{comp.baseline:.3f}",
            f"{comp.candidate:.3f}",
            _signed(comp.delta),
            f"{_signed(comp.low)} {_signed(comp.high)}",
            f"{len(comp.improved)}/{len(comp.regressed)}",
            _status(verdict, comp.metric),
        )
    return table


def _status(verdict: Verdict, metric: str) -> Text:
    kinds = {f.kind for f in verdict.failures if f.metric == metric}
    if "regression" in kinds:
        return Text("REGRESSED", style="bold red")
    if "threshold" in kinds:
        return Text("OVER THRESHOLD" if metric in LOWER_IS_BETTER else "UNDER THRESHOLD", style="bold red")
    return Text("ok", style="green")


def _signed(value: float) -> str:
    return f"{value:+.3f}"


def cases_table(run: RunResult, verdict: Verdict) -> Table:
    """Return one row per case with its scores; scores under a threshold are red."""
    metrics = list(run.aggregate)
    table = Table(title="cases", title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_column("case", overflow="ellipsis", max_width=24)
    for metric in metrics:
        table.add_column(SHORT_NAMES.get(metric, metric), justify="right", no_wrap=True)
    table.add_column("issues", justify="right", no_wrap=True)
    low = {(f.case, f.metric) for f in verdict.failures if f.kind == "threshold" and f.case}
    for case in run.cases:
        cells = [
            Text(f"{case.metrics[m]:.3f}", style="red" if (case.case, m) in low else "")
            if m in case.metrics
            else Text("-")
            for m in metrics
        ]
        table.add_row(case.case, *cells, str(len(case.violations)))
    return table


def change_lines(verdict: Verdict) -> list[str]:
    """Return one line per metric whose cases moved (``style: improved a, b; regressed c``)."""
    lines = []
    for comp in verdict.comparisons:
        moved = [
            f"{word} {', '.join(cases)}"
            for word, cases in (("improved", comp.improved), ("regressed", comp.regressed))
            if cases
        ]
        if moved:
            lines.append(f"{comp.metric}: {'; '.join(moved)}")
    return lines


def failure_lines(verdict: Verdict) -> list[str]:
    """Return one line per failure (``regression: style: mean dropped…``)."""
    return [
        f"{f.kind}: {f.metric}{' [' + f.case + ']' if f.case else ''}: {f.message}" for f in verdict.failures
    ]


def json_report(run: RunResult, verdict: Verdict, baseline: RunResult | None = None) -> str:
    """Return the run as JSON, with the verdict (comparison, failures, thresholds) and baseline aggregate."""
    data: dict[str, Any] = run.model_dump(mode="json")
    data.update(verdict.to_dict())
    if baseline is not None:
        keys = ("suite", "prompts", "backend", "model", "created", "aggregate")
        data["baseline"] = {k: getattr(baseline, k) for k in keys}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- HTML (drafter.evals.html)


def html_report(run: RunResult, verdict: Verdict, baseline: RunResult | None = None) -> str:
    """Return one self-contained HTML page for ``run`` (see :mod:`drafter.evals.html`)."""
    from drafter.evals.html import html_report as page

    return page(run, verdict, baseline)


def marked_html(section: SectionResult, violations: list[dict[str, Any]]) -> str:
    """Return the section text as escaped HTML with numbers and placed violations wrapped in spans."""
    from drafter.evals.html import render_text, section_marks

    return render_text(section.text, section_marks(section, violations))
