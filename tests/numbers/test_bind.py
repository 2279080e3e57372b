"""Attribution: each figure is judged with the fact its clause speaks of (issue examples, table-driven)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from drafter import check
from drafter.facts import Facts

FACTS = Facts.model_validate(
    {
        "report": {"title": "某县文化馆2025年工作总结", "organization": "某县文化馆", "period": "2025"},
        "facts": [
            {"id": "safety_books", "label": "征订《安全生产知识读本》", "value": 1200, "unit": "册"},
            {"id": "handbooks", "label": "征订《法治宣传手册》", "value": 350, "unit": "册"},
            {"id": "meetings", "label": "召开专题会议", "value": 3, "unit": "次"},
            {"id": "culture_events", "label": "组织“送文化下乡”活动", "value": 2, "unit": "次"},
            {"id": "outpatients", "label": "门急诊人次", "value": 486320, "unit": "人次", "previous": 452000},
            {"id": "inpatients", "label": "出院患者", "value": 23850, "unit": "人次", "previous": 21240},
            {"id": "lectures", "label": "举办公益讲座", "value": 36, "unit": "场"},
            {"id": "shows", "label": "送戏下乡演出", "value": 14, "unit": "场"},
            {"id": "surgeries", "label": "完成手术", "value": 6800, "unit": "台", "approx": "more-than"},
            {"id": "visits", "label": "门诊和急诊", "aliases": ["门急诊"], "value": 9100, "unit": "人"},
        ],
    }
)


@pytest.mark.parametrize(
    ("text", "figure", "status", "claimed"),
    [
        (
            "征订《安全生产知识读本》350册，征订《法治宣传手册》1200册。",
            "350册",
            "misattributed",
            "safety_books",
        ),
        (
            "征订《安全生产知识读本》350册，征订《法治宣传手册》1200册。",
            "1200册",
            "misattributed",
            "handbooks",
        ),
        ("征订《安全生产知识读本》1200册、《法治宣传手册》350册。", "350册", "supported", "handbooks"),
        ("召开专题会议2次，组织“送文化下乡”活动3次。", "2次", "misattributed", "meetings"),
        ("召开专题会议2次，组织“送文化下乡”活动3次。", "3次", "misattributed", "culture_events"),
        ("召开专题会议3次，组织“送文化下乡”活动2次。", "2次", "supported", "culture_events"),
        # a figure that names nothing goes on about the fact before it in its sentence
        ("出院患者23850人次，上年为21240人次。", "21240人次", "supported", "inpatients"),
        ("出院患者23850人次，上年为452000人次。", "452000人次", "misattributed", "inpatients"),
        # derived figures follow the claim: the growth in a clause about outpatients is theirs
        ("门急诊人次486320人次，同比增长7.6%。", "7.6%", "derived", "outpatients"),
        ("门急诊人次同比增长12.3%。", "12.3%", "misattributed", "outpatients"),
        # generic clauses: no clear subject, matched by value only
        ("全年共举办各类活动36场。", "36场", "supported", None),
        # an alias is the fact's label in other words
        ("门急诊9100人。", "9100人", "supported", "visits"),
    ],
)
def test_attribution(text: str, figure: str, status: str, claimed: str | None) -> None:
    mention = next(m for m in check(text, FACTS).mentions if m.text == figure)
    assert (mention.status, mention.claimed) == (status, claimed), mention.reason


def test_misattributed_reason_names_both_facts_in_plain_words() -> None:
    text = "征订《安全生产知识读本》350册，征订《法治宣传手册》1200册。"
    mention = check(text, FACTS).mentions[0]
    assert mention.reason == (
        "350册 is the figure of handbooks (征订《法治宣传手册》); "
        "this clause speaks of safety_books (征订《安全生产知识读本》): 1200册"
    )
    assert mention.sources == ["handbooks"] and mention.attribution is not None
    assert 0 < mention.attribution <= 1


def test_generic_clause_says_matched_by_value_only() -> None:
    mention = check("全年共举办各类活动36场。", FACTS).mentions[0]
    assert mention.claimed is None and mention.attribution is None
    assert mention.reason.endswith("matched by value only")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "完成手术6800台。",
            "the facts say 6800多台（surgeries）; the draft states exactly 6800 — write 6800多 or 6800余",
        ),
        ("举办公益讲座13场。", "no fact has 13 场"),
    ],
)
def test_reasons_a_clerk_understands(text: str, reason: str) -> None:
    mention = check(text, FACTS).mentions[0]
    assert mention.status == "unsupported"
    assert mention.reason.startswith(reason), mention.reason


def test_summary_counts_misattributed_and_report_fails() -> None:
    report = check("召开专题会议2次，组织“送文化下乡”活动3次。", FACTS)
    assert report.summary()["misattributed"] == 2
    assert not report.ok and len(report.failures) == 2 and not report.unsupported


def test_cli_check_exits_1_on_misattributed_with_claimed_in_json(tmp_path: object) -> None:
    from pathlib import Path

    import yaml

    from drafter.cli.main import app

    base = Path(str(tmp_path))
    facts = base / "facts.yaml"
    facts.write_text(yaml.safe_dump(FACTS.model_dump(mode="json"), allow_unicode=True), encoding="utf-8")
    draft = base / "draft.md"
    draft.write_text("召开专题会议2次，组织“送文化下乡”活动3次。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(draft), "--facts", str(facts), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"]["misattributed"] == 2
    assert [m["claimed"] for m in data["mentions"]] == ["meetings", "culture_events"]
    text = CliRunner().invoke(app, ["check", str(draft), "--facts", str(facts)])
    assert text.exit_code == 1 and "misattributed" in text.stdout


def test_repair_problem_gives_the_claimed_facts_figure() -> None:
    from drafter.plan import plan_report
    from drafter.repair import make_version, repair_problems

    plan = plan_report(FACTS)
    section = next(s for s in plan.sections if any(f.id == "meetings" for f in s.facts()))
    text = "召开专题会议2次，组织“送文化下乡”活动3次。"
    version = make_version(text, check(text, FACTS), [], section)
    first = repair_problems(FACTS, section, version)["unsupported_figures"][0]
    assert first["figure"] == "2次" and first["about"]["id"] == "meetings" and first["about"]["value"] == 3
    assert "speaks of meetings" in first["problem"]
    assert first["may_use"][0]["id"] == "meetings"
