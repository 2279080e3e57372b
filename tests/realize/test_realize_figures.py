"""Figures as a writer writes them, exactly as the facts state them (zh: GB/T 15835; en: annual reports).

No trailing .0; 万 for counts of 10万 and more and "$8.45 million" only when exact; 不少于 / at least only in
plans; changes as 比上年增加4所、增长50%.
"""

from __future__ import annotations

from typing import Any

import pytest
from realize_helpers import make_facts, markdown

from drafter.realize.figures import grouped_number, growth_rate, plain_number


def _draft_one(language: str, **fact: Any) -> str:
    spec = {
        "id": "f1",
        "topic": "培训" if language == "zh" else "Training",
        "label": "举办培训" if language == "zh" else "training sessions held",
        "section": "achievements",
        **fact,
    }
    return markdown(make_facts(language, facts=[spec]))


@pytest.mark.parametrize(
    ("fact", "expected"),
    [
        ({"value": 5000, "unit": "人", "approx": "more-than"}, ("5000多人", "5000余人")),
        ({"value": 200, "unit": "册", "approx": "more-than"}, ("200多册", "200余册")),
        ({"value": 5237, "unit": "人", "approx": "more-than"}, ("超过5237人",)),
        ({"value": 90, "unit": "%", "approx": "more-than"}, ("超过90%",)),
        ({"value": 300, "unit": "人", "approx": "about"}, ("约300人", "300人左右")),
        ({"value": 1.3, "unit": "万人次", "approx": "about"}, ("约1.3万人次", "1.3万人次左右")),
        ({"value": 400, "unit": "人", "approx": "nearly"}, ("近400人",)),
        ({"value": 3.5, "unit": "年", "approx": "nearly"}, ("接近3.5年", "将近3.5年")),  # 近3.5年: "recent"
        ({"value": 32.0, "unit": "%", "approx": "nearly"}, ("近32%",)),
        ({"value": 32.0, "unit": "%"}, ("32%",)),
        # A bound in the results is 以上/以下; 不少于/不高于 belong to targets (see the plans test).
        ({"value": 20, "unit": "场", "approx": "at-least"}, ("20场以上",)),
        ({"value": 65, "unit": "%", "approx": "at-least"}, ("65%以上",)),
        ({"value": 30, "unit": "篇", "approx": "at-most"}, ("30篇以下",)),
        ({"value": 26.7, "unit": "%", "approx": "at-most"}, ("26.7%以下",)),
        ({"value": 109, "unit": "期"}, ("109期",)),
        ({"value": 12.5, "unit": "%"}, ("12.5%",)),
        ({"value": 6.82, "unit": "亿元"}, ("6.82亿元",)),
        ({"value": 12000, "unit": "人"}, ("12000人",)),
        # 10万 and more: 万 with at most two decimals, only when exact.
        ({"value": 612300, "unit": "人次"}, ("61.23万人次",)),
        ({"value": 612345, "unit": "人次"}, ("612345人次",)),
        ({"value": 286400, "unit": "人", "approx": "more-than"}, ("28.64万多人", "28.64万余人")),
        ({"value": 120000000, "unit": "元"}, ("1.2亿元",)),
        ({"value": 1.3, "unit": "万人次"}, ("1.3万人次",)),
    ],
)
def test_chinese_figure_keeps_value_unit_and_approximation(
    fact: dict[str, Any],
    expected: tuple[str, ...],
) -> None:
    text = _draft_one("zh", **fact)
    assert any(e in text for e in expected), text


@pytest.mark.parametrize(
    ("fact", "expected"),
    [
        ({"value": 5000, "approx": "more-than"}, "more than 5,000"),
        ({"value": 5000, "unit": "people", "approx": "more-than"}, "more than 5,000 people"),
        ({"value": 300, "approx": "about"}, "about 300"),
        ({"value": 58000, "approx": "nearly"}, "nearly 58,000"),
        ({"value": 7000, "approx": "at-least"}, "7,000 or more"),
        ({"value": 45, "approx": "at-most"}, "45 or less"),
        ({"value": 1264000}, "1,264,000"),
        ({"value": 15.8, "unit": "%"}, "15.8%"),
        ({"value": 8450000, "unit": "USD"}, "$8.45 million"),
        ({"value": 8452300, "unit": "USD"}, "$8,452,300"),
        ({"value": 2400000000, "unit": "USD"}, "$2.4 billion"),
        ({"value": 3100000, "unit": "dollars"}, "$3.1 million"),
        ({"value": 1234.5, "unit": "hours"}, "1,234.5 hours"),
        ({"value": 5}, "five"),
        ({"value": 870.0, "approx": "nearly"}, "nearly 870"),
    ],
)
def test_english_figure_keeps_value_unit_and_approximation(fact: dict[str, Any], expected: str) -> None:
    assert expected in _draft_one("en", **fact)


@pytest.mark.parametrize(
    ("language", "fact", "expected"),
    [
        ("zh", {"value": 20, "unit": "场", "approx": "at-least"}, ("不少于20场", "至少20场")),
        ("zh", {"value": 65, "unit": "%", "approx": "at-least"}, ("不低于65%",)),
        ("zh", {"value": 26.7, "unit": "%", "approx": "at-most"}, ("不高于26.7%",)),
        ("en", {"value": 7000, "approx": "at-least"}, ("at least 7,000",)),
        ("en", {"value": 45, "approx": "at-most"}, ("at most 45",)),
    ],
)
def test_targets_in_plans_keep_their_bound_words(
    language: str, fact: dict[str, Any], expected: tuple[str, ...]
) -> None:
    text = _draft_one(language, section="plans", **fact)
    assert any(e in text for e in expected), text


@pytest.mark.parametrize(
    ("language", "fact", "expected"),
    [
        ("zh", {"value": 109, "unit": "期", "previous": 87}, ("增长25.3%",)),
        ("zh", {"value": 12, "unit": "所", "previous": 8}, ("增长50%",)),
        ("zh", {"value": 23, "unit": "件", "previous": 41}, ("下降43.9%",)),
        (
            "zh",
            {"value": 91.5, "unit": "%", "previous": 88.2},
            ("91.5%，比上年提高3.3个百分点", "比上年的88.2%提高3.3个百分点"),
        ),
        ("zh", {"value": 7.2, "unit": "天", "previous": 7.9}, ("下降8.9%",)),
        ("en", {"value": 412380, "previous": 389150}, ("389,150", "6%")),
        ("en", {"value": 90, "previous": 100}, ("100", "10%")),
        ("en", {"value": 8450000, "unit": "USD", "previous": 8120000}, ("4.1%", "$8.12 million")),
    ],
)
def test_previous_value_and_growth_rate(language: str, fact: dict[str, Any], expected: tuple[str]) -> None:
    text = _draft_one(language, **fact)
    assert any(part in text for part in expected), text
    assert ".0%" not in text


@pytest.mark.parametrize(
    ("fact", "difference"),
    [
        ({"value": 12, "unit": "所", "previous": 8}, "增加4所"),
        ({"value": 6.82, "unit": "亿元", "previous": 6.15}, "增加0.67亿元"),
        ({"value": 612300, "unit": "人次", "previous": 580000}, "增加3.23万人次"),
        ({"value": 23, "unit": "件", "previous": 41}, "减少18件"),
    ],
)
def test_chinese_change_states_the_difference(fact: dict[str, Any], difference: str) -> None:
    # 比上年增加4所、增长50%: the difference, then the rate.
    texts = [_draft_one("zh", **fact, id=f"f{i}") for i in range(6)]
    assert all(difference in t for t in texts)
    assert all(".0%" not in t and "比上年的" not in t for t in texts)


@pytest.mark.parametrize(
    ("fact", "absent"),
    [
        # No growth rate of a percentage, nor of an approximate figure.
        ({"value": 91.5, "unit": "%", "previous": 88.2}, "3.7%"),
        ({"value": 600, "unit": "人", "approx": "more-than", "previous": 500}, "20.0%"),
    ],
)
def test_no_growth_rate_where_it_would_overstate(fact: dict[str, Any], absent: str) -> None:
    assert absent not in _draft_one("zh", **fact)


@pytest.mark.parametrize(
    ("value", "previous", "rate"),
    [
        (109, 87, "25.3%"),
        (23, 41, "43.9%"),
        (6.82, 6.15, "10.9%"),
        (100, 100, "0%"),
        (5, 0, None),
        (500001, 1, None),
        (0.3, 0.1, "200%"),
        (12, 8, "50%"),
    ],
)
def test_growth_rate_is_rounded_to_one_decimal(value: float, previous: float, rate: str | None) -> None:
    assert growth_rate(value, previous) == rate


@pytest.mark.parametrize(
    ("value", "plain", "grouped"),
    [
        (109, "109", "109"),
        (12.5, "12.5", "12.5"),
        (1264000, "1264000", "1,264,000"),
        (8450.25, "8450.25", "8,450.25"),
        (3.0, "3.0", "3"),
        (1e-05, "0.00001", "0.00001"),
    ],
)
def test_numbers_are_written_as_given(value: float, plain: str, grouped: str) -> None:
    assert plain_number(value) == plain
    assert grouped_number(value) == grouped
