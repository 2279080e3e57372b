"""The shape of an offline draft: sub-headings, enumerations, numbered points, register."""

from __future__ import annotations

import re

import pytest
from realize_helpers import make_facts, markdown

from drafter.drafting import draft
from drafter.plan import plan_report
from drafter.realize import realize_title
from drafter.resources import load_yaml

ZH_TOPICS = ["师资建设", "学前教育", "教育保障"]
EN_TOPICS = ["Use of the library", "Programmes", "Finance"]


def _facts_over_topics(language: str, topics: list[str], per_topic: int = 4) -> list[dict[str, object]]:
    label = "举办培训" if language == "zh" else "sessions held"
    # Topics interleaved so that first-appearance order differs from alphabetical and from grouping.
    return [
        {
            "id": f"t{t}_{i}",
            "label": f"{label}{i}" if language == "zh" else f"{label} type {i}",
            "value": 10 * (i + 1) + t,
            "unit": "期" if language == "zh" else None,
            "topic": topics[t],
        }
        for i in range(per_topic)
        for t in range(len(topics))
    ]


@pytest.mark.parametrize(
    ("language", "topics", "expected"),
    [
        ("zh", ZH_TOPICS, ["### （一）师资建设", "### （二）学前教育", "### （三）教育保障"]),
        ("en", EN_TOPICS, ["### Use of the library", "### Programmes", "### Finance"]),
    ],
)
def test_sub_headings_follow_first_appearance(language: str, topics: list[str], expected: list[str]) -> None:
    text = markdown(make_facts(language, facts=_facts_over_topics(language, topics)))
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert headings == expected


def test_chinese_topic_enumerates_with_yi_shi_er_shi() -> None:
    text = markdown(make_facts("zh", facts=_facts_over_topics("zh", ZH_TOPICS)))
    paragraph = text.split("### （一）师资建设\n\n")[1].split("\n")[0]
    assert re.search(r"一是.+；二是.+；三是.+；四是.+。", paragraph)


@pytest.mark.parametrize(
    ("language", "fact", "expected"),
    [
        # An action with its object: the figure follows the verb phrase.
        ("zh", {"label": "举办教师培训", "value": 109, "unit": "期"}, "举办教师培训109期"),
        # A stock whose label carries its unit: the unit is written once.
        ("zh", {"label": "门急诊人次", "value": 612300, "unit": "人次"}, "门急诊61.23万人次"),
        ("zh", {"label": "在校学生人数", "value": 52000, "unit": "人"}, "在校学生52000人"),
        # A rate compared with the previous period.
        (
            "zh",
            {"label": "覆盖率", "value": 91.5, "unit": "%", "previous": 88.2},
            r"覆盖率(达到|为)91.5%，比上年(的88.2%)?提高3.3个百分点",
        ),
        # A label ending in digits or an identifier never touches the figure.
        ("zh", {"label": "改造国道G320", "value": 15, "unit": "公里"}, "改造国道G320，计15公里"),
        ("zh", {"label": "PM2.5年均浓度", "value": 32, "unit": "微克/立方米"}, "PM2.5年均浓度"),
        ("en", {"label": "events and classes held", "value": 2145}, "held 2,145 events and classes"),
        ("en", {"label": "new members registered", "value": 6320}, "registered 6,320 new members"),
        (
            "en",
            {"label": "grant funding secured", "value": 312000, "unit": "USD"},
            r"secured \$312,000 in grant",
        ),
        ("en", {"label": "children who completed the challenge", "value": 3412}, "3,412 children completed"),
        (
            "en",
            {"label": "total operating budget", "value": 8450000, "unit": "USD"},
            r"operating budget (was|amounted to|came to) \$8.45 million",
        ),
        (
            "en",
            {"label": "share of loans made online", "value": 15.8, "unit": "%", "previous": 13.2},
            r"share of loans made online (rose from 13.2%|increased to 15.8%, from 13.2%)",
        ),
    ],
)
def test_a_sentence_fits_what_the_label_is(language: str, fact: dict[str, object], expected: str) -> None:
    spec = {"id": "a", "topic": "甲" if language == "zh" else "Alpha", **fact}
    text = markdown(make_facts(language, facts=[spec]))
    assert re.search(expected, text), text


@pytest.mark.parametrize(
    ("label", "unit", "glue"),
    [
        ("改造国道G320", "公里", "G32015"),
        ("PM2.5年均值", "%", None),
        ("通过ISO9001认证企业", "家", None),
        ("ISO9001", "家", "ISO90013"),
        ("PM2.5", "微克", "PM2.532"),
    ],
)
def test_a_label_ending_in_digits_is_kept_apart(label: str, unit: str, glue: str | None) -> None:
    value = 15 if glue == "G32015" else (3 if glue == "ISO90013" else 32)
    facts = make_facts("zh", facts=[{"id": "a", "label": label, "value": value, "unit": unit, "topic": "甲"}])
    text = markdown(facts)
    if glue:
        assert glue not in text
    from drafter.numbers.check import check

    assert check(text, facts).unsupported == []


@pytest.mark.parametrize(
    ("language", "fact", "echo"),
    [
        ("en", {"label": "branches", "value": 7}, "7 branches"),
        ("en", {"label": "volunteers", "value": 312}, "312 volunteers"),
        ("en", {"label": "weekly opening hours", "value": 326, "unit": "hours"}, "326 hours"),
    ],
)
def test_english_never_echoes_the_label(language: str, fact: dict[str, object], echo: str) -> None:
    text = markdown(make_facts(language, facts=[{"id": "a", "topic": "Alpha", **fact}]))
    body = text.split("## Main achievements")[1]
    assert not re.search(rf"\b{fact['label']}\b[^.]*\b{echo}\b", body, re.I), body


@pytest.mark.parametrize(("language", "marker"), [("zh", "（{}）"), ("en", "{}. ")])
def test_problems_and_plans_are_numbered_points(language: str, marker: str) -> None:
    notes = [
        {"section": sec, "topic": f"{sec}-{i}", "text": "Text." if language == "en" else "内容。"}
        for sec in ("problems", "plans")
        for i in range(3)
    ]
    result = draft(make_facts(language, notes=notes))
    numerals = ["一", "二", "三"] if language == "zh" else ["1", "2", "3"]
    for section_id in ("problems", "plans"):
        blocks = result.section(section_id).text.split("\n\n")
        points = [b for b in blocks if re.match(r"（[一二三四五六七八九十]+）|\d+\. ", b)]
        assert len(blocks) == len(points) + 1  # an opener, then only points
        assert [p[: len(marker.format(n))] for p, n in zip(points, numerals, strict=True)] == [
            marker.format(n) for n in numerals
        ]


def test_chinese_plans_start_with_a_verb_phrase() -> None:
    plans = load_yaml("drafter.realize.data", "zh.yaml")["points"]["plans"]
    verbs = plans["verbs"] + [v for vs in plans["verbs_by_ending"].values() for v in vs]
    notes = [{"section": "plans", "topic": t, "text": "推进有关工作。"} for t in ZH_TOPICS]
    text = draft(make_facts("zh", notes=notes)).section("plans").text
    points = [b for b in text.split("\n\n") if b.startswith("（")]
    assert len(points) == 3
    assert all(any(p.split("）", 1)[1].startswith(v) for v in verbs) for p in points)


def test_chinese_problems_open_with_a_balancing_sentence() -> None:
    notes = [{"section": "problems", "topic": "投入", "text": "部分学校经费投入不足。"}]
    text = draft(make_facts("zh", notes=notes)).section("problems").text
    opener = text.split("\n\n")[0]
    assert opener.endswith("：") and "测试单位" in opener
    assert "（一）在投入方面，部分学校经费投入不足。" in text


def test_notes_are_written_into_their_sections() -> None:
    notes = [
        {"section": "achievements", "topic": "教育保障", "text": "校园安全形势总体平稳"},
        {"section": "overview", "text": "全县共有学校一百余所。"},
    ]
    result = draft(make_facts("zh", notes=notes))
    assert "校园安全形势总体平稳。" in result.section("achievements").text
    assert "全县共有学校一百余所。" in result.section("overview").text


def test_empty_points_section_has_no_dangling_opener() -> None:
    result = draft(make_facts("zh", facts=[{"id": "a", "label": "举办培训", "value": 3, "unit": "期"}]))
    assert result.section("problems").text == ""


@pytest.mark.parametrize("language", ["zh", "en"])
def test_fact_text_is_data_not_a_template(language: str) -> None:
    fact = {"id": "a", "label": "{fig}{org}{label}", "value": 12, "note": "{rate}"}
    text = markdown(make_facts(language, facts=[fact]))
    assert "{fig}{org}{label}" in text or "{fig}{org}{label}".capitalize() in text
    assert "{rate}" in text


def test_english_register_is_formal() -> None:
    facts = _facts_over_topics("en", EN_TOPICS)
    notes = [
        {"section": "plans", "topic": "Buildings", "text": "Replace the heating system."},
        {"section": "problems", "topic": "Staffing", "text": "Two posts were vacant."},
    ]
    result = draft(make_facts("en", facts=facts, notes=notes))
    text = "\n".join(s.text for s in result.sections)
    assert "!" not in text
    assert not re.search(r"\b\w+(n't|'re|'ll|'ve|'m|'d)\b", text)
    assert " will " not in result.section("achievements").text
    assert " will " in result.section("plans").text


def test_chinese_has_no_exclamation_marks_and_uses_formal_connectives() -> None:
    result = draft(make_facts("zh", facts=_facts_over_topics("zh", ZH_TOPICS)))
    text = "\n".join(s.text for s in result.sections)
    assert "！" not in text and "!" not in text
    assert result.section("overview").text.endswith("如下。")


@pytest.mark.parametrize(("period", "expected"), [("2025", "上年为"), ("2025年上半年", "上年同期")])
def test_previous_period_name_depends_on_the_period(period: str, expected: str) -> None:
    facts = [
        {"id": "a", "label": "举办培训", "value": 10, "unit": "期", "previous": 8, "topic": "培训"},
        {"id": "b", "label": "覆盖率", "value": 90.5, "unit": "%", "previous": 80.0, "topic": "培训"},
    ]
    text = markdown(make_facts("zh", facts=facts, period=period))
    assert ("上年同期" in text) == (expected == "上年同期")


def test_title_is_the_facts_title() -> None:
    facts = make_facts("zh", title="某县教育局2025年度工作总结")
    assert realize_title(plan_report(facts)) == "某县教育局2025年度工作总结"
