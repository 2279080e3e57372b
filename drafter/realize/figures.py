"""Figures as a report writer writes them: the fact's value, unit and approximation, changes and rates.

Chinese follows GB/T 15835 (Arabic numerals, no thousands separators, 5000多人, 约300人, 61.23万人次);
English uses thousands separators, approximation words (more than 5,000) and "$8.45 million". A figure is
never rounded: a scaled form (万, million) is used only when it states the value exactly, so every figure
written here is one the checker proves.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from drafter.facts.models import Fact
from drafter.numbers import units
from drafter.realize.phrases import fill, pick

Number = int | float

MAX_RATE = Decimal(1000)  # beyond a tenfold change a percentage says little; the previous value is stated
# Chinese scales for large counts (万, 亿) and English ones for large money (million, billion): the value
# is written in the scale only when two decimals state it exactly (612300 → 61.23万, 8450000 → 8.45 million).
ZH_SCALES = ((Decimal(10**8), "亿", Decimal(10**8)), (Decimal(10**4), "万", Decimal(10**5)))
EN_SCALES = ((Decimal(10**9), "billion"), (Decimal(10**6), "million"))
SCALE_DECIMALS = 2


def plain_number(value: Number) -> str:
    """Return ``value`` as written in the facts: ``109``, ``12.5``, ``6.82`` (no exponent, no separators)."""
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def decimal_text(value: Decimal) -> str:
    """Return ``value`` without exponent or trailing zeros (``50.0`` → ``50``, ``0.670`` → ``0.67``)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def written_number(value: Number) -> str:
    """Return ``value`` as a writer writes it: the facts' digits, a float's trailing ``.0`` dropped."""
    return decimal_text(Decimal(plain_number(value)))


def grouped(text: str) -> str:
    """Return a plain number with thousands separators (``1264000`` → ``1,264,000``), decimals kept."""
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    return sign + f"{int(whole):,}" + ("." + frac if frac else "")


def grouped_number(value: Number) -> str:
    """Return ``value`` with thousands separators (``1,264,000``, ``8,450.5``), without a trailing ``.0``."""
    return grouped(written_number(value))


def growth_rate(value: Number, previous: Number) -> str | None:
    """Return |value − previous| / previous as a percentage, one decimal at most (``25.3%``, ``50%``).

    Returns ``None`` when ``previous`` is zero or negative, or the change exceeds 1000%.
    """
    if previous <= 0:
        return None
    old = Decimal(plain_number(previous))
    rate = (Decimal(plain_number(value)) - old) / old
    rounded = (abs(rate) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{decimal_text(rounded)}%" if rounded <= MAX_RATE else None


def difference(value: Number, previous: Number) -> Decimal:
    """Return |value − previous| exactly (decimal arithmetic: 6.82 − 6.15 is 0.67, not 0.6699999)."""
    return abs(Decimal(plain_number(value)) - Decimal(plain_number(previous)))


def trend(value: Number, previous: Number) -> str:
    """Return ``up``, ``down`` or ``same`` comparing ``value`` with ``previous``."""
    if value > previous:
        return "up"
    return "down" if value < previous else "same"


def is_rate(unit: str | None, phrases: dict[str, Any]) -> bool:
    """True for a percentage unit (``%``, ``个百分点``), whose changes are not stated as growth rates."""
    return unit is not None and unit in phrases["rate_units"]


def stated_value(fact: Fact) -> Number:
    """Return the value of ``fact`` to write: 32.0 reads 32 (近32%, 增长50%, not 50.0%)."""
    value = fact.value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


# ---- Chinese -------------------------------------------------------------------------------------------


def zh_amount(value: Number | Decimal, unit: str | None, *, like: Number | None = None) -> str:
    """Return an exact Chinese amount: ``87期``, ``88.2%``, ``61.23万人次`` (万/亿 only when exact).

    Args:
        value: The amount.
        unit: Its unit.
        like: Write it in the scale this figure takes (a change of 32300 beside 61.23万 reads 3.23万).
    """
    number, unit_text = zh_scaled(value, unit, like=like)
    return number + unit_text


def zh_scaled(value: Number | Decimal, unit: str | None, *, like: Number | None = None) -> tuple[str, str]:
    """Return the number (with 万/亿) and the unit to write: ``("61.23万", "人次")`` for 612300 人次.

    A scale is used only when two decimals state the value exactly, and only for a unit that has none.
    """
    number = value if isinstance(value, Decimal) else Decimal(plain_number(value))
    reference = abs(Decimal(plain_number(like))) if like is not None else abs(number)
    unit = unit or ""
    if not unit.startswith(("万", "亿")) and number == number.to_integral_value():
        for scale, word, least in ZH_SCALES:
            scaled = number / scale
            if reference >= least and scaled == round(scaled, SCALE_DECIMALS) and abs(number) >= scale / 100:
                return decimal_text(scaled) + word, unit
    return decimal_text(number), unit


def zh_figure(fact: Fact, phrases: dict[str, Any], position: int = 0, *, plan: bool = False) -> str:
    """Return the Chinese figure of ``fact`` with unit and approximation (``5000多人``, ``约1.3万人次``).

    Args:
        fact: The fact.
        phrases: The Chinese phrase table.
        position: Rotates among the approximation's forms (5000多人 / 5000余人).
        plan: True in targets and plans, where 不少于/不高于 belong; results read 以上/以内 instead.
    """
    unit = fact.unit or ""
    if fact.approx == "exact":
        return zh_amount(stated_value(fact), unit)
    key: str = fact.approx
    if fact.approx == "more-than" and _round_whole(fact.value) and not is_rate(fact.unit, phrases):
        key = "more-than-round"
    elif fact.approx in ("at-least", "at-most"):
        key = f"{fact.approx}{'-rate' if is_rate(fact.unit, phrases) else ''}{'-plan' if plan else ''}"
    elif fact.approx == "nearly" and unit in phrases["time_units"]:
        key = "nearly-time"
    n, unit = zh_scaled(stated_value(fact), unit)
    return fill(pick(phrases["approx"][key], fact.id, position), n=n, unit=unit)


# ---- English -------------------------------------------------------------------------------------------


def en_amount(value: Number | Decimal, unit: str | None, phrases: dict[str, Any]) -> str:
    """Return an exact English amount: ``$8.45 million``, ``$312,000``, ``15.8%``, ``326 hours``, ``five``."""
    number = value if isinstance(value, Decimal) else Decimal(plain_number(value))
    text = decimal_text(number)
    money = units.money(unit)
    if money is not None and money[0] in phrases["prefix_signs"]:
        # $m, USD million: the amount is written out in dollars ("$78.4 million"), as the checker reads it
        sign, factor = money
        return sign + _en_money(number * Decimal(plain_number(factor)))
    if unit is not None and unit in phrases["joined_units"]:
        return text + unit
    if unit is None and number == number.to_integral_value() and 0 <= number <= 9:
        return str(phrases["small_numbers"][int(number)])
    return f"{grouped(text)} {unit}" if unit else grouped(text)


def en_figure(fact: Fact, phrases: dict[str, Any], *, plan: bool = False, unit: bool = True) -> str:
    """Return the English figure of ``fact`` with its approximation (``more than 5,000 people``).

    Args:
        fact: The fact.
        phrases: The English phrase table.
        plan: True in targets and plans ("at least"); results read "or more" / "or less".
        unit: False when the sentence names the unit already (weekly opening hours … 326).
    """
    amount = en_amount(stated_value(fact), fact.unit if unit else None, phrases)
    key = f"{fact.approx}-plan" if plan and f"{fact.approx}-plan" in phrases["approx"] else fact.approx
    return fill(phrases["approx"][key][0], n=amount)


def _en_money(number: Decimal) -> str:
    for scale, word in EN_SCALES:
        scaled = number / scale
        if abs(number) >= scale and scaled == round(scaled, SCALE_DECIMALS):
            return f"{decimal_text(scaled)} {word}"
    return grouped(decimal_text(number))


def _round_whole(value: Number) -> bool:
    # 5000多 / 200余 read naturally only after a whole number ending in zero.
    return isinstance(value, int) and value >= 10 and re.search(r"0$", str(value)) is not None
