"""Show a run: rich tables for the terminal, JSON, and one self-contained HTML page.

The HTML page needs no network: the metric table with deltas, then per case and section the baseline and
candidate drafts side by side, numbers coloured by the checker's verdict and violations marked. Every
piece of text is escaped.
"""

from __future__ import annotations

import html
import itertools
import json
from typing import Any

from rich.table import Table
from rich.text import Text

from drafter.evals.compare import MetricComparison, Verdict
from drafter.evals.results import CaseResult, RunResult, SectionResult
from drafter.evals.suite import LOWER_IS_BETTER

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
    table = Table(title=f"drafter eval — {len(run.cases)} cases ({run.backend})", title_justify="left")
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
    table = Table(title="drafter eval — candidate against baseline", title_justify="left")
    for column in ("metric", "baseline", "candidate", "Δ", "95% CI", "improved", "regressed", "status"):
        table.add_column(column, justify="right" if column in ("baseline", "candidate", "Δ") else "left")
    for comp in verdict.comparisons:
        table.add_row(
            comp.metric,
            f"{comp.baseline:.3f}",
            f"{comp.candidate:.3f}",
            _signed(comp.delta),
            f"[{_signed(comp.low)}, {_signed(comp.high)}]",
            str(len(comp.improved)),
            str(len(comp.regressed)),
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
    table = Table(title="cases", title_justify="left")
    table.add_column("case", no_wrap=True)
    for metric in metrics:
        table.add_column(SHORT_NAMES.get(metric, metric), justify="right")
    table.add_column("violations", justify="right")
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


# ---------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}
td:first-child,th:first-child{text-align:left}.bad{color:#b00;font-weight:bold}.good{color:#070}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1em}.pair.single{grid-template-columns:1fr}
.side{border:1px solid #ddd;padding:.5em;background:#fafafa}
pre{white-space:pre-wrap;word-wrap:break-word;font-family:inherit;line-height:1.6;margin:0}
.supported{background:#d7f5d7}.derived{background:#d4f1f7}.unsupported{background:#ffc9c9;font-weight:bold}
.violation{text-decoration:underline wavy #d00;text-decoration-skip-ink:none}
.missing{color:#b00}h2{border-bottom:2px solid #444;margin-top:2em}h3{margin-bottom:.3em}
.legend span{padding:0 .4em;margin-right:.5em}
"""


def html_report(run: RunResult, verdict: Verdict, baseline: RunResult | None = None) -> str:
    """Return one self-contained HTML page for ``run`` (and ``baseline``, shown side by side)."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>drafter eval — {e(run.suite)}</title><style>{_CSS}</style></head><body>",
        "<h1>drafter eval report</h1>",
        _run_line("Candidate" if baseline else "Run", run),
    ]
    if baseline is not None:
        parts.append(_run_line("Baseline", baseline))
    parts.append(
        '<p class="legend">numbers: <span class="supported">supported</span>'
        '<span class="derived">derived</span><span class="unsupported">unsupported</span> '
        '<span class="violation">style or other violation</span> (hover for details)</p>'
    )
    parts.append(_html_metrics(run, verdict))
    if verdict.failures:
        parts.append(
            "<h2>Failures</h2><ul>"
            + "".join(f'<li class="bad">{e(line)}</li>' for line in failure_lines(verdict))
            + "</ul>"
        )
    parts.append(
        "<h2>Cases</h2><ul>"
        + "".join(f'<li><a href="#case-{e(c.case)}">{e(c.case)}</a></li>' for c in run.cases)
        + "</ul>"
    )
    parts += [_html_case(case, baseline.case(case.case) if baseline else None) for case in run.cases]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _run_line(label: str, run: RunResult) -> str:
    e = html.escape
    return (
        f"<p><b>{e(label)}</b>: suite {e(run.suite)}, backend {e(str(run.backend))}, "
        f"model {e(str(run.model))}, prompts {e(str(run.prompts))}, created {e(run.created)}</p>"
    )


def _html_metrics(run: RunResult, verdict: Verdict) -> str:
    e = html.escape
    rows = [
        "<table><tr><th>metric</th><th>baseline</th><th>candidate</th><th>Δ</th><th>95% CI</th>"
        "<th>threshold</th><th>status</th></tr>"
    ]
    by_metric: dict[str, MetricComparison] = {c.metric: c for c in verdict.comparisons}
    for metric, value in run.aggregate.items():
        comp = by_metric.get(metric)
        failed = any(f.metric == metric for f in verdict.failures)
        better = comp is not None and (comp.delta < 0) == (metric in LOWER_IS_BETTER)
        delta_class = "" if comp is None or comp.delta == 0 else ("good" if better else "bad")
        limit = verdict.thresholds.get(metric)
        rows.append(
            f"<tr><td>{e(metric)}</td><td>{'-' if comp is None else f'{comp.baseline:.3f}'}</td>"
            f"<td>{value:.3f}</td>"
            f'<td class="{delta_class}">{"-" if comp is None else _signed(comp.delta)}</td>'
            f"<td>{'-' if comp is None else f'[{_signed(comp.low)}, {_signed(comp.high)}]'}</td>"
            f"<td>{'-' if limit is None else f'{limit:g}'}</td>"
            f'<td class="{"bad" if failed else "good"}">{"FAIL" if failed else "ok"}</td></tr>'
        )
    return "".join(rows) + "</table>"


def _html_case(case: CaseResult, base: CaseResult | None) -> str:
    e = html.escape
    head = "".join(f"<th>{e(m)}</th>" for m in case.metrics)
    rows = ""
    if base is not None:
        cells = [
            f"<td>{base.metrics[m]:.3f}</td>" if m in base.metrics else "<td>-</td>" for m in case.metrics
        ]
        rows += "<tr><td>baseline</td>" + "".join(cells) + "</tr>"
    rows += "<tr><td>candidate</td>" + "".join(f"<td>{v:.3f}</td>" for v in case.metrics.values()) + "</tr>"
    parts = [
        f'<section class="case" id="case-{e(case.case)}"><h2>{e(case.case)}</h2>',
        f"<table><tr><th></th>{head}</tr>{rows}</table>",
    ]
    # Findings outside every section: in the title, or about the whole draft (the judge's).
    loose = [v for v in case.violations if v.get("section") is None]
    if loose:
        parts.append(
            "<ul>"
            + "".join(
                f'<li class="missing">{e(str(v["rule"]))}: {e(str(v["message"]))} — {e(str(v["text"]))}</li>'
                for v in loose
            )
            + "</ul>"
        )
    for section_id, section in case.sections.items():
        base_section = base.sections.get(section_id) if base is not None else None
        parts.append(_html_section(section_id, section, case, base_section, base))
    parts.append("</section>")
    return "\n".join(parts)


def _html_section(
    section_id: str,
    section: SectionResult,
    case: CaseResult,
    base_section: SectionResult | None,
    base: CaseResult | None,
) -> str:
    e = html.escape
    title = section.heading or section_id
    scores = ", ".join(f"{m} {v:.3f}" for m, v in section.metrics.items())
    sides = []
    if base is not None:
        sides.append(_html_side("Baseline", base_section, base, section_id))
    sides.append(_html_side("Candidate" if base is not None else "Draft", section, case, section_id))
    single = "" if base is not None else " single"
    return (
        f"<h3>{e(title)} <small>({e(section_id)}: {e(scores)})</small></h3>"
        f'<div class="pair{single}">{"".join(sides)}</div>'
    )


def _html_side(label: str, section: SectionResult | None, case: CaseResult, section_id: str) -> str:
    e = html.escape
    if section is None or not section.text:
        body = '<p class="missing">(section missing)</p>'
    else:
        body = f"<pre>{marked_html(section, case.violations)}</pre>"
    missing = [v for v in case.violations if v.get("section") == section_id and v.get("start") is None]
    notes = "".join(
        f'<li class="missing">{e(v["rule"])}: {e(v["message"])} — {e(v["text"])}</li>' for v in missing
    )
    return f'<div class="side"><h4>{e(label)}</h4>{body}{"<ul>" + notes + "</ul>" if notes else ""}</div>'


def marked_html(section: SectionResult, violations: list[dict[str, Any]]) -> str:
    """Return the section text as escaped HTML with numbers and placed violations wrapped in spans."""
    text = section.text
    marks = [(n.start, n.end, n.status, f"{n.status}: {', '.join(n.sources)}") for n in section.numbers]
    for v in violations:
        start, end = v.get("start"), v.get("end")
        if start is None or end is None or not section.start <= start < section.start + len(text):
            continue
        if v.get("metric") == "number_faithfulness":
            continue  # already coloured as an unsupported number
        marks.append(
            (
                start - section.start,
                min(end - section.start, len(text)),
                "violation",
                f"{v['rule']}: {v['message']}",
            )
        )
    return _render_marks(text, marks)


def _render_marks(text: str, marks: list[tuple[int, int, str, str]]) -> str:
    """Cut ``text`` at every mark boundary; wrap each piece in the classes of the marks covering it."""
    cuts = sorted({0, len(text), *(max(0, min(len(text), p)) for m in marks for p in m[:2])})
    out = []
    for start, end in itertools.pairwise(cuts):
        piece = html.escape(text[start:end])
        active = [m for m in marks if m[0] <= start and end <= m[1]]
        if not active:
            out.append(piece)
            continue
        classes = " ".join(dict.fromkeys(m[2] for m in active))
        title = html.escape(" | ".join(dict.fromkeys(m[3] for m in active)), quote=True)
        out.append(f'<span class="{classes}" title="{title}">{piece}</span>')
    return "".join(out)
