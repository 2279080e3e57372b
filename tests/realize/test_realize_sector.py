"""Register by kind of organisation (report.sector), the `say` template, and offline drafts checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from realize_helpers import make_facts, markdown
from runner import Cli

from drafter.errors import FactsError
from drafter.facts import parse_facts
from drafter.facts.sector import infer_sector, report_sector


@pytest.mark.parametrize(
    ("organization", "language", "sector"),
    [
        ("青溪县教育局", "zh", "government"),
        ("清河市文明办", "zh", "government"),
        ("青溪县卫生健康委员会", "zh", "government"),
        ("中共青溪县委", "zh", "party"),
        ("青溪县人民医院", "zh", "hospital"),
        ("青溪镇卫生院", "zh", "hospital"),
        ("临川县第一中学", "zh", "school"),
        ("东海物流有限公司青溪分公司", "zh", "enterprise"),
        ("青溪县青年志愿者协会", "zh", "ngo"),
        ("青溪县慈善基金会", "zh", "ngo"),
        ("青溪县图书馆", "zh", "government"),  # none of the above: a public body
        ("Riverside Public Library", "en", "government"),
        ("Eastgate Community Health Centre", "en", "hospital"),
        ("Riverside Food Bank", "en", "ngo"),
        ("Northfield Logistics Ltd", "en", "enterprise"),
        ("Hillside Academy", "en", "school"),
    ],
)
def test_the_sector_is_inferred_from_the_organisations_name(
    organization: str, language: str, sector: str
) -> None:
    assert infer_sector(organization, language) == sector


@pytest.mark.parametrize(
    ("given", "sector"), [("company", "enterprise"), ("charity", "ngo"), ("hospital", "hospital")]
)
def test_a_stated_sector_overrides_the_name(given: str, sector: str) -> None:
    facts = make_facts("zh", organization="青溪县教育局", sector=given)
    assert report_sector(facts.report) == sector


def test_an_unknown_sector_is_one_clear_error_with_a_suggestion() -> None:
    text = "report: {title: t, organization: o, period: '2025', sector: compnay}\n"
    with pytest.raises(FactsError) as info:
        parse_facts(text, "yaml", Path("facts.yaml"))
    assert "sector" in str(info.value) and "company" in str(info.value)


FORMULAS = ("习近平", "党中央", "稳中求进", "上级党委", "二十大")
ACHIEVEMENT = {"id": "a", "label": "实现营业收入", "value": 3.46, "unit": "亿元", "topic": "经营业绩"}
PLAN = {"section": "plans", "topic": "市场开拓", "text": "拓展冷链物流业务。"}


@pytest.mark.parametrize(
    ("organization", "sector", "political"),
    [
        ("青溪县教育局", None, True),
        ("东海物流有限公司青溪分公司", None, False),
        ("青溪县人民医院", None, False),
        ("青溪县教育局", "enterprise", False),
        ("青溪分公司", "government", True),
    ],
)
def test_political_formulas_only_where_a_government_report_uses_them(
    organization: str, sector: str | None, political: bool
) -> None:
    extra = {"sector": sector} if sector else {}
    facts = make_facts("zh", facts=[ACHIEVEMENT], notes=[PLAN], organization=organization, **extra)
    text = markdown(facts)
    assert any(f in text for f in FORMULAS) == political, text
    assert "较好地完成了各项目标任务" not in text and "取得了明显成效" not in text


@pytest.mark.parametrize(
    ("language", "say", "expected"),
    [
        ("zh", "为群众发放图书{figure}", "为群众发放图书1234册"),
        ("en", "issued {figure} physical loans", "The library issued 1,234 physical loans"),
        ("en", "Physical loans numbered {figure} in all", "Physical loans numbered 1,234 in all"),
        # Fact text is data: only {figure} is filled, nothing else is read as a template.
        ("en", "issued {figure} loans to {org} {label}", "issued 1,234 loans to {org} {label}"),
    ],
)
def test_a_fact_may_say_how_it_is_written(language: str, say: str, expected: str) -> None:
    unit = "册" if language == "zh" else None
    fact = {"id": "a", "label": "外借", "value": 1234, "unit": unit, "say": say, "topic": "Use"}
    org = {"organization": "Riverside Public Library"} if language == "en" else {}
    assert expected in markdown(make_facts(language, facts=[fact], **org))


@pytest.mark.parametrize("say", ["issued loans", "issued {figure} loans, {figure} renewals"])
def test_say_needs_exactly_one_figure_slot(say: str) -> None:
    head = "report: {title: t, organization: o, period: '2025'}\nfacts:\n"
    text = head + f"  - {{id: a, label: l, value: 3, say: '{say}'}}\n"
    with pytest.raises(FactsError) as info:
        parse_facts(text, "yaml", Path("facts.yaml"))
    assert "{figure}" in str(info.value)


def test_an_offline_draft_goes_through_the_checker(cli: Cli, tmp_path: Path) -> None:
    # A say template that states a number of its own: the checker catches it and draft exits 1.
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "report: {title: 某局2025年工作总结, organization: 某局, period: '2025'}\n"
        "facts:\n  - {id: a, label: 举办培训, value: 12, unit: 期, say: '举办培训{figure}，覆盖7个乡镇'}\n",
        encoding="utf-8",
    )
    result = cli("draft", facts, "--backend", "offline")
    assert result.code == 1
    assert "unsupported figures" in result.err and "7个" in result.err
    assert "举办培训12期，覆盖7个乡镇" in result.out
    facts.write_text(facts.read_text(encoding="utf-8").replace("，覆盖7个乡镇", ""), encoding="utf-8")
    assert cli("draft", facts, "--backend", "offline").code == 0
