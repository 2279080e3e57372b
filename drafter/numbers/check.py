"""``check(text, facts)``: extract every number mention and match it against the facts' sources."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from drafter.facts.models import Facts
from drafter.numbers.cues import SENTENCE_END, compared_at, cues_at, frame_at, look_behind
from drafter.numbers.derive import CHANGES, cues_wanted
from drafter.numbers.extract import extract
from drafter.numbers.found import Found, mention_kind
from drafter.numbers.interval import DEFAULT_TOLERANCE, INF, Tolerance
from drafter.numbers.match import Verdict, judge
from drafter.numbers.report import CheckReport, Mention
from drafter.numbers.sources import Sources, build_sources

_CACHE: list[tuple[Facts, Tolerance, Sources]] = []
_CACHE_SIZE = 8
_VERDICTS_MAX = 100_000
FRAMED = CHANGES | {"share"}
_RESTATED = re.compile(r"\s*[,，]?\s*(?:or|i\.e\.|即|也就是|合计?)?\s*[（(]?\s*", re.IGNORECASE)


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
    mentions: list[Mention] = []
    for i, item in enumerate(found):
        verdict = _verdict(text, found, i, mentions, sources, tol, verdicts)
        mentions.append(_mention(text, item, verdict, lines))
    return CheckReport(text=text, mentions=mentions)


def _verdict(
    text: str,
    found: list[Found],
    i: int,
    mentions: list[Mention],
    sources: Sources,
    tol: Tolerance,
    verdicts: dict[tuple[object, ...], Verdict],
) -> Verdict:
    """Judge ``found[i]``, reading the words around it only when a derivation needs them."""
    item = found[i]
    verdict = _judged(item, sources, tol, verdicts)
    if verdict.status == "unsupported" and cues_wanted(item, sources, tol):
        # Only now read the words around it: a total or difference must be announced (共, 增加).
        item.cues = cues_at(text, item, _since(text, found, i))
        if item.cues:
            verdict = _judged(item, sources, tol, verdicts)
    if verdict.op in CHANGES:
        verdict = _anchored(text, item, verdict, mentions, sources, tol, verdicts)
    if verdict.op in FRAMED:
        verdict = _directed(text, item, verdict, _since(text, found, i), sources, tol, verdicts)
    if verdict.status == "unsupported" and _compared_year(text, item, sources):
        verdict = Verdict("supported", ["report.period"], None, "the year before the period, compared with")
    return verdict


def _since(text: str, found: list[Found], i: int) -> int:
    """Where the words read before ``found[i]`` start (after the mention before it, in its sentence)."""
    item = found[i]
    if i and _RESTATED.fullmatch(text, found[i - 1].end, item.start):
        # rose by 17.3%, or 190 families; 增长17.3%（190户）: the words before the first figure count too
        return look_behind(found[i - 1], found[i - 2].end if i > 1 else 0)
    return look_behind(item, found[i - 1].end if i else 0)


def _anchored(
    text: str,
    item: Found,
    verdict: Verdict,
    mentions: list[Mention],
    sources: Sources,
    tol: Tolerance,
    verdicts: dict[tuple[object, ...], Verdict],
) -> Verdict:
    """A change right after supported figures in its sentence is a change of their facts.

    门急诊486320人次，同比增长7.6%: the 7.6% must be the growth of the fact behind 486320人次, not
    of another fact that happens to have grown by 7.6%.
    """
    anchors = _sentence_facts(text, item, mentions)
    if not anchors or verdict.sources[0] in anchors:
        return verdict
    item.anchors = anchors
    again = _judged(item, sources, tol, verdicts)
    if again.status != "unsupported":
        return again
    cited = ", ".join(sorted(anchors))
    return replace(again, reason=f"anchor: {verdict.formula}, but the sentence speaks of {cited}")


def _sentence_facts(text: str, item: Found, mentions: list[Mention]) -> frozenset[str]:
    """The facts cited by the supported quantities before ``item`` in its sentence (none when the nearest
    of them is not supported: a wrong figure gets its own flag, and the change after it no second one)."""
    ids: set[str] = set()
    for mention in reversed(mentions):
        if SENTENCE_END.search(text, mention.end, item.start):
            break
        if mention.kind not in ("quantity", "money", "percent"):
            continue
        if mention.status != "supported":
            if not ids:
                return frozenset()
            continue
        ids.update(s for s in mention.sources if "." not in s and "[" not in s and ":" not in s)
    return frozenset(ids)


def _directed(
    text: str,
    item: Found,
    verdict: Verdict,
    since: int,
    sources: Sources,
    tol: Tolerance,
    verdicts: dict[tuple[object, ...], Verdict],
) -> Verdict:
    """Judge a derived rate again as its words frame it (同比下降 needs a fall, 占 a share)."""
    item.frame = frame_at(text, item, since)
    if not item.frame:
        return verdict
    again = _judged(item, sources, tol, verdicts)
    if again.status != "unsupported":
        return again
    topic = "share" if item.frame == "share" else "direction"
    return replace(again, reason=f"{topic}: {verdict.formula}, but the text says a {item.frame}")


def _compared_year(text: str, item: Found, sources: Sources) -> bool:
    # 比2024年增长: the year of the facts' previous values, named where the text compares with it.
    return item.kind == "year" and item.value == sources.previous_year and compared_at(text, item)


def _judged(
    item: Found, sources: Sources, tol: Tolerance, verdicts: dict[tuple[object, ...], Verdict]
) -> Verdict:
    # A figure stated the same way twice gets the same verdict: judge it once per facts file.
    interval, unit = item.interval, item.unit
    key = (
        item.kind,
        item.value,
        # spelled out as tuples, which hash and compare in C (the dataclasses' own methods are Python)
        None if interval is None else (interval.low, interval.high, interval.low_open, interval.high_open),
        None if unit is None else (unit.name, unit.dim, unit.factor),
        item.approx,
        item.figure,
        item.term_source,
        item.cues,
        item.frame,
        item.anchors,
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
        kind=mention_kind(found.kind),  # type: ignore[arg-type]
        status=verdict.status,  # type: ignore[arg-type]
        sources=list(verdict.sources),
        formula=verdict.formula,
        reason=verdict.reason,
    )
