"""The stated-precision rules of the issue, one row each: the figure as written → its interval."""

from __future__ import annotations

import math

import pytest

from drafter import check
from drafter.facts import Facts
from drafter.numbers.extract import extract
from drafter.numbers.interval import Interval, Tolerance, place_value, stated_interval

INF = math.inf


@pytest.mark.parametrize(
    ("text", "low", "high", "low_open", "high_open"),
    [
        ("5000多", 5000, 6000, True, True),
        ("200多人", 200, 300, True, True),
        ("千余人", 1000, 2000, True, True),
        ("逾3000人", 3000, 4000, True, True),
        ("more than 2.3 million", 2_300_000, 2_400_000, True, True),
        ("over 1,000 loans", 1000, 2000, True, True),
        # nearly: below N and rounding to it; with one significant digit [0.9 N, N) (issue 9)
        ("近万人", 9000, 10000, False, True),
        ("近千人", 900, 1000, False, True),
        ("nearly 2 million", 1_800_000, 2_000_000, False, True),
        ("nearly 1.3 million", 1_250_000, 1_300_000, False, True),
        ("nearly 2.4 million", 2_350_000, 2_400_000, False, True),
        ("近1.3万人次", 12_500, 13_000, False, True),
        ("almost 58,000 people", 57_500, 58_000, False, True),
        ("近30%", 27, 30, False, True),
        ("约300人", 250, 350, False, True),
        ("300人左右", 250, 350, False, True),
        ("about 48,000 members", 47_500, 48_500, False, True),
        # 约 / 左右 / about: at most ±20 % of a count or a sum of money
        ("约2万人", 16_000, 24_000, False, False),
        ("1万人左右", 8000, 12_000, False, False),
        ("about 2 million people", 1_600_000, 2_400_000, False, False),
        ("约2亿元", 1.6e8, 2.4e8, False, False),
        ("至少20场", 20, INF, False, True),
        ("at least 7,000 members", 7000, INF, False, True),
        ("不到100人", 0, 100, False, True),
        ("fewer than 100 people", 0, 100, False, True),
        ("三四个", 3, 4, False, False),
        ("1.3 million", 1_250_000, 1_350_000, False, True),
        ("$4.2 million", 4_150_000, 4_250_000, False, True),
        ("1.2万人", 11_500, 12_500, False, True),
        # a bare round figure: at most ±10 % (a rate keeps its precision rule: 3% is [2.5, 3.5))
        ("1万人次", 9000, 11_000, False, False),
        ("2亿元", 1.8e8, 2.2e8, False, False),
        ("3千万人", 2.7e7, 3.3e7, False, False),
        ("two million loans", 1_800_000, 2_200_000, False, False),
        ("$4 million", 3_600_000, 4_400_000, False, False),
        ("3%", 2.5, 3.5, False, True),
        ("27.7%", 27.65, 27.75, False, True),
        ("109期", 109, 109, False, False),
        ("5000人", 5000, 5000, False, False),
    ],
)
def test_interval_of_figure(text: str, low: float, high: float, low_open: bool, high_open: bool) -> None:
    (found,) = extract(text)
    assert found.interval is not None
    got = found.interval
    assert math.isclose(got.low, low) and (got.high == high or math.isclose(got.high, high))
    assert (got.low_open, got.high_open) == (low_open, high_open)


@pytest.mark.parametrize(
    ("value", "decimals", "u"),
    [
        (5000, 0, 1000),
        (1.4, 1, 0.1),
        (42000, 0, 1000),
        (109, 0, 1),
        (10000, 0, 10000),
        (27.7, 1, 0.1),
        (0, 0, 1),
    ],
)
def test_place_value(value: float, decimals: int, u: float) -> None:
    assert math.isclose(place_value(value, decimals), u)


def test_four_point_two_million_covers_the_rounded_figure() -> None:
    interval = stated_interval(4_200_000, 100_000, "exact", rounded=True)
    assert interval.contains(4_212_000) and not interval.contains(4_250_000)


def test_covers_respects_open_ends() -> None:
    more = Interval(5000, 6000, True, True)
    assert more.covers(Interval(5000, 6000, True, True))
    assert not more.covers(Interval.point(5000))
    assert more.contains(5230) and not more.contains(6000)


def test_tolerance_is_configurable() -> None:
    facts = Facts.model_validate(
        {
            "report": {"title": "t", "organization": "o", "period": "2025"},
            "facts": [{"id": "rate", "label": "覆盖率", "value": 12.3, "unit": "%"}],
        }
    )
    assert check("覆盖率12%", facts).ok  # an integer percentage stands for [11.5, 12.5)
    assert not check("覆盖率12%", facts, Tolerance(percent_unit=0.1)).ok
