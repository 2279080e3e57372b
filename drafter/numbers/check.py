"""``check(text, facts)``: the checker's pipeline, extract → bind → judge → report.

1. **extract** (:mod:`~drafter.numbers.extract`): every number mention, with its interval and unit.
2. **bind** (:mod:`~drafter.numbers.bind`): the clause of each figure and the fact it clearly speaks of.
3. **judge** (:mod:`~drafter.numbers.match`, :mod:`~drafter.numbers.derive`,
   :mod:`~drafter.numbers.attribute`): the value against the facts' sources, then against the claimed fact.
4. **report** (:mod:`~drafter.numbers.report`): one :class:`Mention` per figure.

Mentions (``Found``) are never changed between the stages: what the words around a figure say (cues,
frame, anchors, claim) travels beside it in a :class:`~drafter.numbers.verdict.Reading`.
"""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from drafter.facts.models import Facts
from drafter.numbers.attribute import claimed_verdict, unclaimed
from drafter.numbers.bind import Binder, Binding, bind, build_binder
from drafter.numbers.cues import SENTENCE_END, compared_at, counts_the_list, cues_at, frame_at, look_behind
from drafter.numbers.derive import CHANGES, cues_wanted
from drafter.numbers.extract import extract
from drafter.numbers.found import Found, mention_kind
from drafter.numbers.interval import DEFAULT_TOLERANCE, INF, Tolerance
from drafter.numbers.match import judge, owner
from drafter.numbers.report import CheckReport, Mention
from drafter.numbers.sources import Sources, build_sources
from drafter.numbers.units import RATES, fact_unit
from drafter.numbers.verdict import Reading, Verdict

_CACHE: list[tuple[Facts, Tolerance, Sources]] = []
_CACHE_SIZE = 8
_VERDICTS_MAX = 100_000
FRAMED = CHANGES | {"share"}
_RESTATED = re.compile(r"\s*[,，]?\s*(?:or|i\.e\.|即|也就是|合计?)?\s*[（(]?\s*", re.IGNORECASE)
Verdicts = dict[tuple[object, ...], Verdict]
_UNREAD = Reading()  # no words read around a figure (one shared instance: a Reading is immutable)


def check(text: str, facts: Facts, tol: Tolerance = DEFAULT_TOLERANCE) -> CheckReport:
    """Return the check report of ``text`` against ``facts``.

    Args:
        text: The draft (Markdown or plain text, any mix of Chinese and English).
        facts: The facts the draft must be faithful to.
        tol: Tolerances (see :class:`~drafter.numbers.interval.Tolerance`).
    """
    with _collector_paused():
        return _checked(text, facts, tol)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a text is checked.

    A long draft makes hundreds of thousands of small objects that form no cycles and are freed by
    reference counting; the full collections their number triggers cost a tenth of the time of a long
    check. The collector is resumed afterwards, and left alone when it was already off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _checked(text: str, facts: Facts, tol: Tolerance) -> CheckReport:
    sources = sources_for(facts, tol)
    found = extract(text, sources.terms, tol)
    binder = binder_for(facts, sources)
    bindings = bind(text, found, binder)
    lines = _line_starts(text)
    verdicts: Verdicts = sources.cache.setdefault("verdicts", {})
    if len(verdicts) > _VERDICTS_MAX:
        verdicts.clear()
    mentions: list[Mention] = []
    for i, item in enumerate(found):
        value = _value_verdict(text, found, i, mentions, sources, tol, verdicts)
        binding = bindings[i]
        verdict = _attributed(text, found, i, value, binding, binder, facts, sources, tol, verdicts)
        mentions.append(_mention(text, item, verdict, binding, lines))
    return CheckReport(text=text, mentions=mentions)


def binder_for(facts: Facts, sources: Sources) -> Binder:
    """Return the binder of ``facts`` (kept with its sources)."""
    binder = sources.cache.get("binder")
    if binder is None:
        binder = sources.cache["binder"] = build_binder(facts)
    return binder


def _value_verdict(
    text: str,
    found: list[Found],
    i: int,
    mentions: list[Mention],
    sources: Sources,
    tol: Tolerance,
    verdicts: Verdicts,
) -> Verdict:
    """Judge ``found[i]``'s value, reading the words around it only when a derivation needs them."""
    item = found[i]
    reading = _UNREAD
    verdict = _judged(item, reading, sources, tol, verdicts)
    if verdict.status == "unsupported" and cues_wanted(item, sources, tol):
        # Only now read the words around it: a total or difference must be announced (共, 增加).
        reading = Reading(cues=cues_at(text, item, _since(text, found, i)))
        if reading.cues:
            verdict = _judged(item, reading, sources, tol, verdicts)
    if verdict.op in CHANGES:
        verdict = _anchored(text, item, verdict, reading, mentions, sources, tol, verdicts)
    if verdict.op in FRAMED:
        verdict = _directed(text, item, verdict, reading, _since(text, found, i), sources, tol, verdicts)
    if verdict.status == "unsupported" and _compared_year(text, item, sources):
        verdict = Verdict("supported", ["report.period"], None, "the year before the period, compared with")
    if verdict.status == "unsupported" and item.kind in ("term", "quantity") and counts_the_list(text, item):
        verdict = Verdict("supported", [], None, "counts the items listed just before it")
    return verdict


def _attributed(
    text: str,
    found: list[Found],
    i: int,
    value: Verdict,
    binding: Binding | None,
    binder: Binder,
    facts: Facts,
    sources: Sources,
    tol: Tolerance,
    verdicts: Verdicts,
) -> Verdict:
    """Judge the figure again as said of the fact its clause speaks of (or keep the value verdict)."""
    if binding is None:
        return value
    if binding.claimed is None or any(s.endswith((".label", ".note")) for s in value.sources):
        # 全县仍有56人以上大班额: a number quoted from a label or note is said as the facts say it
        return _unclaimed(value, verdicts)
    if (
        value.status in ("supported", "derived")
        and value.sources
        and owner(value.sources[0]) == binding.claimed
    ):
        return value
    item = found[i]
    since = _since(text, found, i)
    reading = Reading(
        cues=cues_at(text, item, since),
        frame=frame_at(text, item, since),
        anchors=frozenset({binding.claimed}),
        claimed=binding.claimed,
    )
    strict = _judged(item, reading, sources, tol, verdicts, binding.claimed)
    if strict.status in ("supported", "derived") and value.status in ("supported", "derived"):
        strict = _cite_all(strict, value)
    firm = _firm(item, reading, binding.claimed, facts)
    return claimed_verdict(text[item.start : item.end], value, strict, binding, binder, facts, firm)


def _firm(item: Found, reading: Reading, claimed: str, facts: Facts) -> bool:
    """A rate in a clause about a count is that count's growth only when the words say a rise or fall."""
    if item.unit is None or item.unit.dim not in RATES:
        return True
    fact = next((f for f in facts.facts if f.id == claimed), None)
    unit = fact_unit(fact.unit) if fact is not None else None
    counted = fact is not None and (unit is None or unit.dim not in RATES)
    return not counted or reading.frame in ("rise", "fall")


def _unclaimed(value: Verdict, verdicts: Verdicts) -> Verdict:
    # Verdicts are shared by every figure stated alike: so is their value-only form.
    key = ("value only", value.status, tuple(value.sources), value.formula, value.reason, value.op)
    hit = verdicts.get(key)
    if hit is None:
        hit = verdicts[key] = unclaimed(value)
    return hit


def _cite_all(strict: Verdict, value: Verdict) -> Verdict:
    """The claimed fact first, then every other source that states the same figure."""
    if strict.status != "supported" or value.status != "supported":
        return strict
    return replace(strict, sources=list(dict.fromkeys([*strict.sources, *value.sources])))


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
    reading: Reading,
    mentions: list[Mention],
    sources: Sources,
    tol: Tolerance,
    verdicts: Verdicts,
) -> Verdict:
    """A change right after supported figures in its sentence is a change of their facts.

    门急诊486320人次，同比增长7.6%: the 7.6% must be the growth of the fact behind 486320人次, not
    of another fact that happens to have grown by 7.6%.
    """
    anchors = _sentence_facts(text, item, mentions)
    if not anchors or verdict.sources[0] in anchors:
        return verdict
    again = _judged(item, reading._replace(anchors=anchors), sources, tol, verdicts)
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
    reading: Reading,
    since: int,
    sources: Sources,
    tol: Tolerance,
    verdicts: Verdicts,
) -> Verdict:
    """Judge a derived rate again as its words frame it (同比下降 needs a fall, 占 a share)."""
    frame = frame_at(text, item, since)
    if not frame:
        return verdict
    again = _judged(item, reading._replace(frame=frame), sources, tol, verdicts)
    if again.status != "unsupported":
        return again
    topic = "share" if frame == "share" else "direction"
    return replace(again, reason=f"{topic}: {verdict.formula}, but the text says a {frame}")


def _compared_year(text: str, item: Found, sources: Sources) -> bool:
    # 比2024年增长: the year of the facts' previous values, named where the text compares with it.
    return item.kind == "year" and item.value == sources.previous_year and compared_at(text, item)


def _judged(
    item: Found,
    reading: Reading,
    sources: Sources,
    tol: Tolerance,
    verdicts: Verdicts,
    subject: str | None = None,
) -> Verdict:
    # A figure stated the same way twice gets the same verdict: judge it once per facts file. The key is
    # the mention without its place (kind, value, interval, unit, approx, figure, term_source), what the
    # words around it say and the subject: named tuples, which hash and compare in C. A figure read without
    # its words (most are) is keyed by the mention alone, a shorter tuple of another length.
    key = item[2:] if reading is _UNREAD and subject is None else (*item[2:], *reading, subject)
    verdict = verdicts.get(key)
    if verdict is None:
        verdict = verdicts[key] = judge(item, reading, sources, tol, subject)
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


def _mention(text: str, found: Found, verdict: Verdict, binding: Binding | None, lines: list[int]) -> Mention:
    line = bisect.bisect_right(lines, found.start)
    interval = found.interval
    claimed = binding.claimed if binding is not None else None
    # Positional (one call per figure): sixteen keyword arguments make the call markedly slower.
    return Mention.of(
        text[found.start : found.end],  # text
        found.start,  # start
        found.end,  # end
        line,  # line
        found.start - lines[line - 1] + 1,  # column
        found.value,  # value
        None if interval is None else interval.low,  # low
        None if interval is None or interval.high == INF else interval.high,  # high
        found.unit.name if found.unit else None,  # unit
        mention_kind(found.kind),  # type: ignore[arg-type]  # kind
        verdict.status,  # type: ignore[arg-type]  # status
        list(verdict.sources),  # sources
        verdict.formula,  # formula
        verdict.reason,  # reason
        claimed,  # claimed
        binding.score if claimed is not None and binding is not None else None,  # attribution
    )
