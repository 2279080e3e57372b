"""The plan: section headings per language and period, topics in order, facts in their sections."""

from __future__ import annotations

from typing import Any

import pytest

from drafter.facts import Facts
from drafter.plan import plan_report, zh_numeral


def _facts(
    language: str = "zh",
    period: str = "2025",
    next_period: str | None = "2026",
    facts: list[dict[str, Any]] | None = None,
    notes: list[Any] | None = None,
) -> Facts:
    report = {"title": "T", "organization": "O", "period": period, "language": language}
    if next_period:
        report["next_period"] = next_period
    return Facts.model_validate({"report": report, "facts": facts or [], "notes": notes or []})


@pytest.mark.parametrize(
    ("language", "period", "next_period", "headings"),
    [
        ("zh", "2025", "2026", [None, "一、2025年主要工作", "二、存在的问题和不足", "三、2026年工作安排"]),
        ("zh", "2025", None, [None, "一、2025年主要工作", "二、存在的问题和不足", "三、下一步工作安排"]),
        (
            "zh",
            "2025年上半年",
            "2025年下半年",
            [None, "一、2025年上半年主要工作", "二、存在的问题和不足", "三、2025年下半年工作安排"],
        ),
        (
            "en",
            "2025",
            "2026",
            ["Overview", "Main achievements", "Problems and challenges", "Plans for 2026"],
        ),
        (
            "en",
            "2025",
            None,
            ["Overview", "Main achievements", "Problems and challenges", "Plans for the next period"],
        ),
    ],
)
def test_section_headings(
    language: str, period: str, next_period: str | None, headings: list[str | None]
) -> None:
    plan = plan_report(_facts(language, period, next_period))
    assert [s.heading for s in plan.sections] == headings
    assert [s.id for s in plan.sections] == ["overview", "achievements", "problems", "plans"]


def test_topics_keep_the_order_of_first_appearance() -> None:
    facts = [
        {"id": "a", "label": "a", "value": 1, "topic": "师资建设"},
        {"id": "b", "label": "b", "value": 2, "topic": "办学条件"},
        {"id": "c", "label": "c", "value": 3, "topic": "师资建设"},
        {"id": "d", "label": "d", "value": 4},
    ]
    notes = [{"topic": "安全稳定", "text": "x"}, {"topic": "办学条件", "text": "y"}]
    section = plan_report(_facts(facts=facts, notes=notes)).section("achievements")
    assert [t.name for t in section.topics] == ["师资建设", "办学条件", None, "安全稳定"]
    assert [f.id for f in section.topics[0].facts] == ["a", "c"]
    assert [n.text for n in section.topics[1].notes] == ["y"]


def test_facts_and_notes_without_a_section_go_to_achievements() -> None:
    facts = [{"id": "a", "label": "a", "value": 1}, {"id": "p", "label": "p", "value": 2, "section": "plans"}]
    plan = plan_report(_facts(facts=facts, notes=["plain note", {"section": "problems", "text": "q"}]))
    assert [f.id for f in plan.section("achievements").facts()] == ["a"]
    assert [n.text for n in plan.section("achievements").notes()] == ["plain note"]
    assert [f.id for f in plan.section("plans").facts()] == ["p"]
    assert [n.text for n in plan.section("problems").notes()] == ["q"]
    assert plan.section("overview").topics == []


@pytest.mark.parametrize(
    ("n", "numeral"), [(1, "一"), (3, "三"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三")]
)
def test_chinese_numerals_for_headings(n: int, numeral: str) -> None:
    assert zh_numeral(n) == numeral
