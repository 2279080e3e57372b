"""One self-contained HTML page for an eval run, or a candidate against its baseline (no JavaScript).

What a reviewer looks for first comes first: the verdict and failures; which prompt files changed and how
(unified diff); a case × metric table with the regressions on top; per metric, an SVG plot of every case's
change with the mean's bootstrap interval and the tolerance line; what drafting cost (requests, repair
rounds, tokens, latency). Then each case's drafts side by side, words that changed marked, unchanged
sections folded away, headings rendered. Every text and attribute is escaped; time is linear in the drafts.
"""

from __future__ import annotations

import difflib
import html
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from drafter.evals.compare import MetricComparison, Verdict
from drafter.evals.names import LOWER_IS_BETTER
from drafter.evals.results import CaseResult, RunResult, SectionResult

Mark = tuple[int, int, str, str]  # start, end, css class, tooltip

# Above this many tokens a changed paragraph is marked whole, not word by word (bounds the diff's time).
WORD_DIFF_LIMIT = 4000
USAGE = (
    ("requests", "requests", "{:.0f}"),
    ("repair_rounds", "repair rounds", "{:.0f}"),
    ("input_tokens", "input tokens", "{:.0f}"),
    ("output_tokens", "output tokens", "{:.0f}"),
    ("latency_s", "latency (s)", "{:.1f}"),
)
_TOKEN = re.compile(r"[A-Za-z0-9_]+(?:[.,'][A-Za-z0-9_]+)*|\s+|.", re.DOTALL)
_HEADING = re.compile(r"#{1,6}[ \t]+")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)

_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
body{max-width:1400px}
table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}
td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}
.bad{color:#b00;font-weight:bold}.good{color:#070}.neutral{color:#666}
.panel{border:1px solid #ccc;border-radius:4px;padding:.6em 1em;margin:1em 0;background:#fcfcfc}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1em}.pair.single{grid-template-columns:1fr}
.side{border:1px solid #ddd;padding:.5em .8em;background:#fafafa;line-height:1.7}
.side p{margin:.4em 0}.side h5{margin:.6em 0 .2em;font-size:1em}
pre.diff{white-space:pre-wrap;word-wrap:break-word;font-size:.85em;background:#f7f7f7;padding:.5em}
.diff .d-add{background:#e6ffec;display:block}.diff .d-del{background:#ffebe9;display:block}
.diff .d-hunk{color:#0550ae;display:block}td.words{text-align:left}
.supported{background:#d7f5d7}.derived{background:#d4f1f7}.unsupported{background:#ffc9c9;font-weight:bold}.misattributed{background:#ffd8a8;font-weight:bold}
.violation{text-decoration:underline wavy #d00;text-decoration-skip-ink:none}
.ins{background:#abf2bc}.del{background:#ffcecb;text-decoration:line-through}
.missing{color:#b00}h2{border-bottom:2px solid #444;margin-top:2em}h3{margin-bottom:.3em}
.legend span{padding:0 .4em;margin-right:.5em}details{margin:.5em 0}summary{cursor:pointer;color:#444}
svg text{font:11px system-ui,sans-serif}
"""


def html_report(run: RunResult, verdict: Verdict, baseline: RunResult | None = None) -> str:
    """Return one self-contained HTML page for ``run`` (and ``baseline``, compared side by side)."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>drafter eval — {e(run.suite)}</title><style>{_CSS}</style></head><body>",
        "<h1>drafter eval report</h1>",
        _verdict_line(verdict, baseline is not None),
        _run_line("Candidate" if baseline else "Run", run),
    ]
    if baseline is not None:
        parts.append(_run_line("Baseline", baseline))
    if verdict.failures:
        parts.append(
            "<h2>Failures</h2><ul>"
            + "".join(f'<li class="bad">{e(line)}</li>' for line in _failure_lines(verdict))
            + "</ul>"
        )
    if baseline is not None:
        parts.append(prompt_changes(baseline, run))
    parts.append(_metrics_table(run, verdict))
    parts.append(case_metric_table(run, verdict, baseline))
    if verdict.comparisons and baseline is not None:
        parts.append("<h2>Change per case</h2>")
        parts += [delta_plot(comp, run, baseline) for comp in verdict.comparisons]
    parts.append(usage_table(run, baseline))
    parts.append(
        '<h2>Drafts</h2><p class="legend">numbers: <span class="supported">supported</span>'
        '<span class="derived">derived</span><span class="misattributed">misattributed</span>'
        '<span class="unsupported">unsupported</span> '
        '<span class="violation">style or other violation</span>'
        + ('<span class="del">removed</span><span class="ins">added</span>' if baseline else "")
        + " (hover for details)</p>"
    )
    base_cases = {c.case: c for c in baseline.cases} if baseline is not None else {}
    parts += [_html_case(case, base_cases.get(case.case), baseline is not None) for case in run.cases]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------- header


def _verdict_line(verdict: Verdict, compared: bool) -> str:
    if verdict.failed:
        return f'<p class="bad">FAILED: {len(verdict.failures)} problem(s), listed below.</p>'
    done = "all metrics meet their thresholds" + (" and none regressed" if compared else "")
    return f'<p class="good">OK: {done}.</p>'


def _run_line(label: str, run: RunResult) -> str:
    e = html.escape
    writer = f"model {e(run.model)}" if run.model else f"backend {e(str(run.backend))}"
    prompts = f", prompts {e(run.prompts)}" if run.prompts else ""
    return f"<p><b>{e(label)}</b>: suite {e(run.suite)}, {writer}{prompts}, created {e(run.created)}</p>"


def _failure_lines(verdict: Verdict) -> list[str]:
    return [
        f"{f.kind}: {f.metric}{' [' + f.case + ']' if f.case else ''}: {f.message}" for f in verdict.failures
    ]


# ---------------------------------------------------------------- prompt changes


def prompt_changes(baseline: RunResult, candidate: RunResult) -> str:
    """Return the panel listing the prompt files that differ, their front matter and a unified diff."""
    e = html.escape
    head = '<section class="panel" id="prompt-changes"><h2>Prompt changes</h2>'
    if not baseline.prompt_files or not candidate.prompt_files:
        return head + (
            "<p>No prompt files to compare: a run keeps a copy of its prompts only when a model drafted "
            "it (not offline, not --drafts), with drafter 0.2 or later.</p></section>"
        )
    names = sorted(set(baseline.prompt_files) | set(candidate.prompt_files))
    changed = [n for n in names if baseline.prompt_files.get(n) != candidate.prompt_files.get(n)]
    if not changed:
        return head + f"<p>The {len(names)} prompt files are identical in both runs.</p></section>"
    parts = [head, f"<p>{len(changed)} of {len(names)} prompt files differ.</p>"]
    for name in changed:
        old, new = baseline.prompt_files.get(name), candidate.prompt_files.get(name)
        parts.append(
            f"<h3>{e(name)}</h3><table><tr><th></th><th>version</th><th>description</th></tr>"
            f"{_meta_row('baseline', old)}{_meta_row('candidate', new)}</table>"
        )
        parts.append(_unified_diff(name, old or "", new or ""))
    return "".join(parts) + "</section>"


def _meta_row(label: str, text: str | None) -> str:
    e = html.escape
    if text is None:
        return f"<tr><td>{label}</td><td colspan=2>(no such file)</td></tr>"
    meta = _front_matter(text)
    return (
        f"<tr><td>{label}</td><td>{e(str(meta.get('version', '-')))}</td>"
        f'<td class="words">{e(str(meta.get("description", "-")))}</td></tr>'
    )


def _front_matter(text: str) -> dict[str, Any]:
    match = _FRONT.match(text)
    if match is None:
        return {}
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _unified_diff(name: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), f"baseline/{name}", f"candidate/{name}", lineterm="", n=2
    )
    out = []
    for line in lines:
        css = (
            "d-hunk"
            if line.startswith("@@")
            else "d-add"
            if line.startswith("+") and not line.startswith("+++")
            else "d-del"
            if line.startswith("-") and not line.startswith("---")
            else ""
        )
        text = html.escape(line)
        out.append(f'<span class="{css}">{text}</span>' if css else text + "\n")
    return '<pre class="diff">' + "".join(out) + "</pre>"


# ---------------------------------------------------------------- tables


def _metrics_table(run: RunResult, verdict: Verdict) -> str:
    e = html.escape
    compared = bool(verdict.comparisons)
    by_metric: dict[str, MetricComparison] = {c.metric: c for c in verdict.comparisons}
    head = [
        "metric",
        *(["baseline", "candidate", "Δ", "95% CI"] if compared else ["mean"]),
        "threshold",
        "status",
    ]
    rows = ["<h2>Metrics</h2><table><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
    for metric, value in run.aggregate.items():
        comp = by_metric.get(metric)
        failed = any(f.metric == metric for f in verdict.failures)
        limit = verdict.thresholds.get(metric)
        cells = [e(metric)]
        if compared:
            cells += (
                ["-", f"{value:.3f}", "-", "-"]
                if comp is None
                else [
                    f"{comp.baseline:.3f}",
                    f"{comp.candidate:.3f}",
                    _delta_html(comp.delta, comp.tolerance, metric),
                    f"[{comp.low:+.3f}, {comp.high:+.3f}]",
                ]
            )
        else:
            cells.append(f"{value:.3f}")
        cells.append("-" if limit is None else f"{limit:g}")
        cells.append(f'<span class="{"bad" if failed else "good"}">{"FAIL" if failed else "ok"}</span>')
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return "".join(rows) + "</table>"


def _gain(metric: str, delta: float) -> float:
    """Return ``delta`` as a gain: a fall is the gain of a lower-is-better metric (variety)."""
    return -delta if metric in LOWER_IS_BETTER else delta


def _delta_html(delta: float, tolerance: float = 0.0, metric: str = "") -> str:
    gain = _gain(metric, delta)
    css = "bad" if gain < -tolerance - 1e-9 else "good" if gain > 1e-9 else "neutral"
    return f'<span class="{css}">{delta:+.3f}</span>'


def case_metric_table(run: RunResult, verdict: Verdict, baseline: RunResult | None) -> str:
    """Return the case × metric table: baseline → candidate with Δ coloured, the worst cases first."""
    e = html.escape
    metrics = list(run.aggregate)
    base = {c.case: c for c in baseline.cases} if baseline is not None else {}
    tolerance = {c.metric: c.tolerance for c in verdict.comparisons}
    low = {(f.case, f.metric) for f in verdict.failures if f.kind == "threshold" and f.case}

    def worst(case: CaseResult) -> float:
        other = base.get(case.case)
        if other is None:
            return min(case.metrics.values(), default=0.0)
        deltas = [
            _gain(m, case.metrics[m] - other.metrics[m])
            for m in metrics
            if m in case.metrics and m in other.metrics
        ]
        return min(deltas, default=0.0)

    cases = sorted(run.cases, key=worst)  # regressions (the most negative change) first
    title = "Cases (largest drop first)" if baseline is not None else "Cases (lowest score first)"
    rows = [f"<h2>{title}</h2><table><tr><th>case</th>" + "".join(f"<th>{e(m)}</th>" for m in metrics)]
    rows.append("<th>violations</th></tr>")
    for case in cases:
        other = base.get(case.case)
        cells = [f'<td><a href="#case-{_anchor(case.case)}">{e(case.case)}</a></td>']
        for m in metrics:
            value = case.metrics.get(m)
            if value is None:
                cells.append("<td>-</td>")
                continue
            shown = f'<span class="bad">{value:.3f}</span>' if (case.case, m) in low else f"{value:.3f}"
            if other is not None and m in other.metrics:
                delta = value - other.metrics[m]
                shown = f"{other.metrics[m]:.3f} → {shown} {_delta_html(delta, tolerance.get(m, 0.0), m)}"
            cells.append(f"<td>{shown}</td>")
        cells.append(f"<td>{len(case.violations)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "".join(rows) + "</table>"


def usage_table(run: RunResult, baseline: RunResult | None) -> str:
    """Return what drafting each case cost (requests, repair rounds, tokens, latency), compared."""
    if not any(c.usage for c in run.cases) and not (baseline and any(c.usage for c in baseline.cases)):
        return ""
    e = html.escape
    base = {c.case: c for c in baseline.cases} if baseline is not None else {}
    rows = ["<h2>Drafting cost</h2><table><tr><th>case</th>"]
    rows += [f"<th>{label}</th>" for _, label, _ in USAGE]
    rows.append("</tr>")
    totals: dict[str, list[float]] = {key: [0.0, 0.0] for key, _, _ in USAGE}
    for case in run.cases:
        other = base.get(case.case)
        cells = [f"<td>{e(case.case)}</td>"]
        for key, _, fmt in USAGE:
            new = case.usage.get(key)
            old = other.usage.get(key) if other is not None else None
            totals[key][1] += new or 0.0
            totals[key][0] += old or 0.0
            cells.append(f"<td>{_compared(old, new, fmt, baseline is not None)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cells = ["<td><b>total</b></td>"]
    cells += [
        f"<td>{_compared(t[0], t[1], fmt, baseline is not None)}</td>"
        for (_, _, fmt), t in zip(USAGE, totals.values(), strict=True)
    ]
    rows.append("<tr>" + "".join(cells) + "</tr></table>")
    return "".join(rows)


def _compared(old: float | None, new: float | None, fmt: str, compared: bool) -> str:
    shown = "-" if new is None else fmt.format(new)
    if not compared:
        return shown
    return f"{'-' if old is None else fmt.format(old)} → {shown}"


# ---------------------------------------------------------------- SVG plot


def delta_plot(comp: MetricComparison, run: RunResult, baseline: RunResult) -> str:
    """Return an inline SVG: one dot per case at its change, the mean with its 95% interval, tolerance."""
    e = html.escape
    base = {c.case: c for c in baseline.cases}
    points = [
        (c.case, c.metrics[comp.metric] - base[c.case].metrics[comp.metric])
        for c in run.cases
        if c.case in base and comp.metric in c.metrics and comp.metric in base[c.case].metrics
    ]
    points.sort(key=lambda p: p[1])
    span = max([abs(d) for _, d in points] + [abs(comp.low), abs(comp.high), comp.tolerance * 1.5, 0.01])
    width, label_w, row_h, top = 640, 170, 16, 28
    plot_w = width - label_w - 20
    height = top + row_h * (len(points) + 2)

    def x(value: float) -> float:
        return round(label_w + (value + span) / (2 * span) * plot_w, 1)

    # The tolerance line stands on the side a regression falls: below 0, or above it for variety.
    limit = comp.tolerance if comp.metric in LOWER_IS_BETTER else -comp.tolerance

    out = [
        f"<figure><figcaption><b>{e(comp.metric)}</b>: mean Δ {comp.delta:+.3f}, "
        f"95% CI [{comp.low:+.3f}, {comp.high:+.3f}], tolerance {limit:+g}</figcaption>",
        f'<svg width="{width}" height="{height}" '
        f'role="img" aria-label="change of {e(comp.metric)} per case" class="delta-plot">',
        f'<rect x="{x(comp.low)}" y="{top - 6}" width="{max(1.0, x(comp.high) - x(comp.low))}" '
        f'height="{height - top}" fill="#cfe3ff" opacity="0.6">'
        "<title>95% interval of the mean change</title></rect>",
        f'<line x1="{x(0)}" y1="{top - 10}" x2="{x(0)}" y2="{height}" stroke="#444"/>',
        f'<line x1="{x(limit)}" y1="{top - 10}" x2="{x(limit)}" y2="{height}" '
        f'stroke="#d00" stroke-dasharray="4 3"><title>tolerance {limit:+g}</title></line>',
        f'<text x="{x(limit) - 4}" y="{top - 14}" text-anchor="end" fill="#d00">tolerance</text>',
        f'<text x="{x(0) + 4}" y="{top - 14}">0</text>',
        f'<text x="{label_w}" y="{top - 14}">{-span:+.2f}</text>',
        f'<text x="{width - 20}" y="{top - 14}" text-anchor="end">{span:+.2f}</text>',
    ]
    for i, (case, delta) in enumerate(points):
        y = top + row_h * i + row_h / 2
        gain = _gain(comp.metric, delta)
        colour = "#b00" if gain < -comp.tolerance - 1e-9 else "#070" if gain > 1e-9 else "#777"
        out.append(f'<text x="{label_w - 6}" y="{y + 4}" text-anchor="end">{e(case[:28])}</text>')
        out.append(
            f'<circle cx="{x(delta)}" cy="{y}" r="4.5" fill="{colour}">'
            f"<title>{e(case)}: {delta:+.3f}</title></circle>"
        )
    y = top + row_h * len(points) + row_h
    out.append(f'<text x="{label_w - 6}" y="{y + 4}" text-anchor="end" font-weight="bold">mean</text>')
    out.append(
        f'<line x1="{x(comp.low)}" y1="{y}" x2="{x(comp.high)}" y2="{y}" stroke="#0550ae" stroke-width="2"/>'
        f'<rect x="{x(comp.delta) - 4}" y="{y - 4}" width="8" height="8" fill="#0550ae">'
        f"<title>mean {comp.delta:+.3f}</title></rect>"
    )
    out.append("</svg></figure>")
    return "".join(out)


# ---------------------------------------------------------------- drafts


def _anchor(case_id: str) -> str:
    return html.escape(re.sub(r"[^A-Za-z0-9_.-]", "_", case_id), quote=True)


def _html_case(case: CaseResult, base: CaseResult | None, compared: bool) -> str:
    e = html.escape
    parts = [f'<section class="case" id="case-{_anchor(case.case)}"><h2>{e(case.case)}</h2>']
    scores = ", ".join(f"{m} {v:.3f}" for m, v in case.metrics.items())
    parts.append(f"<p>{e(scores)}</p>")
    if compared and base is None:
        parts.append('<p class="missing">(the baseline has no result for this case)</p>')
    loose = [v for v in case.violations if v.get("section") is None]
    if loose:
        parts.append(
            "<ul>" + "".join(f'<li class="missing">{_violation_text(v)}</li>' for v in loose) + "</ul>"
        )
    for section_id, section in case.sections.items():
        base_section = base.sections.get(section_id) if base is not None else None
        parts.append(_html_section(section_id, section, case, base_section, base, compared))
    parts.append("</section>")
    return "\n".join(parts)


def _violation_text(v: dict[str, Any]) -> str:
    e = html.escape
    return f"{e(str(v.get('rule', '')))}: {e(str(v.get('message', '')))} — {e(str(v.get('text', '')))}"


def _html_section(
    section_id: str,
    section: SectionResult,
    case: CaseResult,
    base_section: SectionResult | None,
    base: CaseResult | None,
    compared: bool,
) -> str:
    e = html.escape
    title = e(section.heading or section_id)
    scores = e(", ".join(f"{m} {v:.3f}" for m, v in section.metrics.items()))
    if not compared:
        body = _side("Draft", section, case, section_id, [])
        head = f"<h3>{title} <small>({e(section_id)}: {scores})</small></h3>"
        return f'{head}<div class="pair single">{body}</div>'
    old_text = base_section.text if base_section is not None else ""
    if base_section is not None and old_text == section.text:
        body = _side("Candidate (same as baseline)", section, case, section_id, [])
        return (
            f"<details><summary><b>{title}</b> — unchanged <small>({e(section_id)}: {scores})</small>"
            f'</summary><div class="pair single">{body}</div></details>'
        )
    removed, added = word_diff(old_text, section.text)
    sides = [
        _side("Baseline", base_section, base, section_id, removed) if base is not None else "",
        _side("Candidate", section, case, section_id, added),
    ]
    return (
        f'<h3>{title} <small>({e(section_id)}: {scores})</small></h3><div class="pair">{"".join(sides)}</div>'
    )


def _side(
    label: str, section: SectionResult | None, case: CaseResult | None, section_id: str, changes: list[Mark]
) -> str:
    e = html.escape
    if section is None or case is None or not section.text:
        return f'<div class="side"><h4>{e(label)}</h4><p class="missing">(section missing)</p></div>'
    body = render_text(section.text, [*section_marks(section, case.violations), *changes])
    missing = [v for v in case.violations if v.get("section") == section_id and v.get("start") is None]
    notes = "".join(f'<li class="missing">{_violation_text(v)}</li>' for v in missing)
    return f'<div class="side"><h4>{e(label)}</h4>{body}{"<ul>" + notes + "</ul>" if notes else ""}</div>'


def section_marks(section: SectionResult, violations: list[dict[str, Any]]) -> list[Mark]:
    """Return the marks of a section: its numbers by status and the violations placed in it."""
    marks: list[Mark] = [
        (n.start, n.end, n.status, f"{n.status}: {', '.join(n.sources)}") for n in section.numbers
    ]
    size = len(section.text)
    for v in violations:
        start, end = v.get("start"), v.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        if not section.start <= start < section.start + size or v.get("metric") == "number_faithfulness":
            continue  # elsewhere, or already coloured as an unsupported number
        marks.append(
            (
                start - section.start,
                min(end - section.start, size),
                "violation",
                f"{v.get('rule')}: {v.get('message')}",
            )
        )
    return marks


def word_diff(old: str, new: str) -> tuple[list[Mark], list[Mark]]:
    """Return the spans removed from ``old`` and added in ``new``, word by word (a Chinese character is one).

    Paragraphs are matched first; only changed paragraphs are compared word by word, and one longer than
    :data:`WORD_DIFF_LIMIT` tokens is marked whole, so the time stays near linear in the text.
    """
    old_paras, new_paras = _paragraphs(old), _paragraphs(new)
    removed: list[Mark] = []
    added: list[Mark] = []
    # autojunk: a paragraph repeated hundreds of times is not matched one by one (that is quadratic).
    matcher = difflib.SequenceMatcher(None, [p[2] for p in old_paras], [p[2] for p in new_paras])
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = old_paras[i1:i2], new_paras[j1:j2]
        if op == "replace" and len(olds) == len(news):
            for a, b in zip(olds, news, strict=True):
                if a[2] == b[2]:
                    continue
                r, d = _words(a, b)
                removed += r
                added += d
            continue
        removed += [(p[0], p[1], "del", "removed") for p in olds]
        added += [(p[0], p[1], "ins", "added") for p in news]
    return removed, added


def _paragraphs(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]+", text)]


def _words(old: tuple[int, int, str], new: tuple[int, int, str]) -> tuple[list[Mark], list[Mark]]:
    a = [(m.start(), m.end()) for m in _TOKEN.finditer(old[2])]
    b = [(m.start(), m.end()) for m in _TOKEN.finditer(new[2])]
    if len(a) + len(b) > WORD_DIFF_LIMIT:
        return [(old[0], old[1], "del", "changed")], [(new[0], new[1], "ins", "changed")]
    ta = [old[2][s:t] for s, t in a]
    tb = [new[2][s:t] for s, t in b]
    removed: list[Mark] = []
    added: list[Mark] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            removed.append((old[0] + a[i1][0], old[0] + a[i2 - 1][1], "del", "removed"))
        if op in ("insert", "replace"):
            added.append((new[0] + b[j1][0], new[0] + b[j2 - 1][1], "ins", "added"))
    return removed, added


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    marks: tuple[Mark, ...]


def _pieces(text: str, marks: list[Mark]) -> Iterator[_Piece]:
    """Cut ``text`` at every mark boundary and line end; yield each piece with the marks covering it.

    A sweep over the boundaries in order: each mark is added and removed once (linear in text and marks).
    """
    size = len(text)
    clean = sorted(
        (max(0, min(size, s)), max(0, min(size, t)), css, tip) for s, t, css, tip in marks if t > s
    )
    newlines = [m.start() for m in re.finditer("\n", text)]  # each newline becomes a piece of its own
    cuts = sorted({0, size, *(p for m in clean for p in m[:2]), *newlines, *(n + 1 for n in newlines)})
    active: list[Mark] = []
    nxt = 0
    for start, end in itertools.pairwise(cuts):
        active = [m for m in active if m[1] > start]
        while nxt < len(clean) and clean[nxt][0] <= start:
            if clean[nxt][1] > start:
                active.append(clean[nxt])
            nxt += 1
        yield _Piece(start, end, tuple(m for m in active if m[0] <= start and end <= m[1]))


def render_text(text: str, marks: list[Mark]) -> str:
    """Return ``text`` as HTML: paragraphs, Markdown headings as headings, marks as classed spans."""
    lines: list[list[str]] = [[]]
    for piece in _pieces(text, marks):
        chunk = text[piece.start : piece.end]
        if chunk == "\n":
            lines.append([])
            continue
        lines[-1].append(_span(chunk, piece.marks))
    out = []
    for raw, parts in zip(text.split("\n"), lines, strict=True):
        if not raw.strip():
            continue
        rendered = "".join(parts)
        heading = _HEADING.match(raw)
        if heading:
            out.append(f"<h5>{_strip_prefix(rendered, heading.end())}</h5>")
        else:
            out.append(f"<p>{rendered}</p>")
    return "".join(out)


def _span(chunk: str, marks: tuple[Mark, ...]) -> str:
    piece = html.escape(chunk)
    if not marks:
        return piece
    classes = html.escape(" ".join(dict.fromkeys(m[2] for m in marks)), quote=True)
    title = html.escape(" | ".join(dict.fromkeys(m[3] for m in marks)), quote=True)
    return f'<span class="{classes}" title="{title}">{piece}</span>'


def _strip_prefix(rendered: str, count: int) -> str:
    """Drop the first ``count`` characters of text (the ``### `` marker) from rendered HTML."""
    out = []
    i = 0
    while i < len(rendered) and count > 0:
        if rendered[i] == "<":
            j = rendered.index(">", i) + 1
            out.append(rendered[i:j])
            i = j
        elif rendered[i] == "&":
            i = rendered.index(";", i) + 1
            count -= 1
        else:
            i += 1
            count -= 1
    return "".join(out) + rendered[i:]
