"""Hints for an unsupported figure: the facts, and figures derived from them, that the writer may have meant.

Only figures of a compatible unit are offered (a percentage is never "12 所"), and derived figures come
with what they are: ``10.9%: growth of 全年教育投入, 6.82 vs 6.15 亿元``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from drafter.facts.models import Facts
from drafter.numbers.check import sources_for
from drafter.numbers.derive import DEFAULT_OPS, OPS_BY_DIM, Candidate, derived_table
from drafter.numbers.interval import DEFAULT_TOLERANCE, fmt_number
from drafter.numbers.report import Mention
from drafter.numbers.sources import Source, Sources
from drafter.numbers.units import Unit, compatible, unit_of

# A suggestion further than this (relative) from the written figure is no likely slip.
MAX_DISTANCE = 0.25
# Averages across units (人均) are offered only when the text says so; as hints they mislead.
# A tuple in DEFAULT_OPS order, not a set: hints of equal distance keep one order from run to run.
_HINT_OPS = tuple(op for op in DEFAULT_OPS if op != "per")
_WRITTEN_UNIT = re.compile(r"^\D*?[\d.,]+\s*(?:多|余|来|左右)?\s*(.*)$")
_UNCOUNTED = ("term", "year", "date", "ordinal")


@dataclass(frozen=True)
class Hint:
    """One figure the writer may have meant.

    Attributes:
        figure: The figure as it would be written (``10.9%``, ``12所``).
        what: What it is, in words (``growth of 全年教育投入, 6.82 vs 6.15 亿元``, ``新建幼儿园``).
        distance: Relative distance from the written figure (0 = the same).
    """

    figure: str
    what: str
    distance: float

    def __str__(self) -> str:
        return f"{self.figure}: {self.what}"


def hints(mention: Mention, facts: Facts, count: int = 2) -> list[Hint]:
    """Return up to ``count`` figures of a compatible unit nearest to ``mention`` (facts and derived)."""
    if mention.value is None or mention.kind in _UNCOUNTED:
        return []
    sources = sources_for(facts)
    unit = unit_of(mention.unit) if mention.unit else None
    written = _written_unit(mention)
    found = _direct(mention.value, unit, sources) + _derived(mention.value, unit, written, sources)
    found = [h for h in found if h.distance <= MAX_DISTANCE and h.figure != mention.text]
    unique = {h.figure + h.what: h for h in sorted(found, key=lambda h: h.distance, reverse=True)}
    return sorted(unique.values(), key=lambda h: h.distance)[:count]


def _written_unit(mention: Mention) -> tuple[Unit | None, str]:
    """The unit as written, with its scale (万元 for 5000万元), to write suggestions the same way."""
    match = _WRITTEN_UNIT.match(mention.text)
    text = match.group(1).strip() if match else ""
    return (unit_of(text), text) if text else (None, "")


def _distance(a: float, b: float) -> float:
    return abs(a - b) / max(abs(a), abs(b), 1e-9)


def _direct(value: float, unit: Unit | None, sources: Sources) -> list[Hint]:
    out = []
    for source in sources.nearest(value, 8):
        if source.fact is None or source.kind not in ("value", "previous"):
            continue
        if not compatible(unit, source.unit) or _is_rate(unit) != _is_rate(source.unit):
            continue  # a rate is only ever another rate: 11.9% is no slip for 12所
        fact = source.fact
        number = fact.value if source.kind == "value" else fact.previous
        written = f"{_shown(number)}{fact.unit or ''}"
        what = fact.label if source.kind == "value" else f"{fact.label}, the year before"
        out.append(Hint(written, what, _distance(value, source.value)))
    return out


def _is_rate(unit: Unit | None) -> bool:
    return unit is not None and unit.dim in OPS_BY_DIM


def _derived(
    value: float, unit: Unit | None, written: tuple[Unit | None, str], sources: Sources
) -> list[Hint]:
    table = derived_table(sources, DEFAULT_TOLERANCE)
    ops = OPS_BY_DIM.get(unit.dim or "", _HINT_OPS) if unit is not None else _HINT_OPS
    by_id = {s.id: s for s in sources.items}
    out = []
    for op in ops:
        keys = table.keys.get(op, [])
        i = bisect.bisect_left(keys, value)
        for cand in table.items.get(op, [])[max(0, i - 2) : i + 2]:
            if cand.op == "multiple-1" or not compatible(unit, cand.unit):
                continue
            if op not in ops and cand.op not in ops:
                continue
            shown = _figure(cand, written[0] or unit, written[1])
            out.append(Hint(shown, _what(cand, by_id), _distance(value, cand.value)))
    return out


def _figure(cand: Candidate, unit: Unit | None, unit_text: str) -> str:
    shown = fmt_number(round(cand.value, 1 if cand.op in ("growth", "share", "points") else 2))
    if cand.op in ("growth", "share"):
        return f"{shown}%"
    if cand.op == "points":
        return f"{shown} 个百分点"
    if cand.op == "multiple":
        return f"{shown} 倍"
    if unit is not None and unit.factor:
        return f"{fmt_number(round(cand.value / unit.factor, 2))}{unit_text}"
    return shown


def _what(cand: Candidate, by_id: dict[str, Source]) -> str:
    """Say what the derived figure is, with the figures it comes from as the facts write them."""
    parts = [by_id.get(p) for p in cand.parts]
    labels = [_label(p, s) for p, s in zip(cand.parts, parts, strict=True)]
    first = parts[0]
    if cand.op in ("growth", "change", "points", "multiple") and first is not None and first.fact is not None:
        fact = first.fact
        word = {"growth": "growth", "change": "change", "points": "change", "multiple": "multiple"}[cand.op]
        return (
            f"{word} of {fact.label}, {_shown(fact.value)} vs {_shown(fact.previous)} "
            f"{fact.unit or ''}".rstrip()
        )
    word = {"share": "share", "sum": "sum", "difference": "difference", "mean": "mean", "per": "per"}[cand.op]
    joiner = {"share": " of ", "per": " per ", "difference": " minus "}.get(cand.op, " + ")
    return f"{word}: {joiner.join(labels)}"


def _label(part: str, source: Source | None) -> str:
    if source is None or source.fact is None:
        return part
    fact = source.fact
    return f"{fact.label} {_shown(fact.value)}{fact.unit or ''}"


def _shown(number: float | None) -> str:
    return "?" if number is None else fmt_number(number)
