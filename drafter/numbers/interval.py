"""Stated precision and approximation words → the interval a figure stands for.

Let u be the place value of the figure's last significant digit (5000 → 1000, 1.4 → 0.1, 42000 → 1000).
  exact, plain integer      [N, N]
  exact, rounded figure     [N − u/2, N + u/2)    (decimals, a scale word: 1.3 million, 1.2万, 27.7%)
  more-than (多 余 over)     (N, N + u)
  nearly (近 nearly)         (N − min(u, N/10), N]
  about (约 左右 about)      [N − u/2, N + u/2)
  at-least (至少 以上)       [N, ∞)
  at-most (以下 up to)       [0, N]
  under (不到 fewer than)    [0, N)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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
    """

    relative: float = 1e-9
    percent_unit: float = 1.0
    fraction_points: float = 1.0
    max_sum_terms: int = 3
    max_group: int = 60
    max_trio_group: int = 12


DEFAULT_TOLERANCE = Tolerance()


@dataclass(frozen=True, slots=True)
class Interval:
    """A real interval with open or closed ends (``high`` may be infinite)."""

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


def stated_interval(value: float, u: float, approx: str = "exact", rounded: bool = False) -> Interval:
    """Return the interval a figure ``value`` with place value ``u`` and approximation ``approx`` means.

    Args:
        value: The stated figure, scaled to its unit (12000 for 1.2万).
        u: Place value of its last significant digit, scaled likewise.
        approx: One of :data:`APPROX_KINDS`.
        rounded: The figure is written with decimals or a scale word, so it stands for what rounds to it.
    """
    if approx == "more-than":
        return Interval(value, value + u, True, True)
    if approx == "nearly":
        return Interval(value - min(u, abs(value) / 10), value, True, False)
    if approx == "about":
        return Interval(value - u / 2, value + u / 2, False, True)
    if approx == "at-least":
        return Interval(value, INF, False, True)
    if approx == "at-most":
        return Interval(0.0, value, False, False)
    if approx == "under":
        return Interval(0.0, value, False, True)
    if rounded:
        return Interval(value - u / 2, value + u / 2, False, True)
    return Interval.point(value)


def written_place(value: float) -> float:
    """Return u of a fact's value as the facts file writes it: 32.0 (a float) → 0.1, 32 (an int) → 1.

    A float keeps the precision it was written with, so a draft may echo it (近32.0%).
    """
    if isinstance(value, float) and "e" not in repr(value) and repr(value).endswith(".0"):
        return 0.1
    return value_place(value)


def fact_interval(value: float, approx: str) -> Interval:
    """Return the interval a fact's value stands for, given its own ``approx`` (exact facts are points)."""
    return stated_interval(value, written_place(value), approx, rounded=False)
