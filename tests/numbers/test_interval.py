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
        ("近万人", 9000, 10000, True, False),
        ("nearly 1.3 million", 1_200_000, 1_300_000, True, False),
        ("约300人", 250, 350, False, True),
        ("300人左右", 250, 350, False, True),
        ("about 48,000 members", 47_500, 48_500, False, True),
        ("至少20场", 20, INF, False, True),
        ("at least 7,000 members", 7000, INF, False, True),
        ("不到100人", 0, 100, False, True),
        ("fewer than 100 people", 0, 100, False, True),
        ("三四个", 3, 4, False, False),
        ("1.3 million", 1_250_000, 1_350_000, False, True),
        ("$4.2 million", 4_150_000, 4_250_000, False, True),
        ("1.2万人", 11_500, 12_500, False, True),
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
