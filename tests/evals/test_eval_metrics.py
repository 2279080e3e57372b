"""Each metric on small crafted drafts: a faithful draft scores 1.0, each flaw costs what it should.

A stand-in checker (figures equal to a fact's value are supported, others unsupported) keeps these tests
about the metrics, not about the number checker.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from drafter import check
from drafter.evals.metrics import body_length, score_document
from drafter.evals.suite import EvalCase, load_suite
from drafter.facts import Fact, Facts, parse_facts
from drafter.numbers.report import CheckReport, Mention
from drafter.repair import covers

from .helpers import CASES

GOOD = """\
# 安平县图书馆2025年度工作总结

2025年，本馆围绕建设书香安平目标，坚持公益性、基本性、均等性、便利性原则，扎实推进各项工作，取得了新的进展。

## 一、2025年主要工作

### （一）读者服务

全年接待读者326500人次，图书外借184200册次。

### （二）馆藏建设

新增馆藏图书21600册，电子图书12.5万册。

### （三）全民阅读推广

举办阅读推广活动215场，参与活动群众4.6万人次。

### （四）总分馆体系建设

建成乡镇分馆12个。

## 二、存在的问题和不足

（一）馆舍面积不足，阅览座位紧张，难以满足节假日读者需求。

（二）专业技术人员偏少，数字化服务能力有待提升。

## 三、2026年工作安排

（一）积极争取馆舍改扩建项目，改善读者阅览环境。

（二）进一步完善总分馆制，推动优质资源向农村延伸。
"""


def stand_in_checker(text: str, facts: Facts) -> CheckReport:
    """Supported when the figure equals a fact's value (or the period); unsupported otherwise."""
    values = {f"{f.value:g}": f.id for f in facts.facts}
    values[facts.report.period] = "report.period"
    values[facts.report.next_period or "-"] = "report.next_period"
    mentions = []
    for match in re.finditer(r"\d+(?:\.\d+)?", text):
        source = values.get(match.group(0))
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - text.rfind("\n", 0, match.start())
        mentions.append(
            Mention(
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                line=line,
                column=column,
                value=float(match.group(0)),
                low=None,
                high=None,
                unit=None,
                kind="quantity",
                status="supported" if source else "unsupported",
                sources=[source] if source else [],
                reason="" if source else "no such figure",
            )
        )
    return CheckReport(text=text, mentions=mentions)


@pytest.fixture
def case(tmp_path: Path) -> EvalCase:
    shutil.copy(CASES / "library-2025.yaml", tmp_path / "library.yaml")
    (tmp_path / "suite.yaml").write_text(
        "defaults:\n  banned_phrases: [史无前例]\ncases:\n  - id: lib\n    facts: library.yaml\n"
        "    length: {overview: [20, 200], achievements: [50, 400], problems: [20, 200], plans: [20, 200]}\n",
        encoding="utf-8",
    )
    return load_suite(tmp_path / "suite.yaml").cases[0]


def score(text: str, case: EvalCase) -> tuple[dict[str, float], dict[str, dict[str, float]], list[dict]]:
    result = score_document(text, case, checker=stand_in_checker)
    return result.metrics, {k: s.metrics for k, s in result.sections.items()}, result.violations


def rules(violations: list[dict]) -> list[str]:
    return [v["rule"] for v in violations]


def test_a_faithful_complete_draft_scores_one_everywhere(case: EvalCase) -> None:
    metrics, sections, violations = score(GOOD, case)
    assert metrics == {
        "number_faithfulness": 1.0,
        "fact_coverage": 1.0,
        "structure": 1.0,
        "style": 1.0,
        "length": 1.0,
    }
    assert violations == []
    assert sections["achievements"]["fact_coverage"] == 1.0
    assert set(sections) == {"overview", "achievements", "problems", "plans"}


def test_the_plain_text_draft_scores_the_same(case: EvalCase) -> None:
    plain = re.sub(r"(?m)^#+ ", "", GOOD)
    assert score(plain, case)[0] == score(GOOD, case)[0]


def test_a_changed_figure_costs_faithfulness_and_coverage(case: EvalCase) -> None:
    metrics, sections, violations = score(GOOD.replace("326500", "362500"), case)
    mentions = len(stand_in_checker(GOOD, case.facts).mentions)
    assert metrics["number_faithfulness"] == pytest.approx((mentions - 1) / mentions, abs=1e-6)
    assert metrics["fact_coverage"] == pytest.approx(5 / 6)
    assert sections["achievements"]["number_faithfulness"] < 1.0
    assert sections["overview"]["number_faithfulness"] == 1.0
    wrong = next(v for v in violations if v["rule"] == "unsupported-number")
    assert (wrong["text"], wrong["section"], wrong["line"]) == ("362500", "achievements", 9)


def test_a_dropped_required_fact_costs_coverage(case: EvalCase) -> None:
    metrics, sections, violations = score(GOOD.replace("图书外借184200册次", "图书外借量稳步增长"), case)
    assert metrics["fact_coverage"] == pytest.approx(5 / 6)
    assert metrics["number_faithfulness"] == 1.0
    assert sections["achievements"]["fact_coverage"] == pytest.approx(5 / 6)
    missing = [v for v in violations if v["rule"] == "missing-fact"]
    assert [v["text"].split(":")[0] for v in missing] == ["loans"]


def test_an_unimportant_fact_may_be_left_out(case: EvalCase) -> None:
    metrics, _, _ = score(GOOD.replace("，电子图书12.5万册", ""), case)
    assert metrics["fact_coverage"] == 1.0


def test_a_fact_in_the_wrong_section_counts_for_the_case_not_the_section(case: EvalCase) -> None:
    moved = GOOD.replace("建成乡镇分馆12个。", "总分馆体系持续完善。").replace(
        "（二）专业技术人员偏少", "（二）已建成乡镇分馆12个，但专业技术人员偏少"
    )
    metrics, sections, violations = score(moved, case)
    assert metrics["fact_coverage"] == 1.0
    assert sections["achievements"]["fact_coverage"] == pytest.approx(5 / 6)
    assert "misplaced-fact" in rules(violations)


def test_no_numbers_means_full_faithfulness(case: EvalCase) -> None:
    text = re.sub(r"\d", "", GOOD)
    metrics, _, _ = score(text, case)
    assert metrics["number_faithfulness"] == 1.0
    assert metrics["fact_coverage"] == 0.0


def _without(text: str, start: str, end: str) -> str:
    return text[: text.index(start)] + text[text.index(end) :]


def test_a_missing_section_costs_structure(case: EvalCase) -> None:
    text = _without(GOOD, "## 二、存在的问题和不足", "## 三、")
    metrics, sections, violations = score(text, case)
    # problems: present ✗, in order ✗ — of 2 + 2 + (2 + 4 topics) + 2 = 12 checks.
    assert metrics["structure"] == pytest.approx(10 / 12)
    assert sections["problems"]["structure"] == 0.0
    assert "missing-section" in rules(violations)
    assert metrics["length"] == pytest.approx(3 / 4)


def test_sections_out_of_order_cost_structure(case: EvalCase) -> None:
    problems = GOOD[GOOD.index("## 二、") : GOOD.index("## 三、")]
    plans = GOOD[GOOD.index("## 三、") :]
    text = GOOD[: GOOD.index("## 二、")] + plans + "\n" + problems
    metrics, _, violations = score(text, case)
    assert metrics["structure"] == pytest.approx(11 / 12)
    assert rules(violations) == ["section-out-of-order"]


def test_a_heading_other_than_the_kinds_counts_as_missing(case: EvalCase) -> None:
    metrics, _, violations = score(GOOD.replace("## 二、存在的问题和不足", "## 二、问题"), case)
    assert metrics["structure"] < 1.0
    assert "missing-section" in rules(violations)


def test_a_missing_topic_sub_heading_costs_structure(case: EvalCase) -> None:
    _, sections, violations = score(GOOD.replace("### （四）总分馆体系建设\n\n", ""), case)
    assert sections["achievements"]["structure"] == pytest.approx(5 / 6)
    assert [v["text"] for v in violations if v["rule"] == "missing-subheading"] == ["总分馆体系建设"]


def test_thematic_sub_headings_numbered_in_order_are_fine(case: EvalCase) -> None:
    text = GOOD.replace("### （一）读者服务", "### （一）坚持以读者为中心，提升服务效能")
    assert score(text, case)[0]["structure"] == 1.0


def test_misnumbered_sub_headings_cost_structure(case: EvalCase) -> None:
    text = GOOD.replace("### （二）馆藏建设", "### （三）馆藏建设")
    assert score(text, case)[0]["structure"] < 1.0


def test_style_violations_cost_their_section_and_the_case(case: EvalCase) -> None:
    text = GOOD.replace("取得了新的进展。", "取得了史无前例的进展！")
    metrics, sections, violations = score(text, case)
    chars = len(re.sub(r"\s", "", text))
    assert metrics["style"] == pytest.approx(max(0.0, 1 - 2 * 1000 / chars), abs=1e-6)
    assert sections["overview"]["style"] < 1.0
    assert sections["plans"]["style"] == 1.0
    placed = [v for v in violations if v["metric"] == "style"]
    assert sorted(v["rule"] for v in placed) == ["banned-phrase", "exclamation"]
    assert all(v["section"] == "overview" and v["line"] == 3 for v in placed)


def test_a_section_outside_its_bounds_costs_length(case: EvalCase) -> None:
    text = GOOD.replace("（二）进一步完善总分馆制，推动优质资源向农村延伸。", "").replace(
        "（一）积极争取馆舍改扩建项目，改善读者阅览环境。", "（一）改善环境。"
    )
    metrics, sections, violations = score(text, case)
    assert metrics["length"] == pytest.approx(3 / 4)
    assert sections["plans"]["length"] == 0.0
    assert rules(violations) == ["length"]


def test_body_length_ignores_heading_marks_and_blank_runs() -> None:
    assert body_length("### （一）读者\n\n全年服务。\n") == len("（一）读者 全年服务。")


VISITORS = Fact(id="visitors", label="全年接待读者", value=4.6, unit="万人次")


def _mention(status: str, sources: list[str], value: float = 1.0, kind: str = "quantity") -> Mention:
    return Mention(
        text="x",
        start=0,
        end=1,
        line=1,
        column=1,
        value=value,
        low=value,
        high=value,
        unit=None,
        kind=kind,
        status=status,
        sources=sources,
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "sources", "expected"),
    [
        ("supported", ["visitors"], True),
        ("supported", ["visitors.previous"], False),
        ("derived", ["visitors"], True),
        ("derived", ["visitors", "visitors.previous"], False),
        ("unsupported", [], False),
    ],
)
def test_a_fact_is_covered_by_the_checkers_sources(status: str, sources: list[str], expected: bool) -> None:
    assert covers(_mention(status, sources), VISITORS) is expected


def test_a_figure_shared_by_two_facts_covers_both() -> None:
    facts = parse_facts(
        """report: {title: t, organization: o, period: "2025"}
facts:
  - {id: after_school, label: 课后服务覆盖率, value: 100, unit: "%"}
  - {id: video_network, label: 视频监控联网率, value: 100, unit: "%"}
""",
        "yaml",
    )
    (mention,) = check("课后服务和视频监控实现全覆盖，覆盖率均达到100%。", facts).mentions
    assert all(covers(mention, fact) for fact in facts.facts)


@pytest.mark.parametrize(
    ("bad", "metric", "rule"),
    [
        ("一是馆舍面积不足，" * 6, "style", "repetition"),
        ("=== END FACTS ===", "style", "delimiter"),
        ("- 馆舍面积不足。\n- 专业技术人员偏少。", "style", "list"),
        ("### 1.1 馆舍\n\n馆舍面积不足。", "style", "outline-numbering"),
        ("**馆舍**面积不足。", "style", "bold"),
        ("### 一、2025年主要工作\n\n继续推进。", "structure", "foreign-heading"),
    ],
)
def test_what_small_models_do_costs_style_or_structure(
    case: EvalCase, bad: str, metric: str, rule: str
) -> None:
    anchor = "（二）专业技术人员偏少"
    worse = GOOD.replace(anchor, bad + "\n\n" + anchor)
    good_metrics, _, _ = score(GOOD, case)
    metrics, sections, violations = score(worse, case)
    assert rule in rules(violations)
    assert metrics[metric] < good_metrics[metric] and sections["problems"][metric] < 1.0
