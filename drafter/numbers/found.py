"""What the extractors find: a number mention before it is matched against the sources."""

from __future__ import annotations

from typing import NamedTuple

from drafter.numbers.interval import Interval, Tolerance
from drafter.numbers.units import Unit

MONEY_DIMS = frozenset({"cny", "usd", "gbp", "eur"})
# Counts and sums of money: a round figure of these is capped to ±10 % (±20 % with 约), rates are not.
CAPPED_KINDS = frozenset({"quantity", "money"})


class Found(NamedTuple):
    """One number mention as extracted (immutable: later stages add what they read beside it, never on it).

    A named tuple rather than a frozen dataclass: the extractors make one per figure, and a tuple is built
    several times faster than a frozen dataclass, whose ``__init__`` sets each field through
    ``object.__setattr__``.

    Attributes:
        start: Offset of the mention (approximation words and unit included).
        end: End offset, exclusive.
        kind: quantity, percent, money, year, date, ordinal, range or term; or ``time`` (9:30, 9am), a
            time of day, reported as a ``date`` mention (see :func:`mention_kind`).
        value: The stated figure in the unit's base (12000 for 1.2万人), ``None`` for a term.
        interval: What the figure stands for, in the same base.
        unit: The unit (normalised), if any.
        approx: exact, more-than, about, nearly, at-least, at-most or under.
        figure: The figure as written without approximation words (``5000多元`` → ``5000元``), used to find
            the same figure verbatim in the sources.
        term_source: For terms, ``lexicon`` or ``terms`` when known; ``None`` for a candidate that must
            appear verbatim in the facts' text.
    """

    start: int
    end: int
    kind: str
    value: float | None
    interval: Interval | None
    unit: Unit | None = None
    approx: str = "exact"
    figure: str = ""
    term_source: str | None = None


def mention_kind(kind: str) -> str:
    """Return the kind a mention is reported as: a time of day is a ``date``."""
    return "date" if kind == "time" else kind


def classify(
    kind: str, unit: Unit | None, value: float, u: float, rounded: bool, approx: str, tol: Tolerance
) -> tuple[str, float, bool]:
    """Return (kind, u, rounded) of a figure given its unit.

    A percentage or percentage-point figure is a computed rate, so an integer one stands for what
    rounds to it (12% is [11.5, 12.5)); 100% stated exactly stays exact. Money units make ``money``.
    """
    if unit is None or kind == "ordinal":
        return kind, u, rounded
    if unit.dim in ("percent", "points"):
        # 超过30个百分点 is (30, 40) like 超过30%: an approximate figure keeps its own place value.
        hundred = value == 100 and approx == "exact" and unit.dim == "percent"
        if not rounded and u >= 1 and not hundred:
            return "percent", (tol.percent_unit if approx == "exact" else u), True
        return "percent", u, rounded or unit.dim == "points"
    if unit.dim in MONEY_DIMS:
        return "money", u, rounded
    return kind, u, rounded
