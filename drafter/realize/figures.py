"""Figures as a report writes them: the fact's value, unit and approximation, and growth rates.

Chinese follows GB/T 15835 (Arabic numerals, no thousands separators, 5000多人, 约300人); English uses
thousands separators and approximation words (more than 5,000). A figure is never rounded or converted:
it appears exactly as the fact states it.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from drafter.facts.models import Fact
from drafter.realize.phrases import fill, pick

Number = int | float


def plain_number(value: Number) -> str:
    """Return ``value`` as written in the facts: ``109``, ``12.5``, ``6.82`` (no exponent, no separators)."""
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def grouped_number(value: Number) -> str:
    """Return ``value`` with thousands separators (``1,264,000``, ``8,450.5``), decimals kept as given."""
    text = plain_number(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    whole = f"{int(whole):,}"
    return sign + whole + ("." + frac if frac else "")


def stated_value(fact: Fact) -> Number:
    """Return the value of ``fact`` to write: an approximate 32.0 reads 32 (近32%, not 近32.0%).

    A trailing ``.0`` would claim a precision that an approximate figure does not have.
    """
    value = fact.value
    if fact.approx != "exact" and isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


MAX_RATE = Decimal(1000)  # beyond a tenfold change a percentage says little; the previous value is stated


def growth_rate(value: Number, previous: Number) -> str | None:
    """Return |value − previous| / previous as a percentage with one decimal (``25.3%``).

    Returns ``None`` when ``previous`` is zero or negative, or the change exceeds 1000%.
    """
    if previous <= 0:
        return None
    rate = (Decimal(plain_number(value)) - Decimal(plain_number(previous))) / Decimal(plain_number(previous))
    rounded = (abs(rate) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded}%" if rounded <= MAX_RATE else None


def trend(value: Number, previous: Number) -> str:
    """Return ``up``, ``down`` or ``same`` comparing ``value`` with ``previous``."""
    if value > previous:
        return "up"
    return "down" if value < previous else "same"


def is_rate(unit: str | None, phrases: dict[str, Any]) -> bool:
    """True for a percentage unit (``%``, ``个百分点``), whose changes are not stated as growth rates."""
    return unit is not None and unit in phrases["rate_units"]


def zh_figure(fact: Fact, phrases: dict[str, Any], position: int = 0) -> str:
    """Return the Chinese figure of ``fact`` with unit and approximation (``5000多人``, ``约1.3万人次``)."""
    n = plain_number(stated_value(fact))
    unit = fact.unit or ""
    key: str = fact.approx
    if fact.approx == "more-than" and _round_whole(fact.value) and not is_rate(fact.unit, phrases):
        key = "more-than-round"
    elif fact.approx in ("at-least", "at-most") and is_rate(fact.unit, phrases):
        key = f"{fact.approx}-rate"
    elif fact.approx == "nearly" and unit in phrases["time_units"]:
        key = "nearly-time"
    return fill(pick(phrases["approx"][key], fact.id, position), n=n, unit=unit)


def zh_amount(value: Number, unit: str | None) -> str:
    """Return an exact Chinese amount, as used for previous values (``87期``, ``88.2%``)."""
    return plain_number(value) + (unit or "")


def en_amount(value: Number, unit: str | None, phrases: dict[str, Any]) -> str:
    """Return an exact English amount: ``$8,450,000``, ``15.8%``, ``326 hours``, ``five``."""
    if unit is not None and unit in phrases["prefix_units"]:
        return str(phrases["prefix_units"][unit]) + grouped_number(value)
    if unit is not None and unit in phrases["joined_units"]:
        return grouped_number(value) + unit
    if unit is None and isinstance(value, int) and 0 <= value <= 9:
        return str(phrases["small_numbers"][value])
    text = grouped_number(value)
    return f"{text} {unit}" if unit else text


def en_figure(fact: Fact, phrases: dict[str, Any], position: int = 0) -> str:
    """Return the English figure of ``fact`` with its approximation (``more than 5,000 people``)."""
    amount = en_amount(stated_value(fact), fact.unit, phrases)
    return fill(pick(phrases["approx"][fact.approx], fact.id, position), n=amount)


def _round_whole(value: Number) -> bool:
    # 5000多 / 200余 read naturally only after a whole number ending in zero.
    return isinstance(value, int) and value >= 10 and re.search(r"0$", str(value)) is not None
