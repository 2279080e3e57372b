"""Score one draft document against its case: each metric per section and for the whole case (0–1).

- ``number_faithfulness``: (supported + derived) / all number mentions, by the checker (1.0 for none); a
  figure said of another fact than its own (misattributed) is as wrong as an unsupported one.
- ``fact_coverage``: required facts whose figure appears (by the checker's sources) / required facts.
- ``structure``: structural checks passed / checks: each required section present with the kind's
  heading, in the kind's order, and (for topic sections) one sub-heading per planned topic.
- ``style``: ``max(0, 1 - style violations per 1,000 characters)`` (see :mod:`drafter.evals.style`).
- ``length``: share of required sections whose body length is within its bounds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from drafter.evals import style
from drafter.evals.results import CaseResult, NumberMark, SectionResult
from drafter.evals.segment import SectionSpan, Segments, segment, subheadings
from drafter.evals.suite import EvalCase
from drafter.evals.violation import Violation
from drafter.facts.models import Fact
from drafter.form import check_form
from drafter.numbers import check
from drafter.numbers.report import CheckReport
from drafter.plan import Plan, plan_report, zh_numeral
from drafter.repair import covers, form_spec

Checker = Callable[..., CheckReport]


@dataclass
class _Tally:
    """Passed / total for one metric in one scope (a section or the case)."""

    passed: float = 0.0
    total: float = 0.0

    def add(self, ok: bool | float, weight: float = 1.0) -> None:
        self.passed += float(ok) * weight
        self.total += weight

    def score(self, empty: float = 1.0) -> float:
        return round(self.passed / self.total, 6) if self.total else empty


@dataclass
class _Scores:
    """Tallies by metric and scope (``None`` is the whole case), and the violations found."""

    tallies: dict[tuple[str, str | None], _Tally] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)

    def tally(self, metric: str, scope: str | None) -> _Tally:
        return self.tallies.setdefault((metric, scope), _Tally())


def score_document(text: str, case: EvalCase, *, checker: Checker | None = None) -> CaseResult:
    """Return every metric of ``text`` (a whole draft document) for ``case``, per section and overall.

    Args:
        text: The document: title, section headings and bodies (Markdown or plain text).
        case: The suite case (facts, required facts and sections, bounds, banned phrases).
        checker: The number checker (default :func:`drafter.check`); injectable for tests.
    """
    plan = plan_report(case.facts)
    segments = segment(text, plan)
    report = (checker or check)(text, case.facts)
    scores = _Scores()
    _faithfulness(report, segments, scores)
    _coverage(report, segments, plan, case, scores)
    _structure(segments, plan, case, scores)
    _length(segments, case, scores)
    style_scores = _style(text, segments, case, scores)
    return _result(case, segments, report, scores, style_scores)


def _faithfulness(report: CheckReport, segments: Segments, scores: _Scores) -> None:
    for mention in report.mentions:
        ok = not mention.failed
        section = segments.section_at(mention.start)
        scores.tally("number_faithfulness", None).add(ok)
        if section:
            scores.tally("number_faithfulness", section).add(ok)
        if not ok:
            scores.violations.append(
                Violation(
                    metric="number_faithfulness",
                    rule="misattributed-number"
                    if mention.status == "misattributed"
                    else "unsupported-number",
                    text=mention.text,
                    message=mention.reason or "no fact supports this number",
                    start=mention.start,
                    end=mention.end,
                ).placed(segments.text, section)
            )


def _coverage(report: CheckReport, segments: Segments, plan: Plan, case: EvalCase, scores: _Scores) -> None:
    placed = {f.id: s.id for s in plan.sections for f in s.facts()}
    for fact_id in case.required_facts:
        fact = case.facts.fact(fact_id)
        home = placed.get(fact_id)
        anywhere = any(covers(m, fact) for m in report.mentions)
        at_home = any(covers(m, fact) and segments.section_at(m.start) == home for m in report.mentions)
        scores.tally("fact_coverage", None).add(anywhere)
        if home:
            scores.tally("fact_coverage", home).add(at_home)
        if not anywhere:
            scores.violations.append(
                Violation(
                    metric="fact_coverage",
                    rule="missing-fact",
                    message="required fact not in the draft",
                    text=_fact_text(fact),
                    section=home,
                )
            )
        elif not at_home:
            scores.violations.append(
                Violation(
                    metric="fact_coverage",
                    rule="misplaced-fact",
                    message=f"required fact not in its section '{home}'",
                    text=_fact_text(fact),
                    section=home,
                )
            )


def _fact_text(fact: Fact) -> str:
    value = int(fact.value) if float(fact.value).is_integer() else fact.value
    return f"{fact.id}: {fact.label} {value}{fact.unit or ''}"


def _structure(segments: Segments, plan: Plan, case: EvalCase, scores: _Scores) -> None:
    last = -1
    for span in segments.sections:
        if span.id not in case.required_sections:
            continue
        in_order = span.found and span.start >= last
        last = max(last, span.start)
        name = span.heading or span.id
        checks = [(span.found, "missing-section", "section or its heading is missing", name)]
        checks.append((in_order, "section-out-of-order", "section is not in the kind's order", name))
        checks += _topic_checks(span, segments.text, plan)
        checks += _foreign_headings(span, segments.text, plan)
        for ok, rule, message, what in checks:
            scores.tally("structure", None).add(ok)
            scores.tally("structure", span.id).add(ok)
            if not ok:
                scores.violations.append(
                    Violation(metric="structure", rule=rule, message=message, text=what, section=span.id)
                )


def _foreign_headings(span: SectionSpan, text: str, plan: Plan) -> list[tuple[bool, str, str, str]]:
    """One failed check per line of a section that repeats the title or another section's heading."""
    spec = form_spec(plan, plan.section(span.id))
    found = [p for p in check_form(span.body(text), spec) if p.code in ("title", "foreign-heading")]
    return [(False, "foreign-heading", p.message, p.excerpt) for p in found]


def _topic_checks(span: SectionSpan, text: str, plan: Plan) -> list[tuple[bool, str, str, str]]:
    """One check per named topic of a topic section: its own sub-heading, numbered in order.

    The i-th named topic needs an i-th sub-heading; in Chinese it must be numbered （i）. The sub-heading
    may be a thematic sentence rather than the topic's name, so the name itself is not required.
    """
    section = plan.section(span.id)
    if section.spec.style != "topics":
        return []
    heads = subheadings(span.body(text))
    named = [t.name for t in section.topics if t.name]
    checks = []
    for index, name in enumerate(named):
        ok = index < len(heads) and _numbered(heads[index][0], index + 1, plan.language)
        checks.append((ok, "missing-subheading", "no sub-heading (numbered in order) for the topic", name))
    return checks


def _numbered(number: str, position: int, language: str) -> bool:
    # Chinese topic sub-headings are numbered （一）（二）…; English ones need no number.
    return language != "zh" or number == f"（{zh_numeral(position)}）"


def _length(segments: Segments, case: EvalCase, scores: _Scores) -> None:
    for span in segments.sections:
        bounds = case.length.get(span.id)
        if span.id not in case.required_sections or bounds is None:
            continue
        size = body_length(span.body(segments.text))
        ok = bounds[0] <= size <= bounds[1]
        scores.tally("length", None).add(ok)
        scores.tally("length", span.id).add(ok)
        if not ok:
            scores.violations.append(
                Violation(
                    metric="length",
                    rule="length",
                    text=f"{size} characters",
                    section=span.id,
                    message=f"body of {size} characters, outside {bounds[0]}–{bounds[1]}",
                )
            )


def body_length(body: str) -> int:
    """Return the length of a section body in characters: heading marks dropped, blanks collapsed."""
    plain = re.sub(r"(?m)^\s*#+\s*", "", body)
    return len(re.sub(r"\s+", " ", plain).strip())


def _style(text: str, segments: Segments, case: EvalCase, scores: _Scores) -> dict[str | None, float]:
    facts = case.facts
    sources = "\n".join(
        [
            *(f.label for f in facts.facts),
            *(f.note or "" for f in facts.facts),
            *(n.text for n in facts.notes),
        ]
    )
    lint = style.lint(
        text, case.language, case.banned_phrases, section_at=segments.section_at, sources=sources
    )
    found = [v.placed(text, segments.section_at(v.start or 0)) for v in lint]
    scores.violations.extend(found)
    result: dict[str | None, float] = {None: style.score(len(found), style.count_characters(text))}
    for span in segments.sections:
        if span.found:
            here = sum(1 for v in found if v.section == span.id)
            result[span.id] = style.score(here, style.count_characters(text[span.start : span.end]))
    return result


def _result(
    case: EvalCase,
    segments: Segments,
    report: CheckReport,
    scores: _Scores,
    style_scores: dict[str | None, float],
) -> CaseResult:
    metrics = _metrics(scores, None, style_scores)
    sections = {
        span.id: _section_result(span, segments, report, scores, style_scores) for span in segments.sections
    }
    violations = sorted(scores.violations, key=lambda v: (v.start if v.start is not None else -1, v.rule))
    return CaseResult(
        case=case.id, metrics=metrics, sections=sections, violations=[v.to_dict() for v in violations]
    )


def _metrics(scores: _Scores, scope: str | None, style_scores: dict[str | None, float]) -> dict[str, float]:
    metrics: dict[str, float] = {}
    for name in ("number_faithfulness", "fact_coverage", "structure"):
        tally = scores.tallies.get((name, scope))
        if tally is not None or scope is None:
            metrics[name] = (tally or _Tally()).score()
    if scope in style_scores:
        metrics["style"] = round(style_scores[scope], 6)
    tally = scores.tallies.get(("length", scope))
    if tally is not None or scope is None:
        metrics["length"] = (tally or _Tally()).score()
    return metrics


def _section_result(
    span: SectionSpan,
    segments: Segments,
    report: CheckReport,
    scores: _Scores,
    style_scores: dict[str | None, float],
) -> SectionResult:
    if not span.found:
        return SectionResult(heading=span.heading, metrics=_metrics(scores, span.id, style_scores))
    numbers = [
        NumberMark(
            start=m.start - span.start,
            end=m.end - span.start,
            status=m.status,
            text=m.text,
            sources=list(m.sources),
        )
        for m in report.mentions
        if span.start <= m.start < span.end
    ]
    return SectionResult(
        heading=span.heading,
        text=segments.text[span.start : span.end],
        start=span.start,
        metrics=_metrics(scores, span.id, style_scores),
        numbers=numbers,
    )
