"""Stated precision and approximation words → the interval a figure stands for.

Let u be the place value of the figure's last significant digit (5000 → 1000, 1.4 → 0.1, 42000 → 1000).
  exact, plain integer      [N, N]
  exact, rounded figure     [N − u/2, N + u/2)    (decimals, a scale word: 1.3 million, 1.2万, 27.7%)
                            but at most ±10 % of N for a count or money (1万 is [9000, 11000], not ±50 %)
  more-than (多 余 over)     (N, N + u)
  nearly (近 nearly)         [N − u/2, N)          with two or more significant digits (nearly 2.4 million)
                            [0.9 N, N)            with one (近万, nearly 2 million)
  about (约 左右 about)      [N − u/2, N + u/2)    but at most ±20 % of N for a count or money
  at-least (至少 以上)       [N, ∞)
  at-most (以下 up to)       [0, N]
  under (不到 fewer than)    [0, N)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

INF = math.inf
APPROX_KINDS = ("exact", "more-than", "about", "nearly", "at-least", "at-most", "under")


@dataclass(frozen=True, slots=True)
class Tolerance:
    """Configurable tolerances of the checker.

    Attributes:
        relative: Relative slack when comparing floats (rounding noise only).
        percent_unit: Place value of an integer percentage (12% stands for [11.5, 12.5)).
        fraction_points: Half-width, in percentage points, of a fraction (三分之一 ≈ 33.3 ± 1).
        max_sum_terms: Most facts summed when looking for a derived total.
        max_group: Largest group (section or topic) in which pairs of facts are combined.
        max_trio_group: Largest group (section and topic) in which sums of three facts are searched: with
            more facts, three-term sums cover almost every figure and explain nothing.
        round_relative: Widest relative half-width of a bare round count or sum of money (1万, 2亿).
        about_relative: Widest relative half-width of a count or sum with 约, 左右 or about.
    """

    relative: float = 1e-9
    percent_unit: float = 1.0
    fraction_points: float = 1.0
    max_sum_terms: int = 3
    max_group: int = 60
    max_trio_group: int = 12
    round_relative: float = 0.10
    about_relative: float = 0.20


DEFAULT_TOLERANCE = Tolerance()


class Interval(NamedTuple):
    """A real interval with open or closed ends (``high`` may be infinite).

    A named tuple (immutable, built fast: every figure gets one) that hashes and compares in C.
    """

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    @classmethod
    def point(cls, value: float) -> Interval:
        """Return the degenerate interval [value, value]."""
        return cls(value, value)

    def contains(self, x: float, rel: float = 1e-9) -> bool:
        """Return True when ``x`` lies in the interval (with relative float slack ``rel``)."""
        eps = rel * max(1.0, abs(x))
        above = x > self.low + eps if self.low_open else x >= self.low - eps
        below = x < self.high - eps if self.high_open else x <= self.high + eps
        return above and below

    def covers(self, other: Interval, rel: float = 1e-9) -> bool:
        """Return True when ``other`` lies entirely inside this interval."""
        eps = rel * max(1.0, abs(other.low), abs(other.high) if other.high != INF else 1.0)
        if other.low < self.low - eps or (
            self.low_open and not other.low_open and other.low <= self.low + eps
        ):
            return False
        if other.high > self.high + eps:
            return False
        return not (self.high_open and not other.high_open and other.high >= self.high - eps)

    def scaled(self, factor: float) -> Interval:
        """Return the interval multiplied by ``factor`` > 0."""
        return Interval(self.low * factor, self.high * factor, self.low_open, self.high_open)

    def describe(self) -> str:
        """Return the interval in mathematical notation: ``[5000, 6000)``."""
        left = "(" if self.low_open else "["
        right = ")" if self.high_open or self.high == INF else "]"
        return f"{left}{fmt_number(self.low)}, {fmt_number(self.high)}{right}"


def fmt_number(value: float) -> str:
    """Return ``value`` compactly: 5000, 27.65, 1.25e+06 → 1250000, ∞."""
    if value == INF:
        return "∞"
    if float(value).is_integer() and abs(value) < 1e16:
        return str(int(value))
    return f"{value:.10g}" if abs(value) < 1e15 else f"{value:.6g}"


def scale_value(value: float, factor: float) -> float:
    """Return ``value * factor`` without binary noise (8.12 × 1e6 = 8120000, not 8119999.999999999)."""
    product = float(value * factor)
    if product.is_integer() and abs(product) < 1e12:
        return product or 0.0  # a whole number of at most 12 digits has no noise to remove (nor -0.0)
    return float(f"{product:.12g}")


def decimals_of(figure: str) -> int:
    """Return how many digits follow the decimal point in the written figure ``figure``."""
    _, dot, tail = figure.partition(".")
    return len(tail) if dot else 0


def place_value(value: float, decimals: int = 0) -> float:
    """Return u, the place value of the last significant digit of a figure.

    Args:
        value: The figure without scale (5000, 1.4, 42000).
        decimals: Digits written after the decimal point (1.40 has 2).
    """
    if decimals > 0:
        return 10.0**-decimals
    n = round(abs(value))
    if n == 0:
        return 1.0
    u = 1
    while n % (u * 10) == 0:
        u *= 10
    return float(u)


def value_place(value: float) -> float:
    """Return u for a number given as a float (a fact value): 1.3 → 0.1, 5000 → 1000."""
    if float(value).is_integer():
        return place_value(value)
    text = f"{value:.10f}".rstrip("0")
    return place_value(value, decimals_of(text))


def stated_interval(
    value: float, u: float, approx: str = "exact", rounded: bool = False, tol: Tolerance | None = None
) -> Interval:
    """Return the interval a figure ``value`` with place value ``u`` and approximation ``approx`` means.

    Args:
        value: The stated figure, scaled to its unit (12000 for 1.2万).
        u: Place value of its last significant digit, scaled likewise.
        approx: One of :data:`APPROX_KINDS`.
        rounded: The figure is written with decimals or a scale word, so it stands for what rounds to it.
        tol: For a count or a sum of money, the tolerances that cap how loose a round figure is (a rate
            such as 3% keeps its precision rule).
    """
    if approx == "exact":  # most figures: tested first
        return _capped(value, u, tol.round_relative if tol else None) if rounded else Interval(value, value)
    if approx == "more-than":
        return Interval(value, value + u, True, True)
    if approx == "nearly":
        return _nearly(value, u)
    if approx == "about":
        return _capped(value, u, tol.about_relative if tol else None)
    if approx == "at-least":
        return Interval(value, INF, False, True)
    if approx == "at-most":
        return Interval(0.0, value, False, False)
    if approx == "under":
        return Interval(0.0, value, False, True)
    if rounded:
        return _capped(value, u, tol.round_relative if tol else None)
    return Interval.point(value)


def _capped(value: float, u: float, relative: float | None) -> Interval:
    """[N − u/2, N + u/2), or [N(1 − r), N(1 + r)] when that is tighter (约2万 is no 15000)."""
    if relative is not None and u / 2 > relative * abs(value) > 0:
        return Interval(value - relative * abs(value), value + relative * abs(value))
    return Interval(value - u / 2, value + u / 2, False, True)


def _nearly(value: float, u: float) -> Interval:
    """近/nearly N: below N and rounding to it, [N − u/2, N); with one significant digit (近万) [0.9N, N)."""
    if abs(value) >= 10 * u:
        return Interval(value - u / 2, value, False, True)
    return Interval(value - abs(value) / 10, value, False, True)


def written_place(value: float) -> float:
    """Return u of a fact's value as the facts file writes it: 32.0 (a float) → 0.1, 32 (an int) → 1.

    A float keeps the precision it was written with, so a draft may echo it (近32.0%).
    """
    if isinstance(value, float) and "e" not in repr(value) and repr(value).endswith(".0"):
        return 0.1
    return value_place(value)


def fact_interval(value: float, approx: str, tol: Tolerance | None = None) -> Interval:
    """Return the interval a fact's value stands for, given its own ``approx`` (exact facts are points).

    ``tol`` caps a count's or a sum's 约 as in text (about 2000 is [1600, 2400]); ``None`` for a rate.
    """
    return stated_interval(value, written_place(value), approx, rounded=False, tol=tol)
