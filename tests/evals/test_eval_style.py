"""The formal-register lint: each rule, in Chinese and English, on sentences a writer might produce."""

from __future__ import annotations

import pytest

from drafter.evals.style import lint, score


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        ("我觉得今年的工作还是挺好的。", ["colloquial", "colloquial", "first-person"]),
        ("咱们单位全年完成各项任务。", ["colloquial"]),
        ("全年共接待读者32万人次！", ["exclamation"]),
        ("我认为服务质量有待提高。", ["first-person"]),
        ("全年服务群众超过一万人次😀。", ["emoji"]),
        ("全面完成年度KPI考核任务。", ["latin-word"]),
        ("召开team meeting十二次。", ["latin-word", "latin-word"]),
        ("我市坚持两个文明一起抓，我们推进各项工作，我国经济持续向好。", []),
        ("我校本科上线率达到87.4%，我院门诊量稳步增长。", []),
        ("我公司营业收入稳步增长，我单位、我分公司和我集团均完成任务。", []),
        ("全市PM2.5平均浓度下降，GDP增长5.2%。", []),
        ("坚持拨乱反正，正本清源。", []),
        ("本馆围绕中心、服务大局，开展各项工作。", []),
        # Praise no fact states (see the test with sources below).
        ("本馆围绕中心、服务大局，取得了明显成效。", ["unsupported-praise"]),
        ("较好地完成了各项目标任务。", ["unsupported-praise"]),
        # The unit written twice: the label already says it.
        ("门急诊人次612300人次。", ["unit-twice"]),
        ("在校学生人数5.2万人。", ["unit-twice"]),
        ("门急诊61.23万人次，在校学生5.2万人。", []),
        ("上年为8所，比上年增加4所。", []),
        # 共/累计 state an exact total; an approximation contradicts them.
        ("共新签合同额1.8亿元左右。", ["approx-with-total"]),
        ("累计培训幼儿园教师600多人。", ["approx-with-total"]),
        ("共组织安全应急演练1200余场。", ["approx-with-total"]),
        ("全年共开展远程会诊近1100例。", ["approx-with-total"]),
        ("全县共有学校126所，公共服务约300项，共青团员5000多人。", []),
        # .0% claims a precision nobody wrote.
        ("增长50.0%。", ["trailing-zero"]),
        ("增长50%，覆盖率100%，10.05%。", []),
        # A connective opens one sentence of a paragraph at most.
        ("同时，推进甲项工作。同时，推进乙项工作。", ["repeated-connective"]),
        ("同时，推进甲项工作。\n\n同时，推进乙项工作。", []),
        ("同时，推进甲项工作。此外，推进乙项工作。", []),
    ],
)
def test_chinese_rules(text: str, rules: list[str]) -> None:
    assert sorted(v.rule for v in lint(text, "zh")) == sorted(rules)


@pytest.mark.parametrize(
    ("text", "language", "sources", "count"),
    [
        ("各项工作取得了明显成效。", "zh", "", 1),
        ("各项工作取得了明显成效。", "zh", "全县教育工作取得了明显成效。", 0),
        ("The service made significant progress.", "en", "", 1),
        (
            "The service made significant progress.",
            "en",
            "Significant progress was made on waiting times.",
            0,
        ),
    ],
)
def test_praise_is_a_violation_unless_the_facts_say_it(
    text: str, language: str, sources: str, count: int
) -> None:
    found = [v for v in lint(text, language, sources=sources) if v.rule == "unsupported-praise"]
    assert len(found) == count


@pytest.mark.parametrize(
    ("text", "language", "section", "count"),
    [
        ("药占比不高于26.7%。", "zh", "achievements", 1),
        ("开展专题教育不少于20场。", "zh", "overview", 1),
        ("力争新增学位不少于1500个。", "zh", "plans", 0),
        ("There were at least 20 sessions.", "en", "achievements", 1),
        ("The target is at least 7,000 new members.", "en", "plans", 0),
    ],
)
def test_bounds_are_for_targets_not_results(text: str, language: str, section: str, count: int) -> None:
    found = [v for v in lint(text, language, section_at=lambda _: section) if v.rule == "quota-in-results"]
    assert len(found) == count
    # Without knowing the sections, a section rule cannot tell, so it stays silent.
    assert not [v for v in lint(text, language) if v.rule == "quota-in-results"]


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        ("We don't have enough staff.", ["contraction"]),
        ("It's been a good year and we've grown.", ["contraction", "contraction"]),
        ("The library's budget rose.", []),
        ("Visits rose sharply!", ["exclamation"]),
        ("I am proud of the team.", ["first-person"]),
        ("My thanks go to the volunteers.", ["first-person"]),
        ("We served a lot of people and did awesome stuff.", ["colloquial", "colloquial", "colloquial"]),
        ("Attendance grew 🎉.", ["emoji"]),
        ("The food bank distributed 1,284,000 meals in 2025.", []),
        ("We will open a second warehouse in 2026.", []),
        # A label echoed by its unit.
        ("The branches stood at 7 branches.", ["label-echo"]),
        ("The volunteers reached 312 volunteers.", ["label-echo"]),
        ("Weekly opening hours across all branches came to 326 hours.", ["label-echo"]),
        ("The library held 1,126 events, attended by almost 42,000 people.", []),
        # Calques of Chinese boilerplate.
        ("This work laid a solid foundation for further progress in finance.", ["calque"]),
        ("Work on digital services made steady progress during the year.", ["calque", "unsupported-praise"]),
        ("Progress was made in the area of use of the library.", ["calque"]),
        # No trailing .0 on a percentage.
        ("Visits rose 6.0% from 389,150.", ["trailing-zero"]),
        ("Visits rose 6% from 389,150; the share was 10.05%.", []),
        ("Meanwhile, visits rose. Meanwhile, loans fell.", ["repeated-connective"]),
    ],
)
def test_english_rules(text: str, rules: list[str]) -> None:
    assert sorted(v.rule for v in lint(text, "en")) == sorted(rules)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("全年共举办各类培训班一百余期。全年共举办各类培训班一百余期。", "zh"),
        ("The library opened two new branches. The library opened two new branches.", "en"),
    ],
)
def test_a_repeated_sentence_is_flagged_once(text: str, language: str) -> None:
    found = [v for v in lint(text, language) if v.rule == "repeated-sentence"]
    assert len(found) == 1
    assert found[0].start == text.index(found[0].text, 1)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("全年" + "开展了各项工作并完成了有关任务" * 12 + "。", "zh"),
        ("The centre " + "and the branches " * 25 + "opened.", "en"),
    ],
)
def test_an_overlong_sentence_is_flagged(text: str, language: str) -> None:
    # Built by repeating a phrase, the sentence is also degenerate repetition.
    assert [v.rule for v in lint(text, language)] == ["overlong-sentence", "repetition"]


def test_short_formulae_and_headings_may_repeat() -> None:
    text = "## Finance\n\nDone.\n\n## Finance\n\nDone."
    assert lint(text, "en") == []


def test_banned_phrases_match_without_case() -> None:
    found = lint("This was a World-Class year.", "en", banned=["world-class"])
    assert [(v.rule, v.text) for v in found] == [("banned-phrase", "World-Class")]


def test_violations_carry_their_place() -> None:
    text = "全年工作稳步推进。\n我觉得成效明显！"
    found = lint(text, "zh")
    assert [text[v.start : v.end] for v in found] == [v.text for v in found]
    assert {v.rule for v in found} >= {"exclamation", "colloquial"}


@pytest.mark.parametrize(
    ("violations", "chars", "expected"),
    [
        (0, 500, 1.0),
        (1, 4000, 0.75),
        (1, 2000, 0.5),
        (2, 4000, 0.5),
        (1, 1000, 0.0),
        (3, 2, 0.0),
        (0, 0, 1.0),
    ],
)
def test_score_is_one_minus_violations_per_thousand_characters(
    violations: int, chars: int, expected: float
) -> None:
    assert score(violations, chars) == pytest.approx(expected)
