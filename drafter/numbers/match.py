"""Mention × sources → supported (with source ids), derived (with a formula) or unsupported (with why)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from drafter.numbers.derive import derive
from drafter.numbers.found import Found
from drafter.numbers.interval import INF, Interval, Tolerance, fmt_number, value_place
from drafter.numbers.sources import Source, Sources
from drafter.numbers.units import compatible, same_known, unit_key


@dataclass(frozen=True)
class Verdict:
    """What the checker concluded about one mention."""

    status: str
    sources: list[str] = field(default_factory=list)
    formula: str | None = None
    reason: str = ""


def judge(found: Found, sources: Sources, tol: Tolerance) -> Verdict:
    """Return the verdict on ``found`` given the facts' ``sources``."""
    if found.kind == "term":
        return _term(found, sources)
    if found.kind == "year":
        return _year(found, sources)
    if found.kind == "date":
        return _date(found, sources)
    if found.kind == "ordinal":
        return _ordinal(found, sources)
    return _numeric(found, sources, tol)


def _term(found: Found, sources: Sources) -> Verdict:
    if found.term_source == "lexicon":
        return Verdict("supported", [], None, "a name in the built-in lexicon of terms")
    if found.term_source == "terms" or found.figure in sources.terms:
        return Verdict("supported", ["terms"], None, "listed in the facts' terms")
    figure = found.figure
    for size in range(len(figure), 1, -1):
        if figure[:size] in sources.text:
            return Verdict("supported", [], None, f"'{figure[:size]}' appears verbatim in the facts")
    return Verdict("unsupported", [], None, "term: not in the lexicon, the facts' terms or the facts' text")


def _year(found: Found, sources: Sources) -> Verdict:
    assert found.value is not None
    source = sources.years.get(found.value)
    if source is not None:
        return Verdict("supported", [source], None, f"year {fmt_number(found.value)} is stated by {source}")
    return Verdict(
        "unsupported", [], None, "year: not the report period, next period, date or a year in the facts' text"
    )


def _date(found: Found, sources: Sources) -> Verdict:
    assert found.value is not None
    code = found.value
    for source in sources.items:
        if source.kind != "date":
            continue
        if source.value == code or (code % 100 == 0 and source.value // 100 == code // 100):
            return Verdict("supported", [source.id], None, f"the date is stated by {source.id}")
    return Verdict("unsupported", [], None, "date: no such date in the facts")


def _ordinal(found: Found, sources: Sources) -> Verdict:
    assert found.value is not None
    for source in sources.near(found.value, found.value):
        if source.kind == "ordinal" and compatible(found.unit, source.unit):
            return Verdict("supported", [source.id], None, f"the ordinal is stated by {source.id}")
        if source.kind == "value" and found.unit and unit_key(found.unit) == unit_key(source.unit):
            return Verdict("supported", [source.id], None, f"{source.id} counts {fmt_number(source.value)}")
    return Verdict("unsupported", [], None, "ordinal: no such ordinal in the facts")


def _numeric(found: Found, sources: Sources, tol: Tolerance) -> Verdict:
    assert found.interval is not None and found.value is not None
    interval = found.interval
    window = _window(found)
    clash: Source | None = None
    best: Source | None = None
    for source in sources.near(window.low, window.high, tol.relative):
        if source.kind in ("year", "date", "ordinal"):
            continue
        if not (_fits(interval, window, source, tol) or (source.figure and source.figure == found.figure)):
            continue
        if not compatible(found.unit, source.unit):
            clash = clash or source
        elif best is None or _rank(found, source) < _rank(found, best):
            best = source
    if best is not None:
        return Verdict("supported", [best.id], None, _support_reason(found, best))
    derived = derive(replace(found, interval=window) if window != interval else found, sources, tol)
    if derived is not None:
        return derived
    if clash is not None:
        return Verdict(
            "unsupported",
            [clash.id],
            None,
            f"unit: {clash.id} has {fmt_number(clash.value)} {clash.unit.name if clash.unit else ''}"
            f" but the text says {found.unit.name if found.unit else 'no unit'}",
        )
    return Verdict("unsupported", [], None, _unsupported_reason(found, sources))


def _rank(found: Found, source: Source) -> tuple[bool, bool, float]:
    """Order candidate sources: the same figure as written, then the same known unit, then the nearest."""
    assert found.value is not None
    return (
        source.figure != found.figure,
        not same_known(found.unit, source.unit),
        abs(source.value - found.value),
    )


def _fits(interval: Interval, window: Interval, source: Source, tol: Tolerance) -> bool:
    if not interval.covers(source.interval, tol.relative):
        return False
    return window is interval or window.contains(source.value, tol.relative) or source.interval == interval


def _window(found: Found) -> Interval:
    """The values that may support a bounded claim: 5000人以上 is backed by 5000 … 5999, not by 80000.

    The reported interval of 至少/以上/at least N stays [N, ∞); a source must lie within one place value
    u of N to be taken as what the text speaks of (likewise 不到/以下 N needs a source above N − u).
    """
    assert found.interval is not None and found.value is not None
    interval = found.interval
    u = value_place(found.value)
    if interval.high == INF:
        return Interval(interval.low, found.value + u, interval.low_open, True)
    if found.approx in ("under", "at-most"):
        return Interval(max(0.0, found.value - u), interval.high, True, interval.high_open)
    return interval


def _support_reason(found: Found, source: Source) -> str:
    assert found.interval is not None
    unit = f" {source.unit.name}" if source.unit else ""
    if found.interval.low == found.interval.high:
        return f"{source.id} = {fmt_number(source.value)}{unit}"
    return f"{fmt_number(source.value)}{unit} lies in {found.interval.describe()}"


def _unsupported_reason(found: Found, sources: Sources) -> str:
    assert found.interval is not None and found.value is not None
    near = sources.nearest(found.value, 1)
    described = found.interval.describe()
    if not near:
        return f"no source value in {described}"
    nearest = near[0]
    return f"no source value in {described} (nearest: {nearest.id} = {fmt_number(nearest.value)})"
