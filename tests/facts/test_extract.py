"""`drafter facts extract`: last year's report → facts skeleton (round trip and office-written reports)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from facts_builders import write_docx
from runner import Cli

from drafter.facts import load_facts

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in (".yaml", ".json", ".toml"))

Expected = tuple[
    str, float, str | None, str, str, str | None
]  # label, previous, unit, approx, section, topic


def _extract(cli: Cli, report: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / f"{report.stem}-skeleton.yaml"
    code, _, err = cli("facts", "extract", str(report), "-o", str(out))
    assert code == 0, err
    data: dict[str, Any] = yaml.safe_load(out.read_text(encoding="utf-8"))
    return data


def _key(fact: dict[str, Any]) -> Expected:
    return (
        fact["label"],
        float(fact["previous"]),
        fact.get("unit"),
        fact.get("approx", "exact"),
        fact["section"],
        fact.get("topic"),
    )


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_round_trip_recovers_the_facts_of_each_offline_draft(example: Path, tmp_path: Path, cli: Cli) -> None:
    draft = tmp_path / "x.md"
    done = cli("draft", example, "--backend", "offline", "-o", draft)
    assert done.code == 0, done.err
    skeleton = _extract(cli, draft, tmp_path)
    original = load_facts(example)
    left = list(skeleton["facts"])
    recovered = 0
    for fact in original.facts:
        want = (float(fact.value), fact.unit, fact.approx, fact.section or "achievements", fact.topic)
        hit = next((f for f in left if _key(f)[1:] == want), None)
        if hit is not None:
            recovered += 1
            left.remove(hit)
    print(f"{example.name}: {recovered}/{len(original.facts)} figures recovered, {len(left)} extra")
    assert recovered >= 0.95 * len(original.facts)
    assert all(f["value"] is None for f in skeleton["facts"])
    assert skeleton["report"]["period"] != original.report.period  # advanced by one year


CULTURE = [
    ("title", "青溪县文明办2024年精神文明建设工作总结"),
    "二○二四年，县文明办在县委的坚强领导下，以社会主义核心价值观为引领，深入推进精神文明建设各项工作。"
    "全年共开展各类文明实践活动5000多场，参与群众近万人次。",
    ("bold", "一、2024年主要工作"),
    ("bold", "（一）理论武装"),
    "一是组织“四下乡”宣讲活动320场，同比增长12.5%；二是举办第三届读书节，吸引读者千余人参加；三是培训理论宣讲员260名。",
    ("bold", "（二）文明创建"),
    "全县新增市级文明村镇15个、县级文明单位42家，文明村镇占比达到63.5%，比上年提高4.2个百分点。",
    ("bold", "（三）志愿服务"),
    "志愿服务主要指标见下表。",
    (
        "table",
        [
            ["指标", "2024年", "2023年", "单位"],
            ["志愿服务队伍", "1,260", "1,180", "支"],
            ["注册志愿者", "5.6", "5.1", "万人"],
            ["志愿服务时长", "38万", "31万", "小时"],
        ],
    ),
    ("bold", "二、存在的问题"),
    "（一）在阵地建设方面，部分新时代文明实践站活动不够经常，全县仍有12个站点未达标。",
    "（二）在工作机制方面，部门协同联动还不够紧密。",
    ("bold", "三、2025年工作安排"),
    "（一）深化理论宣讲。计划开展宣讲活动400场以上。",
    "青溪县文明办",
    "2025年1月8日",
]
CULTURE_FACTS: list[Expected] = [
    ("开展各类文明实践活动", 5000, "场", "more-than", "overview", None),
    ("参与群众", 10000, "人次", "nearly", "overview", None),
    ("组织“四下乡”宣讲活动", 320, "场", "exact", "achievements", "理论武装"),
    ("吸引读者", 1000, "人", "more-than", "achievements", "理论武装"),
    ("培训理论宣讲员", 260, "名", "exact", "achievements", "理论武装"),
    ("全县新增市级文明村镇", 15, "个", "exact", "achievements", "文明创建"),
    ("县级文明单位", 42, "家", "exact", "achievements", "文明创建"),
    ("文明村镇占比", 63.5, "%", "exact", "achievements", "文明创建"),
    ("志愿服务队伍", 1260, "支", "exact", "achievements", "志愿服务"),
    ("注册志愿者", 5.6, "万人", "exact", "achievements", "志愿服务"),
    ("志愿服务时长", 38, "万小时", "exact", "achievements", "志愿服务"),
    ("全县仍有站点未达标", 12, "个", "exact", "problems", "阵地建设"),
    ("开展宣讲活动", 400, "场", "at-least", "plans", "理论宣讲"),
]

HOSPITAL = [
    ("title", "青溪县中医院2024年工作总结"),
    "2024年，医院坚持公益性办院方向，全年完成门急诊诊疗32.5万人次，同比增长8.3%；出院患者1.2万余人次。",
    ("heading 1", "一、主要工作及成效"),
    ("heading 2", "（一）医疗质量"),
    "微创手术占比达到45.6%，比上年提高3.2个百分点；平均住院日缩短至8.1天。",
    ("heading 2", "（二）人才培养"),
    "引进硕士研究生12名，选派骨干医师外出进修26人次，开展院内培训140余场。",
    ("table", [["项目", "数量", "单位"], ["家庭医生签约", "3.8万", "人"], ["健康讲座", "近200", "场"]]),
    ("heading 1", "二、存在的问题"),
    "（一）人才队伍方面。高级职称人员仅占18.5%，学科带头人不足。",
    ("heading 1", "三、2025年工作计划"),
    "（一）提升服务能力。力争门急诊诊疗量突破35万人次。",
    "青溪县中医院",
    "二○二五年一月十五日",
]
HOSPITAL_FACTS: list[Expected] = [
    ("全年完成门急诊诊疗", 32.5, "万人次", "exact", "overview", None),
    ("出院患者", 1.2, "万人次", "more-than", "overview", None),
    ("微创手术占比", 45.6, "%", "exact", "achievements", "医疗质量"),
    ("平均住院日", 8.1, "天", "exact", "achievements", "医疗质量"),
    ("引进硕士研究生", 12, "名", "exact", "achievements", "人才培养"),
    ("选派骨干医师外出进修", 26, "人次", "exact", "achievements", "人才培养"),
    ("开展院内培训", 140, "场", "more-than", "achievements", "人才培养"),
    ("家庭医生签约", 3.8, "万人", "exact", "achievements", "人才培养"),
    ("健康讲座", 200, "场", "nearly", "achievements", "人才培养"),
    ("高级职称人员", 18.5, "%", "exact", "problems", "人才队伍"),
    ("门急诊诊疗量", 35, "万人次", "exact", "plans", "服务能力"),
]

LIBRARY = """青溪县图书馆2024年工作总结

2024年，我馆紧紧围绕建设书香青溪的目标，扎实推进各项工作，现总结如下。

一、主要工作
（一）阅读推广
一是全年接待读者23.6万人次，比上年增长9.4%；二是新增馆藏图书1.2万册，其中少儿图书3000余册；三是举办阅读推广活动86场，参与群众5000多人次。
（二）数字服务
数字资源访问量达到42万次，微信公众号关注用户近2万人。
二、存在的问题
馆舍面积仅2800平方米，与服务人口不相适应。
三、2025年工作打算
（一）推进总分馆建设。新建乡镇分馆5个。

青溪县图书馆
2025年1月6日
"""
LIBRARY_FACTS: list[Expected] = [
    ("全年接待读者", 23.6, "万人次", "exact", "achievements", "阅读推广"),
    ("新增馆藏图书", 1.2, "万册", "exact", "achievements", "阅读推广"),
    ("少儿图书", 3000, "册", "more-than", "achievements", "阅读推广"),
    ("举办阅读推广活动", 86, "场", "exact", "achievements", "阅读推广"),
    ("参与群众", 5000, "人次", "more-than", "achievements", "阅读推广"),
    ("数字资源访问量", 42, "万次", "exact", "achievements", "数字服务"),
    ("微信公众号关注用户", 2, "万人", "nearly", "achievements", "数字服务"),
    ("馆舍面积", 2800, "平方米", "exact", "problems", None),
    ("新建乡镇分馆", 5, "个", "exact", "plans", "总分馆建设"),
]


def _write(tmp_path: Path, name: str, content: object) -> Path:
    if isinstance(content, str):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        return path
    return write_docx(tmp_path / name, content)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "content", "expected", "report"),
    [
        (
            "culture-2024.docx",
            CULTURE,
            CULTURE_FACTS,
            ("青溪县文明办2025年精神文明建设工作总结", "青溪县文明办"),
        ),
        ("hospital-2024.docx", HOSPITAL, HOSPITAL_FACTS, ("青溪县中医院2025年工作总结", "青溪县中医院")),
        ("library-2024.txt", LIBRARY, LIBRARY_FACTS, ("青溪县图书馆2025年工作总结", "青溪县图书馆")),
    ],
    ids=["culture-docx-bold-headings", "hospital-docx-heading-styles", "library-txt"],
)
def test_office_reports_give_exactly_their_facts(
    name: str,
    content: object,
    expected: list[Expected],
    report: tuple[str, str],
    tmp_path: Path,
    cli: Cli,
) -> None:
    skeleton = _extract(cli, _write(tmp_path, name, content), tmp_path)
    got = [_key(f) for f in skeleton["facts"]]
    assert got == expected
    assert (skeleton["report"]["title"], skeleton["report"]["organization"]) == report
    assert (skeleton["report"]["period"], skeleton["report"]["next_period"]) == ("2025", "2026")


def test_names_go_to_terms_and_plain_sentences_to_notes(tmp_path: Path, cli: Cli) -> None:
    skeleton = _extract(cli, _write(tmp_path, "culture.docx", CULTURE), tmp_path)
    assert "四下乡" in skeleton["terms"]
    notes = {(n["section"], n.get("topic")): n["text"] for n in skeleton["notes"]}
    assert notes[("problems", "工作机制")] == "在工作机制方面，部门协同联动还不够紧密。"
    assert "二○二四年，县文明办在县委的坚强领导下" in notes[("overview", None)]
    # The issuer and the date that close the report are neither notes nor facts.
    assert not any("2025年1月8日" in n["text"] or n["text"] == "青溪县文明办" for n in skeleton["notes"])


def test_the_skeleton_quotes_each_source_sentence_and_place(tmp_path: Path, cli: Cli) -> None:
    report = _write(tmp_path, "library.txt", LIBRARY)
    out = tmp_path / "s.yaml"
    assert cli("facts", "extract", str(report), "-o", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "# line 7: 一是全年接待读者23.6万人次，比上年增长9.4%；" in text
    assert "# line 11: 馆舍面积仅2800平方米，与服务人口不相适应。" in text


def test_the_skeleton_is_refused_by_validate_and_draft_until_filled(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "s.yaml"
    cli("facts", "extract", str(_write(tmp_path, "library.txt", LIBRARY)), "-o", str(out))
    code, _, err = cli("validate", str(out))
    lines = err.strip().splitlines()
    assert code == 2
    assert (
        len(lines) == len(LIBRARY_FACTS) + 1
        and lines[-1] == f"error: {len(LIBRARY_FACTS)} facts have no value yet"
    )
    assert (
        lines[0].startswith(f"error: {out}:")
        and "facts[0].value: no value yet for '全年接待读者'" in lines[0]
    )
    code, _, draft_err = cli("draft", str(out), "--backend", "offline", "-o", str(tmp_path / "d.md"))
    assert code == 2 and draft_err == err
    assert not (tmp_path / "d.md").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", "x", "unknown report type '.pdf'"),
        ("missing.docx", None, "no such file"),
        ("broken.docx", "not a zip", "not a Word .docx document"),
    ],
)
def test_unreadable_reports_give_one_line(
    name: str, content: str | None, message: str, tmp_path: Path, cli: Cli
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, _, err = cli("facts", "extract", str(path), "-o", str(tmp_path / "s.yaml"))
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "s.yaml").exists()


def test_extract_never_overwrites_without_force(tmp_path: Path, cli: Cli) -> None:
    report = _write(tmp_path, "library.txt", LIBRARY)
    out = tmp_path / "s.yaml"
    out.write_text("mine", encoding="utf-8")
    code, _, err = cli("facts", "extract", str(report), "-o", str(out))
    assert code == 2 and "refusing to overwrite" in err and out.read_text(encoding="utf-8") == "mine"
    assert cli("facts", "extract", str(report), "-o", str(out), "--force")[0] == 0


ENGLISH = """# Millbrook Community Trust Annual Report 2024

## Overview

During 2024 the Trust supported 1,240 households across the district, up from 1,105 in 2023.

## Main achievements

### Food support

The food bank distributed more than 18,500 parcels, an increase of 9.2%. There were 312 volunteers.

| Measure | 2024 | 2023 |
|---|---|---|
| Grants awarded ($) | 84,000 | 79,500 |
| Advice sessions | 2,130 | 1,980 |

## Problems and challenges

1. Premises. The warehouse lease ends in 2026 and rent rose by about 15%.

## Plans for 2025

1. Outreach. Reach at least 1,500 households.
"""


def test_english_markdown_report_with_a_table(tmp_path: Path, cli: Cli) -> None:
    skeleton = _extract(cli, _write(tmp_path, "millbrook-2024.md", ENGLISH), tmp_path)
    got = [_key(f) for f in skeleton["facts"]]
    assert got == [
        ("households across the district", 1240, None, "exact", "overview", None),
        ("parcels", 18500, None, "more-than", "achievements", "Food support"),
        ("volunteers", 312, None, "exact", "achievements", "Food support"),
        ("Grants awarded", 84000, "USD", "exact", "achievements", "Food support"),  # unit from the row's ($)
        ("Advice sessions", 2130, None, "exact", "achievements", "Food support"),
        # a stand-alone rate is a fact; 2026 (a year) is not
        ("warehouse lease ends in 2026 and rent rose", 15, "%", "about", "problems", "Premises"),
        ("households", 1500, None, "at-least", "plans", "Outreach"),
    ]
    assert skeleton["report"] == {
        "title": "Millbrook Community Trust Annual Report 2025",
        "organization": "Millbrook Community Trust",
        "period": "2025",
        "next_period": "2026",
        "kind": "work-summary",
        "language": "en",
    }


def test_an_empty_report_is_one_line(tmp_path: Path, cli: Cli) -> None:
    code, _, err = cli("facts", "extract", _write(tmp_path, "empty.md", "\n\n"), "-o", tmp_path / "s.yaml")
    assert code == 2 and "the report has no text" in err and not (tmp_path / "s.yaml").exists()
