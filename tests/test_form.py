"""The form check of a section: the real small-model drafts' problems are found, good text passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.drafting import draft
from drafter.facts import load_facts
from drafter.form import check_form, collapse_repeats, fix_form
from drafter.plan import Plan, plan_report
from drafter.repair import form_spec

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
REPLIES = ROOT / "tests" / "data" / "model-replies"
EDUCATION = plan_report(load_facts(EXAMPLES / "qingxi-education-2025.yaml"))
LIBRARY = plan_report(load_facts(EXAMPLES / "riverside-library-2025.yaml"))


def _block(name: str, start: str, end: str | None) -> str:
    """A piece of a real draft: from the line ``start`` up to (not including) the line ``end``."""
    text = (REPLIES / name).read_text(encoding="utf-8")
    begin = text.index(start)
    return text[begin : text.index(end, begin + 1) if end else None]


def _codes(plan: Plan, section: str, body: str) -> set[str]:
    return {p.code for p in check_form(body, form_spec(plan, plan.section(section)))}


EDU = "qwen2.5-0.5b-education-zh.md"
LIB = "qwen2.5-0.5b-library-en.md"


@pytest.mark.parametrize(
    ("plan", "section", "body", "expected"),
    [
        # The overview went on into the other sections, as lists with bold labels, looping on a phrase.
        (
            EDUCATION,
            "overview",
            _block(EDU, "### 2025年度工作总结", "\n## 一、2025年主要工作"),
            {"foreign-heading", "list", "bold", "repetition"},
        ),
        (EDUCATION, "overview", _block(EDU, "# 青溪县", "### 2025年度"), {"title"}),
        # The data block's closing delimiter copied into the achievements.
        (EDUCATION, "achievements", _block(EDU, "### （二）义务教育", "\n## 二、"), {"delimiter"}),
        # Outline numbering 1.1 … and other sections' headings inside the plans.
        (
            EDUCATION,
            "plans",
            _block(EDU, "### （一）2025年主要工作", None),
            {"outline-numbering", "foreign-heading"},
        ),
        # Bold year labels in a bullet list, and the plans' heading inside the overview.
        (
            LIBRARY,
            "overview",
            _block(LIB, "### Main achievements", "\n## Main achievements"),
            {"list", "bold"},
        ),
        (
            LIBRARY,
            "overview",
            _block(LIB, "### Plans for 2026", "\n## Main achievements"),
            {"foreign-heading"},
        ),
        # A sentence of the prompt (the section's purpose) copied into the text.
        (LIBRARY, "plans", _block(LIB, "### Overview\nThe Riverside", "### Problems"), {"prompt-echo"}),
    ],
)
def test_the_real_drafts_form_problems_are_found(
    plan: Plan, section: str, body: str, expected: set[str]
) -> None:
    assert expected <= _codes(plan, section, body)


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_file()))
def test_the_offline_writers_drafts_have_no_form_problems(example: str) -> None:
    facts = load_facts(EXAMPLES / example)
    plan = plan_report(facts)
    for section in draft(facts).sections:
        assert check_form(section.text, form_spec(plan, plan.section(section.id))) == [], section.id


def test_safe_fixes_strip_bold_and_drop_title_and_delimiter_lines_and_say_so() -> None:
    body = "# 青溪县教育局2025年度工作总结\n\n**全县**新增学位1500个。\n=== END FACTS ===\n\n### 1.1 教师"
    spec = form_spec(EDUCATION, EDUCATION.section("achievements"))
    fixed, done = fix_form(body, spec)
    assert fixed == "全县新增学位1500个。\n\n### 1.1 教师"
    assert sorted(p.code for p in done) == ["bold", "delimiter", "title"]
    assert [p.code for p in check_form(fixed, spec)] == ["outline-numbering"]  # left to repair


@pytest.mark.parametrize(
    ("text", "repeats"),
    [
        ("教师队伍分布不均，" * 5, True),
        ("教师队伍分布不均，" * 3, False),  # three times is emphasis, not a loop
        ("- The plan.\n" * 5, True),
        ("一是加强管理。二是完善制度。三是强化考核。", False),
        ("加强管理，加强管理。", False),
    ],
)
def test_degenerate_repetition(text: str, repeats: bool) -> None:
    spec = form_spec(EDUCATION, EDUCATION.section("problems"))
    assert ("repetition" in {p.code for p in check_form(text, spec)}) is repeats


def test_a_loop_is_said_once_in_the_text_sent_to_repair() -> None:
    assert collapse_repeats("目前，" + "教师队伍分布不均，" * 100 + "教师") == "目前，教师队伍分布不均，教师"


def test_the_wrong_language_and_an_overlong_body_are_form_problems() -> None:
    spec = form_spec(EDUCATION, EDUCATION.section("problems"))
    english = "The county has too few teachers in rural schools, and they are unevenly spread. " * 2
    assert "language" in {p.code for p in check_form(english, spec)}
    assert "too-long" in {p.code for p in check_form("一是师资不足，需要补充。" * 500, spec)}


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        # The real draft's lines opening with a figure: a quantity, not outline numbering nor a list.
        ("1.3万人次资助家庭经济困难学生，覆盖1.3万人次所小学。", set()),
        ("2.5亿元用于改造提升薄弱学校。", set()),
        ("3.5 million visits were made to the branches.", set()),
        # Outline numbers and list numbers stay form problems.
        ("### 1.1 新增公办学位", {"outline-numbering"}),
        ("1.2 教师队伍建设", {"outline-numbering"}),
        ("1. 学生教育：全年新增学位1500个。", {"list"}),
        ("2、加强教师队伍建设。", {"list"}),
    ],
)
def test_a_line_opening_with_a_decimal_figure_is_no_numbering(line: str, codes: set[str]) -> None:
    assert _codes(EDUCATION, "achievements", line) == codes


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        # The live achievements numbered its topics like sections, one level down.
        ("#### 一、12所新建、改扩建公办幼儿园", {"heading-level"}),
        ("### 二、2160个新增公办学前教育学位", {"heading-level"}),
        ("### **三、普惠性幼儿园覆盖率**", {"heading-level", "bold"}),
        # The kind's own sub-heading marks, and 一、 in running text, are fine.
        ("### （一）学前教育普及普惠", set()),
        ("一、加快推进城东新区学校建设，持续化解城区大班额。", set()),
        # Another section's heading is reported as that, not twice.
        ("### 二、存在的问题和不足", {"foreign-heading"}),
    ],
)
def test_a_sub_heading_numbered_like_a_section_is_a_form_problem(line: str, codes: set[str]) -> None:
    assert _codes(EDUCATION, "achievements", line) == codes
