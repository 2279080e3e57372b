"""``check(text, facts)``: extract every number mention and match it against the facts' sources."""

from __future__ import annotations

import bisect

from drafter.facts.models import Facts
from drafter.numbers.cues import cues_at
from drafter.numbers.derive import cues_wanted
from drafter.numbers.extract import extract
from drafter.numbers.found import Found
from drafter.numbers.interval import DEFAULT_TOLERANCE, INF, Tolerance
from drafter.numbers.match import Verdict, judge
from drafter.numbers.report import CheckReport, Mention
from drafter.numbers.sources import Sources, build_sources

_CACHE: list[tuple[Facts, Tolerance, Sources]] = []
_CACHE_SIZE = 8
_VERDICTS_MAX = 100_000


def check(text: str, facts: Facts, tol: Tolerance = DEFAULT_TOLERANCE) -> CheckReport:
    """Return the check report of ``text`` against ``facts``.

    Args:
        text: The draft (Markdown or plain text, any mix of Chinese and English).
        facts: The facts the draft must be faithful to.
        tol: Tolerances (see :class:`~drafter.numbers.interval.Tolerance`).
    """
    sources = sources_for(facts, tol)
    found = extract(text, sources.terms, tol)
    lines = _line_starts(text)
    verdicts: dict[tuple[object, ...], Verdict] = sources.cache.setdefault("verdicts", {})
    if len(verdicts) > _VERDICTS_MAX:
        verdicts.clear()
    mentions = []
    for i, item in enumerate(found):
        verdict = _judged(item, sources, tol, verdicts)
        if verdict.status == "unsupported" and cues_wanted(item, sources, tol):
            # Only now read the words around it: a total or difference must be announced (共, 增加).
            item.cues = cues_at(text, item, found[i - 1].end if i else 0)
            if item.cues:
                verdict = _judged(item, sources, tol, verdicts)
        mentions.append(_mention(text, item, verdict, lines))
    return CheckReport(text=text, mentions=mentions)


def _judged(
    item: Found, sources: Sources, tol: Tolerance, verdicts: dict[tuple[object, ...], Verdict]
) -> Verdict:
    # A figure stated the same way twice gets the same verdict: judge it once per facts file.
    key = (
        item.kind,
        item.value,
        item.interval,
        item.unit,
        item.approx,
        item.figure,
        item.term_source,
        item.cues,
    )
    verdict = verdicts.get(key)
    if verdict is None:
        verdict = verdicts[key] = judge(item, sources, tol)
    return verdict


def sources_for(facts: Facts, tol: Tolerance = DEFAULT_TOLERANCE) -> Sources:
    """Return the sources of ``facts`` (cached for the last few facts objects checked)."""
    for cached_facts, cached_tol, sources in _CACHE:
        if cached_facts is facts and cached_tol == tol:
            return sources
    sources = build_sources(facts, tol)
    _CACHE.insert(0, (facts, tol, sources))
    del _CACHE[_CACHE_SIZE:]
    return sources


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _mention(text: str, found: Found, verdict: Verdict, lines: list[int]) -> Mention:
    line = bisect.bisect_right(lines, found.start)
    interval = found.interval
    high = None if interval is None or interval.high == INF else interval.high
    return Mention(
        text=text[found.start : found.end],
        start=found.start,
        end=found.end,
        line=line,
        column=found.start - lines[line - 1] + 1,
        value=found.value,
        low=None if interval is None else interval.low,
        high=high,
        unit=found.unit.name if found.unit else None,
        kind=found.kind,  # type: ignore[arg-type]
        status=verdict.status,  # type: ignore[arg-type]
        sources=list(verdict.sources),
        formula=verdict.formula,
        reason=verdict.reason,
    )
