"""Mention × sources → supported (with source ids), derived (with a formula) or unsupported (with why)."""

from __future__ import annotations

from dataclasses import replace

from drafter.numbers.derive import derive
from drafter.numbers.found import Found
from drafter.numbers.interval import INF, Interval, Tolerance, fmt_number, value_place
from drafter.numbers.sources import Source, Sources
from drafter.numbers.units import compatible, same_known, unit_key
from drafter.numbers.verdict import Reading, Verdict
from drafter.numbers.wording import approximations, figure_of
from drafter.numbers.zh_numerals import numerals

# Source kinds that are no quantity, and the kinds of a fact's own structured numbers.
NOT_QUANTITIES = frozenset({"year", "date", "time", "ordinal"})
STRUCTURED = frozenset({"value", "previous"})


def judge(
    found: Found, reading: Reading, sources: Sources, tol: Tolerance, subject: str | None = None
) -> Verdict:
    """Return the verdict on ``found``'s value given the facts' ``sources`` and what its words say.

    Args:
        found: The mention.
        reading: What the words around it say (cues, frame, the facts a change must be of).
        sources: The facts' sources.
        tol: Tolerances.
        subject: When given (a fact id or ``notes[i]``), only that subject's own numbers may state the
            figure: the judgement of a clause that speaks of it.
    """
    if found.kind == "term":
        return _term(found, sources)
    if found.kind == "year":
        return _year(found, sources)
    if found.kind == "date":
        return _date(found, sources)
    if found.kind == "time":
        return _time(found, sources)
    if found.kind == "ordinal":
        return _ordinal(found, sources)
    return _numeric(found, reading, sources, tol, subject)


def _term(found: Found, sources: Sources) -> Verdict:
    if found.term_source == "lexicon":
        return Verdict("supported", [], None, "a name in the built-in lexicon of terms")
    if found.term_source == "terms" or found.figure in sources.terms:
        return Verdict("supported", ["terms"], None, "listed in the facts' terms")
    figure = found.figure
    # A prefix of the name counts only with its whole numeral: 四进 for 四进社区, not "un" for under-5s
    # nor "12" for 128号.
    for size in range(len(figure), max(_numeral_end(figure) - 1, 1), -1):
        if figure[:size] in sources.text:
            return Verdict("supported", [], None, f"'{figure[:size]}' appears verbatim in the facts")
    return Verdict("unsupported", [], None, "term: not in the lexicon, the facts' terms or the facts' text")


def _numeral_end(figure: str) -> int:
    """Return where the first run of numerals in ``figure`` ends (0 when it has none)."""
    chars = numerals().chars
    start = next((i for i, ch in enumerate(figure) if ch.isdigit() or ch in chars), len(figure))
    end = start
    while end < len(figure) and (figure[end].isdigit() or figure[end] in chars):
        end += 1
    return end


def _year(found: Found, sources: Sources) -> Verdict:
    assert found.value is not None
    source = sources.years.get(found.value)
    if source is not None:
        return Verdict("supported", [source], None, f"year {fmt_number(found.value)} is stated by {source}")
    return Verdict(
        "unsupported", [], None, "year: not the report period, next period, date or a year in the facts' text"
    )


def _date(found: Found, sources: Sources) -> Verdict:
    assert found.value is not None and found.interval is not None
    if found.interval.high > found.interval.low:
        return _month_span(found.interval, sources)
    source = _date_source(found.value, sources)
    if source is not None:
        return Verdict("supported", [source], None, f"the date is stated by {source}")
    return Verdict("unsupported", [], None, "date: no such date in the facts")


def _date_source(code: float, sources: Sources) -> str | None:
    """Return the id of a date in the facts' text that states ``code`` (8月 is stated by 8月15日)."""
    for source in sources.items:
        if source.kind != "date":
            continue
        if source.value == code or (code % 100 == 0 and source.value // 100 == code // 100):
            return source.id
        if source.interval.low < source.interval.high and source.interval.contains(code):
            return source.id  # a month within a span of months in the facts (1—6月)
    return None


def _time(found: Found, sources: Sources) -> Verdict:
    for source in sources.items:
        if source.kind == "time" and source.value == found.value:
            return Verdict("supported", [source.id], None, f"the time is stated by {source.id}")
    return Verdict("unsupported", [], None, "time: no such time of day in the facts' text")


def _month_span(span: Interval, sources: Sources) -> Verdict:
    """1—6月: within the months of the report period (or next period), or both ends stated as dates."""
    first, last = int(span.low) // 100, int(span.high) // 100
    for source_id, (low, high) in sources.months.items():
        if low <= first and last <= high:
            return Verdict("supported", [source_id], None, f"months {first}–{last} lie within {source_id}")
    ends = [_date_source(span.low, sources), _date_source(span.high, sources)]
    if ends[0] is not None and ends[1] is not None:
        ids = list(dict.fromkeys(e for e in ends if e is not None))
        return Verdict("supported", ids, None, f"months {first} and {last} are stated by {', '.join(ids)}")
    return Verdict(
        "unsupported",
        [],
        None,
        f"date: months {first}–{last} are not within the report period nor in the facts",
    )


def _ordinal(found: Found, sources: Sources) -> Verdict:
    assert found.value is not None
    for source in sources.near(found.value, found.value):
        if source.kind == "ordinal" and compatible(found.unit, source.unit) and _text_unit_ok(found, source):
            return Verdict("supported", [source.id], None, f"the ordinal is stated by {source.id}")
        if source.kind == "value" and found.unit and unit_key(found.unit) == unit_key(source.unit):
            return Verdict("supported", [source.id], None, f"{source.id} counts {fmt_number(source.value)}")
    return Verdict("unsupported", [], None, "ordinal: no such ordinal in the facts")


def owner(source_id: str) -> str | None:
    """Return the fact (or ``notes[i]``) a source id belongs to: ``a.previous`` → ``a``; ``None`` for the
    report's own texts, topics and terms."""
    if source_id.startswith(("report.", "topic:")) or source_id == "terms":
        return None
    return source_id.partition(".")[0]


def _numeric(
    found: Found, reading: Reading, sources: Sources, tol: Tolerance, subject: str | None = None
) -> Verdict:
    assert found.interval is not None and found.value is not None
    interval = found.interval
    window = _window(found)
    clash: Source | None = None
    bare: Source | None = None
    fitting: list[Source] = []
    for source in sources.near(window.low, window.high, tol.relative):
        if source.kind in NOT_QUANTITIES or (subject is not None and owner(source.id) != subject):
            continue
        if not (_fits(interval, window, source, tol) or (source.figure and source.figure == found.figure)):
            continue
        # Another fact's word after the figure contradicts it, unless the clause clearly speaks of this fact
        # ("3,980 full-time learners aged 16 to 18" for students, when "adult learners" is another fact).
        taken = subject is None and sources.noun_taken(found.unit, source)
        if not compatible(found.unit, source.unit, noun_taken=taken):
            clash = clash or source
        elif _text_unit_ok(found, source):
            fitting.append(source)
        else:
            bare = bare or source
    if fitting:
        return _supported(found, fitting, tol)
    derived = derive(replace(found, interval=window) if window != interval else found, reading, sources, tol)
    if derived is not None:
        return derived
    if clash is not None:
        return Verdict(
            "unsupported",
            [],
            None,
            f"unit: {clash.id} has {fmt_number(clash.value)} {clash.unit.name if clash.unit else ''}"
            f" but the text says {found.unit.name if found.unit else 'no unit'}",
        )
    if bare is not None:
        return Verdict(
            "unsupported",
            [],
            None,
            f"unit: {bare.id} has {fmt_number(bare.value)} with no unit, which backs no figure with one",
        )
    return Verdict("unsupported", [], None, _unsupported_reason(found, window, sources))


def _text_unit_ok(found: Found, source: Source) -> bool:
    """A number in free text (a label, note, title, topic) backs a figure only on its own unit.

    Either the text gives the number a unit (compatible with the mention's, checked by the caller), or
    neither has one: "write 9999" in a label is no evidence for 9999场, while 学校126所 backs 126所.
    """
    if source.kind in STRUCTURED:
        return True
    return source.unit is not None or found.unit is None


def _supported(found: Found, fitting: list[Source], tol: Tolerance) -> Verdict:
    """Cite the best source first, then every other source that states the same figure."""
    fitting.sort(key=lambda s: _rank(found, s))
    best = fitting[0]
    same = [s.id for s in fitting if abs(s.value - best.value) <= tol.relative * max(1.0, abs(best.value))]
    return Verdict("supported", list(dict.fromkeys(same)), None, _support_reason(found, best))


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
    u of N to be taken as what the text speaks of (likewise 不到/以下 N needs a source from N − u on:
    不到320场 is backed by 310).
    """
    assert found.interval is not None and found.value is not None
    interval = found.interval
    u = value_place(found.value)
    if interval.high == INF:
        u = max(u, found.value - interval.low)  # 三分之一以上: [32.3, ∞) looks at 32.3 … 34.3
        return Interval(interval.low, found.value + u, interval.low_open, True)
    if found.approx in ("under", "at-most"):
        u = max(u, interval.high - found.value)
        return Interval(max(0.0, found.value - u), interval.high, False, interval.high_open)
    return interval


def _support_reason(found: Found, source: Source) -> str:
    assert found.interval is not None
    unit = f" {source.unit.name}" if source.unit else ""
    if found.interval.low == found.interval.high:
        return f"{source.id} = {fmt_number(source.value)}{unit}"
    return f"{fmt_number(source.value)}{unit} lies in {found.interval.describe()}"


def _unsupported_reason(found: Found, window: Interval, sources: Sources) -> str:
    """Say what is wrong in a clerk's words: a dropped approximation, or no fact with the figure (and the
    nearest facts of the same unit)."""
    assert found.interval is not None and found.value is not None
    dropped = _dropped_approximation(found, sources)
    if dropped:
        return dropped
    unit = f" {found.unit.name}" if found.unit else ""
    if found.interval.low == found.interval.high:
        stated = f"{fmt_number(found.value)}{unit}"
    else:
        stated = f"a figure in {found.interval.describe()}{unit}"
        if window != found.interval:
            whole = found.interval.describe()
            stated = f"a figure in {window.describe()}{unit}, the part of {whole} near its bound"
    near = [
        s for s in sources.nearest(found.value, 8) if s.kind == "value" and compatible(found.unit, s.unit)
    ]
    near = [s for s in near if same_known(found.unit, s.unit)] or near
    if not near:
        return f"no fact has {stated}"
    shown = ", ".join(f"{s.id} = {fmt_number(s.value)}{_unit_name(s)}" for s in near[:2])
    return f"no fact has {stated} (nearest of its unit: {shown})"


def _unit_name(source: Source) -> str:
    return f" {source.unit.name}" if source.unit else ""


def _dropped_approximation(found: Found, sources: Sources) -> str:
    """6800 for a fact of 6800多: the facts say more than 6800; the draft states exactly 6800."""
    assert found.value is not None
    if found.approx != "exact":
        return ""
    for source in sources.near(found.value, found.value, 1e-9):
        fact = source.fact
        if (
            source.kind != "value"
            or fact is None
            or fact.approx == "exact"
            or not compatible(found.unit, source.unit)
        ):
            continue
        language = sources.language
        ways = approximations(fact, language)
        said = figure_of(fact, language)
        number = fmt_number(fact.value)
        if language == "en":
            return (
                f"the facts say {said} ({fact.id}); the draft states exactly {number} — write "
                + " or ".join(ways)
            )
        return f"the facts say {said}（{fact.id}）; the draft states exactly {number} — write " + " or ".join(
            ways
        )
    return ""
