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
        ("本馆围绕中心、服务大局，取得了明显成效。", []),
    ],
)
def test_chinese_rules(text: str, rules: list[str]) -> None:
    assert sorted(v.rule for v in lint(text, "zh")) == sorted(rules)


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
        ("全年" + "开展了各项工作并取得了明显成效" * 12 + "。", "zh"),
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
