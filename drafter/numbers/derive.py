"""Derived figures: sums, differences, shares, growth, multiples and averages of the facts.

A derived figure is accepted when it falls within the stated figure's interval. The candidates are
computed once per facts file and kept sorted by value, so checking a mention is a binary search. The
search is bounded: pairs within a topic or a section (sections of at most ``Tolerance.max_group`` facts),
sums of three facts within a small topic (``Tolerance.max_trio_group``), growth and change from ``previous``.
Only exact facts are combined: an approximate one (近400人) makes no exact total.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations

from drafter.numbers.found import Found
from drafter.numbers.interval import Interval, Tolerance, fmt_number
from drafter.numbers.sources import Source, Sources
from drafter.numbers.units import Unit, compatible, same_known, unit_key
from drafter.numbers.verdict import Reading, Verdict

# Which operations may explain a mention, by the dimension of the mention's unit.
OPS_BY_DIM = {"percent": ("growth", "share"), "points": ("points",), "multiple": ("multiple",)}
DEFAULT_OPS = ("change", "sum", "difference", "mean", "per")
# An approximate figure (5000多, 约300) is too wide to be taken as a sum or difference of unrelated facts.
EXACT_ONLY = frozenset({"change", "sum", "difference", "mean", "per"})
CUE_OF = {"sum": "sum", "difference": "difference", "change": "difference", "mean": "mean", "per": "mean"}
# A bound (至少, 不到, at least) is no evidence of a rate either.
BOUNDED_SKIP = frozenset({"growth", "share", "points", "multiple"})
BOUNDS = frozenset({"at-least", "at-most", "under"})
_RATES = ("percent", "points", "multiple")
# Operations whose sign says whether the figure rose or fell.
SIGNED = frozenset({"growth", "points", "change"})
CHANGES = frozenset({"growth", "points", "change", "multiple"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One derived value: the operation, the facts it is computed from, and its unit (if a quantity)."""

    value: float
    op: str
    parts: tuple[str, ...]
    unit: Unit | None

    def formula(self) -> str:
        """Return the formula naming the facts: ``(a - a.previous) / a.previous = 27.7%``."""
        a = self.parts[0]
        b = self.parts[1] if len(self.parts) > 1 else ""
        shown = fmt_number(round(self.value, 4))
        text = {
            "growth": f"({a} - {b}) / {b} = {shown}%",
            "points": f"{a} - {b} = {shown} 个百分点",
            "change": f"{a} - {b} = {shown}",
            "share": f"{a} / {b} = {shown}%",
            "multiple": f"{a} / {b} = {shown}",
            "multiple-1": f"{a} / {b} - 1 = {shown}",
            "difference": f"{a} - {b} = {shown}",
            "per": f"{a} / {b} = {shown}",
            "sum": " + ".join(self.parts) + f" = {shown}",
            "mean": "mean(" + ", ".join(self.parts) + f") = {shown}",
        }
        return text[self.op]


@dataclass
class DerivedTable:
    """Derived candidates per operation, sorted by value."""

    keys: dict[str, list[float]] = field(default_factory=dict)
    items: dict[str, list[Candidate]] = field(default_factory=dict)

    def add_all(self, candidates: list[Candidate]) -> None:
        """Index ``candidates`` by operation and value."""
        by_op: dict[str, list[Candidate]] = {}
        for cand in candidates:
            by_op.setdefault(cand.op.removesuffix("-1"), []).append(cand)
        for op, cands in by_op.items():
            cands.sort(key=lambda c: c.value)
            self.items[op] = cands
            self.keys[op] = [c.value for c in cands]

    def between(self, op: str, low: float, high: float) -> list[Candidate]:
        """Return the candidates of ``op`` whose value lies in [low, high]."""
        keys = self.keys.get(op, [])
        eps = 1e-9 * max(1.0, abs(low), abs(high) if high != float("inf") else 1.0)
        return self.items.get(op, [])[
            bisect.bisect_left(keys, low - eps) : bisect.bisect_right(keys, high + eps)
        ]


def derive(found: Found, reading: Reading, sources: Sources, tol: Tolerance) -> Verdict | None:
    """Return a ``derived`` verdict when ``found`` is computed from facts, else ``None`` (memoised).

    Args:
        found: The mention (its interval may be widened to the window of a bound by the caller).
        reading: What the words around it say: cues, frame, and the facts it must be computed from.
        sources: The facts' sources.
        tol: Tolerances.
    """
    interval = found.interval
    assert interval is not None
    if found.kind == "range":
        return None  # 10—20人 states a span, not a total or an average of facts
    key = ("derive", found.unit, interval, found.approx, reading)
    if key not in sources.cache:
        sources.cache[key] = _derive(found, reading, interval, derived_table(sources, tol), tol)
    return sources.cache[key]  # type: ignore[no-any-return]


def cues_wanted(found: Found, sources: Sources, tol: Tolerance) -> frozenset[str]:
    """Return the cue kinds that would let ``found`` be derived (some candidate of that kind fits it).

    The checker reads the words around a mention only when this is not empty, which keeps it fast.
    """
    interval = found.interval
    if interval is None or found.approx != "exact" or (found.unit and found.unit.dim in OPS_BY_DIM):
        return frozenset()
    unit = found.unit
    key = (
        "cues",
        None if unit is None else (unit.name, unit.dim, unit.factor),
        (interval.low, interval.high, interval.low_open, interval.high_open),  # tuples hash in C
    )
    wanted: frozenset[str] | None = sources.cache.get(key)
    if wanted is None:
        table = derived_table(sources, tol)
        wanted = sources.cache[key] = frozenset(
            CUE_OF[op]
            for op in DEFAULT_OPS
            if any(
                interval.contains(abs(c.value), tol.relative) and compatible(found.unit, c.unit)
                for c in _lookup(table, op, interval)
            )
        )
    return wanted


def _derive(
    found: Found, reading: Reading, interval: Interval, table: DerivedTable, tol: Tolerance
) -> Verdict | None:
    dim = found.unit.dim if found.unit else None
    for op in OPS_BY_DIM.get(dim or "", DEFAULT_OPS):
        if not _op_fits(found, reading, op):
            continue
        for cand in _lookup(table, op, interval):
            if not _as_written(found, reading, op, cand):
                continue
            if interval.contains(abs(cand.value), tol.relative) and compatible(found.unit, cand.unit):
                reason = f"{fmt_number(round(abs(cand.value), 6))} lies in {interval.describe()}"
                return Verdict("derived", list(dict.fromkeys(_ids(cand))), cand.formula(), reason, op)
    return None


def _op_fits(found: Found, reading: Reading, op: str) -> bool:
    """Whether operation ``op`` may explain ``found`` at all, given its approximation, cues and frame."""
    if (op in EXACT_ONLY and found.approx != "exact") or (op in BOUNDED_SKIP and found.approx in BOUNDS):
        return False
    if op in CUE_OF and CUE_OF[op] not in reading.cues:
        return False  # a total, difference or average must be announced (共, 增加, 平均, total, per)
    # 增长12% is a change, not a share of two facts; 占四分之一 is a share, not a growth rate
    return not (reading.frame in ("rise", "fall") and op == "share") and not (
        reading.frame == "share" and op in CHANGES
    )


def _as_written(found: Found, reading: Reading, op: str, cand: Candidate) -> bool:
    """Whether ``cand`` is what the words around ``found`` say: its unit, direction and fact."""
    if op == "per" and not same_known(found.unit, cand.unit):
        return False
    if reading.frame in ("rise", "fall") and op in SIGNED and (cand.value > 0) != (reading.frame == "rise"):
        return False  # 同比下降7.6% is no rise of 7.6%
    if reading.anchors and op in CHANGES and cand.parts[0] not in reading.anchors:
        return False  # 门急诊486320人次，同比增长7.6%: the growth of the fact behind the figure before it
    # 门诊量占全院的62%: a share (or total) in a clause about outpatients is computed with outpatients
    return reading.claimed is None or op in CHANGES or reading.claimed in cand.parts


def _lookup(table: DerivedTable, op: str, interval: Interval) -> Iterator[Candidate]:
    high = interval.high if interval.high != float("inf") else max(abs(interval.low) * 1e3, 1e12)
    yield from table.between(op, interval.low, high)
    if op in ("growth", "points", "change"):
        yield from table.between(op, -high, -interval.low)  # 下降5%: a fall stated as a positive figure


def _ids(cand: Candidate) -> list[str]:
    return list(cand.parts)


def derived_table(sources: Sources, tol: Tolerance) -> DerivedTable:
    """Return (and cache on ``sources``) the table of derived candidates of the facts."""
    table = sources.cache.get("derived")
    if table is None:
        table = DerivedTable()
        values = [s for s in sources.items if s.kind == "value"]
        table.add_all([*_from_previous(values), *_from_groups(values, tol)])
        sources.cache["derived"] = table
    return table


def _from_previous(values: list[Source]) -> Iterator[Candidate]:
    for s in values:
        fact = s.fact
        if fact is None or fact.previous is None:
            continue
        prev = s.value / fact.value * fact.previous if fact.value else float(fact.previous)
        ids = (s.id, f"{s.id}.previous")
        if s.unit is not None and s.unit.dim == "percent":
            yield Candidate(s.value - prev, "points", ids, None)
        yield Candidate(s.value - prev, "change", ids, s.unit)
        if prev:
            yield Candidate((s.value - prev) / prev * 100, "growth", ids, None)
            yield Candidate(s.value / prev, "multiple", ids, None)
            yield Candidate(s.value / prev - 1, "multiple-1", ids, None)


def _groups(values: list[Source], tol: Tolerance) -> list[list[Source]]:
    """Facts grouped by topic, then by section (sections larger than ``max_group`` are left out)."""
    by_topic: dict[tuple[str | None, str | None], list[Source]] = {}
    by_section: dict[str | None, list[Source]] = {}
    for s in values:
        fact = s.fact
        assert fact is not None
        if fact.approx != "exact":
            continue  # 近400人 + 236人 is no exact total of 636
        by_topic.setdefault((fact.section, fact.topic), []).append(s)
        by_section.setdefault(fact.section, []).append(s)
    groups = [g for g in by_topic.values() if 1 < len(g) <= tol.max_group]
    return groups + [g for g in by_section.values() if 1 < len(g) <= tol.max_group]


def _from_groups(values: list[Source], tol: Tolerance) -> Iterator[Candidate]:
    seen: set[tuple[str, ...]] = set()
    for group in _groups(values, tol):
        by_unit: dict[str | None, list[Source]] = {}
        for s in group:
            by_unit.setdefault(unit_key(s.unit), []).append(s)
        for members in by_unit.values():
            yield from _same_unit(members, seen)
        yield from _per(group, seen)
    for members in _topic_units(values):
        if len(members) >= 3 and tol.max_sum_terms >= 3 and len(members) <= tol.max_trio_group:
            for trio in combinations(members, 3):
                yield Candidate(sum(s.value for s in trio), "sum", tuple(s.id for s in trio), trio[0].unit)


def _topic_units(values: list[Source]) -> Iterator[list[Source]]:
    groups: dict[tuple[str | None, str | None, str | None], list[Source]] = {}
    for s in values:
        assert s.fact is not None
        if s.fact.approx != "exact":
            continue
        groups.setdefault((s.fact.section, s.fact.topic, unit_key(s.unit)), []).append(s)
    yield from groups.values()


def _same_unit(members: list[Source], seen: set[tuple[str, ...]]) -> Iterator[Candidate]:
    """Pairs of facts with one unit: sum, difference, share, multiple; and the mean of all."""
    if len(members) > 1:
        # "mean" keeps the key of a two-fact group apart from that pair's own (else 收支结余 goes unseen)
        key = ("mean", *sorted(s.id for s in members))
        if key not in seen:
            seen.add(key)
            mean = sum(s.value for s in members) / len(members)
            yield Candidate(mean, "mean", tuple(s.id for s in members), members[0].unit)
    for a, b in combinations(members, 2):
        big, small = (a, b) if a.value >= b.value else (b, a)
        pair = (big.id, small.id)
        if pair in seen:
            continue
        seen.add(pair)
        yield Candidate(big.value + small.value, "sum", pair, big.unit)
        if big.unit is not None and big.unit.dim in _RATES:
            continue
        yield Candidate(big.value - small.value, "difference", pair, big.unit)
        if big.value > 0:
            yield Candidate(small.value / big.value * 100, "share", (small.id, big.id), None)
        if small.value > 0:
            yield Candidate(big.value / small.value, "multiple", pair, None)


def _per(group: list[Source], seen: set[tuple[str, ...]]) -> Iterator[Candidate]:
    """Averages across units: a total divided by a count of another known dimension (人均)."""
    for total in group:
        for count in group:
            if total is count or not total.unit or not count.unit or count.value <= 0:
                continue
            if total.unit.dim in (None, "*", count.unit.dim, *_RATES) or count.unit.dim in (
                None,
                "*",
                *_RATES,
            ):
                continue
            key = ("per", total.id, count.id)
            if key not in seen:
                seen.add(key)
                yield Candidate(total.value / count.value, "per", (total.id, count.id), total.unit)
