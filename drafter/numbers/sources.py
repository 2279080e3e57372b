"""Every number the facts offer, each with its source id, unit and the interval it stands for.

Source ids: a fact's id for its value, ``<id>.previous`` for its previous value, ``<id>.label`` and
``<id>.note`` for numbers inside those texts, ``notes[i]`` for note i, ``topic:<name>`` for a topic's
name (facts' and notes' ``topic``), ``report.title``, ``report.organization``, ``report.period``,
``report.next_period``, ``report.date``, ``report.signatory``, ``report.document_number``,
``report.recipients`` and ``terms``. A number in any of these texts backs a figure only
on its own unit (or when neither has a unit): see ``match._text_unit_ok``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from drafter.cjk import CJK
from drafter.facts.models import Fact, Facts
from drafter.numbers.extract import extract
from drafter.numbers.extract_en import first_noun
from drafter.numbers.found import Found
from drafter.numbers.interval import Interval, Tolerance, fact_interval
from drafter.numbers.units import RATES, Unit, fact_unit, singular
from drafter.resources import load_yaml

DATA = "drafter.numbers.data"
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")


@dataclass(frozen=True, slots=True)
class Source:
    """One number offered by the facts.

    Attributes:
        id: The source id (see module docstring).
        value: The number in its unit's base (6.82 亿元 → 682000000).
        interval: What it stands for (a fact's own approx; a figure's stated precision in text).
        unit: Its unit, if any.
        kind: The mention kind for numbers in text (quantity, year, ordinal, …); ``value``/``previous``
            for a fact's structured numbers.
        figure: The figure as written (text sources), to accept the same figure verbatim.
        fact: The fact it belongs to, if any.
    """

    id: str
    value: float
    interval: Interval
    unit: Unit | None
    kind: str
    figure: str = ""
    fact: Fact | None = None


@dataclass
class Sources:
    """All sources of a facts file, indexed by value for fast lookup."""

    items: list[Source]
    text: str
    terms: tuple[str, ...]
    years: dict[float, str] = field(default_factory=dict)
    months: dict[str, tuple[int, int]] = field(default_factory=dict)
    previous_year: float | None = None
    language: str = "zh"
    nouns: dict[str, frozenset[str]] = field(default_factory=dict)  # English noun → facts naming it
    cache: dict[Any, Any] = field(default_factory=dict)
    _values: list[float] = field(default_factory=list)
    _order: list[Source] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._order = sorted(
            (s for s in self.items if s.kind not in ("year", "date", "time", "term")), key=lambda s: s.value
        )
        self._values = [s.value for s in self._order]

    def near(self, low: float, high: float, slack: float = 1e-9) -> Iterator[Source]:
        """Yield the numeric sources whose value lies in [low, high] (with relative slack)."""
        lo = low - slack * max(1.0, abs(low))
        hi = high + slack * max(1.0, abs(high))
        i = bisect.bisect_left(self._values, lo)
        while i < len(self._values) and self._values[i] <= hi:
            yield self._order[i]
            i += 1

    def noun_taken(self, unit: Unit | None, source: Source) -> bool:
        """Whether ``unit`` is an English noun that another fact than ``source``'s has as unit or label word
        (1.1 million books for loans, when the collection of books is a fact of its own). A noun that
        ``source``'s own fact names too is no contradiction (340 housebound readers for a fact of people
        labelled "housebound readers", when a target of readers is another fact)."""
        if unit is None or not unit.english:
            return False
        owners = self.nouns.get(unit.name.lower(), frozenset())
        own = source.fact.id if source.fact is not None else source.id.split(".")[0]
        return own not in owners and bool(owners - {own})

    def nearest(self, value: float, count: int = 3) -> list[Source]:
        """Return up to ``count`` numeric sources closest to ``value`` (relative distance)."""
        i = bisect.bisect_left(self._values, value)
        window = self._order[max(0, i - count) : i + count]
        return sorted(window, key=lambda s: abs(s.value - value) / max(abs(value), 1e-9))[:count]


def build_sources(facts: Facts, tol: Tolerance) -> Sources:
    """Return every number the facts offer (values, previous values, numbers in text, periods)."""
    items: list[Source] = []
    for fact in facts.facts:
        items.extend(_fact_sources(fact, tol))
    texts = list(_texts(facts))
    terms = tuple(facts.terms)
    for source_id, text in texts:
        for found in extract(text, terms, tol):
            if found.value is not None and found.interval is not None:
                items.append(_text_source(source_id, found))
    sources = Sources(items=items, text="\n".join(t for _, t in texts), terms=terms)
    sources.language = facts.report.language
    sources.years = _years(facts, items)
    sources.months = _period_months(facts, items)
    sources.previous_year = _previous_year(facts, items)
    sources.nouns = _nouns(facts)
    return sources


def _nouns(facts: Facts) -> dict[str, frozenset[str]]:
    """Return each English word of the facts' units and labels (singular) with the facts that use it."""
    owners: dict[str, set[str]] = {}
    for fact in facts.facts:
        for word in _EN_WORD.findall(f"{fact.label} {fact.unit or ''}"):
            owners.setdefault(singular(word), set()).add(fact.id)
    return {word: frozenset(ids) for word, ids in owners.items()}


def _fact_sources(fact: Fact, tol: Tolerance) -> list[Source]:
    unit = fact_unit(fact.unit) if fact.unit else label_unit(fact.label)
    factor = unit.factor if unit else 1.0
    capped = None if unit is not None and unit.dim in RATES else tol
    base = Unit(unit.name, unit.dim, 1.0) if unit and unit.name else None
    out = [
        Source(
            fact.id,
            fact.value * factor,
            fact_interval(fact.value, fact.approx, capped).scaled(factor),
            base,
            "value",
            fact=fact,
        )
    ]
    if fact.previous is not None:
        out.append(
            Source(
                f"{fact.id}.previous",
                fact.previous * factor,
                Interval.point(fact.previous * factor),
                base,
                "previous",
                fact=fact,
            )
        )
    return out


def label_unit(label: str) -> Unit | None:
    """Return the unit an English label starts with ("loans of books" → loan), if the lexicon knows it.

    English facts often leave ``unit`` empty because the label names what is counted; only a head noun
    known to the unit lexicon is taken, so "attendance at events" gives no unit.
    """
    if CJK.search(label):
        return None
    unit, _ = first_noun(" " + label, 0)
    return unit if unit is not None and unit.dim not in (None, "*") else None


def _text_source(source_id: str, found: Found) -> Source:
    assert found.value is not None and found.interval is not None
    return Source(source_id, found.value, found.interval, found.unit, found.kind, found.figure)


def _texts(facts: Facts) -> Iterator[tuple[str, str]]:
    report = facts.report
    yield "report.title", report.title
    yield "report.organization", report.organization
    for name in ("signatory", "document_number", "recipients"):
        if getattr(report, name):
            yield f"report.{name}", getattr(report, name)
    yield "report.period", report.period
    if report.next_period:
        yield "report.next_period", report.next_period
    if report.date:
        yield "report.date", f"{report.date.year}年{report.date.month}月{report.date.day}日"
    for term in facts.terms:
        yield "terms", term
    for fact in facts.facts:
        yield f"{fact.id}.label", fact.label
        if fact.note:
            yield f"{fact.id}.note", fact.note
    for i, note in enumerate(facts.notes):
        yield f"notes[{i}]", note.text
    # A topic is rendered as a sub-heading (### （一）2025年重点项目): its own numbers are sources too.
    topics = [f.topic for f in facts.facts] + [n.topic for n in facts.notes]
    for topic in dict.fromkeys(t for t in topics if t):
        yield f"topic:{topic}", topic


def _years(facts: Facts, items: list[Source]) -> dict[float, str]:
    """Return the years the facts support, each with the id of its first source."""
    years: dict[float, str] = {}
    for source in items:
        if source.kind == "year" or (
            source.kind not in ("date", "time")
            and source.id.startswith("report.")
            and 1900 <= source.value <= 2100
            and float(source.value).is_integer()
        ):
            years.setdefault(source.value, source.id)
    return years


def _previous_year(facts: Facts, items: list[Source]) -> float | None:
    """The year before the period, which previous values belong to (比2024年增长), if any fact has one."""
    period_years = [s.value for s in items if s.id == "report.period" and s.kind == "year"]
    if period_years and any(f.previous is not None for f in facts.facts):
        return min(period_years) - 1
    return None


def _period_months(facts: Facts, items: list[Source]) -> dict[str, tuple[int, int]]:
    """Return the months (first, last) that the report period and next period cover."""
    parts = load_yaml(DATA, "periods.yaml")["parts"]
    words = sorted(parts, key=len, reverse=True)
    months: dict[str, tuple[int, int]] = {}
    for source_id, text in (
        ("report.period", facts.report.period),
        ("report.next_period", facts.report.next_period),
    ):
        own = [s for s in items if s.id == source_id]
        named = next((parts[w] for w in words if w.lower() in (text or "").lower()), None)
        spans = [s.interval for s in own if s.kind == "date" and s.interval.high > s.interval.low]
        if named is not None:
            months[source_id] = (named[0], named[1])
        elif spans:
            months[source_id] = (int(spans[0].low) // 100, int(spans[0].high) // 100)
        elif any(s.kind not in ("date", "time") and 1900 <= s.value <= 2100 for s in own):
            months[source_id] = (1, 12)  # a whole year
    return months
