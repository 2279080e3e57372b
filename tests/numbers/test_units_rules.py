"""Issue 9's language rules of units, classifiers, figures glued to Latin letters, round figures, "nearly",
multiples of the previous value and English sentences: one row per rule, as a clerk would read it."""

from __future__ import annotations

from pathlib import Path

import pytest
from runner import Cli

from drafter import check
from drafter.facts import Facts
from drafter.numbers.extract import extract
from drafter.numbers.units import compatible


def _facts(*facts: dict[str, object], language: str = "zh") -> Facts:
    report = {"title": "2025年工作总结", "organization": "某县文化馆", "period": "2025", "language": language}
    return Facts.model_validate({"report": report, "facts": list(facts)})


@pytest.mark.parametrize(
    ("text_unit", "fact_unit", "ok"),
    [
        ("人", "名", True),  # synonym
        ("万元", "元", True),  # scale
        ("万人次", "人次", True),
        ("个", "所", True),  # 个 stands for the classifiers of its family
        ("个", "家", True),
        ("个", "座", True),
        ("个", "处", True),
        ("个", "期", True),  # … and their synonyms (期 = 班, 件 = 项)
        ("个", "件", True),
        ("所", "个", False),  # … but a fact counted in 个 is no evidence for a school count
        ("个", "人", False),  # 个 never counts people, visits, money, occasions or percentages
        ("个", "人次", False),
        ("个", "元", False),
        ("个", "次", False),
        ("个", "%", False),
        ("个", "场", False),
        ("版", "张", False),  # the classifiers of real reports are each their own
        ("幅", "张", False),
        ("块", "张", False),
        ("盘", "张", False),
        ("套", "间", False),
        ("部", "篇", False),
        ("例", "项", False),
        ("条", "项", False),
        ("台", "辆", False),
        ("台次", "车次", True),
        ("批", "批次", True),
        ("期", "期", True),
        ("轮", "轮", True),  # an unlisted classifier matches only itself
        ("轮", "所", False),
        ("名额", "名额", True),
        ("名额", "个", False),
        (None, "人", True),  # a bare figure fits any unit
        ("books", "loans", True),  # English nouns of the same category (things)
        ("volunteers", "people", True),
        ("visitors", "visits", False),  # people vs occasions
        ("days", "hours", False),  # measures are categories of their own
        ("pounds", "USD", False),
        ("percent", "个百分点", False),
        ("widgets", "loans", True),  # an unknown noun names no other dimension
    ],
)
def test_units_compatible(text_unit: str | None, fact_unit: str, ok: bool) -> None:
    assert compatible(text_unit, fact_unit) is ok


def test_an_english_noun_that_is_another_facts_word_contradicts() -> None:
    facts = _facts(
        {"id": "loans", "label": "physical loans", "value": 1126000, "unit": "loans"},
        {"id": "stock", "label": "books in the collection", "value": 640000, "unit": "books"},
        language="en",
    )
    alone = _facts(
        {"id": "loans", "label": "physical loans", "value": 1126000, "unit": "loans"}, language="en"
    )
    text = "The libraries lent more than 1.1 million books."
    assert check(text, alone).ok
    (mention,) = check(text, facts).mentions
    assert mention.status == "unsupported" and "book" in mention.reason


def test_an_english_noun_of_the_facts_own_label_does_not_contradict() -> None:
    facts = _facts(
        {"id": "served", "label": "housebound readers served", "value": 340, "unit": "people"},
        {"id": "goal", "label": "housebound readers target", "value": 400, "unit": "people"},
        language="en",
    )
    (mention,) = check("The home library service reached 340 housebound readers.", facts).mentions
    assert mention.status == "supported", mention.reason


@pytest.mark.parametrize(
    ("text", "unit", "value", "status"),
    [
        ("全县共有志愿服务队3200个。", "人", 3200, "unsupported"),
        ("全县共有志愿服务队3200支。", "人", 3200, "unsupported"),
        ("展出宣传板报40版。", "张", 40, "unsupported"),
        ("展出宣传板报40版。", "版", 40, "supported"),
        ("新建村级文化服务中心12个。", "所", 12, "supported"),
        ("新建村级文化服务中心12所。", "个", 12, "unsupported"),
        ("开展流动服务12轮。", "轮", 12, "supported"),
        ("开展流动服务12轮。", "次", 12, "unsupported"),
        ("举办书画展览2场，展出作品300幅。", "幅", 300, "supported"),
        ("完成台账整理30套。", "间", 30, "unsupported"),
    ],
)
def test_classifier_in_a_draft(text: str, unit: str, value: int, status: str) -> None:
    facts = _facts(
        {"id": "f", "label": "指标", "value": value, "unit": unit},
        {"id": "g", "label": "场次", "value": 2, "unit": "场"},
    )
    statuses = {m.text: m.status for m in check(text, facts).mentions}
    counted = [t for t in statuses if t.startswith(str(value))]
    assert [statuses[t] for t in counted] == [status]


@pytest.mark.parametrize(
    ("text", "mention", "kind", "value"),
    [
        ("采购DVD48张", "48张", "quantity", 48),
        ("配备U盘20个", "20个", "quantity", 20),
        ("购置CD-ROM 12套", "12套", "quantity", 12),
        ("购置CD-ROM12套", "12套", "quantity", 12),
        ("购买iPad30多台", "30多台", "quantity", 30),
        ("G320国道", "G320", "term", None),
        ("建成5G基站", "5G", "term", None),
        ("MP3播放器", "MP3", "term", None),
        ("A4纸", "A4", "term", None),
        ("购置设备12台套", "12台套", "quantity", 12),
        ("通过ISO9001认证", "ISO9001", "term", None),
        ("COVID-19疫情", "COVID-19", "term", None),
        ("B2栋", "B2", "term", None),  # one letter and a building: a name
    ],
)
def test_figures_glued_to_latin_letters(text: str, mention: str, kind: str, value: int | None) -> None:
    (found,) = [f for f in extract(text) if f.kind in ("quantity", "term")]
    assert (text[found.start : found.end], found.kind, found.value) == (mention, kind, value)


@pytest.mark.parametrize(
    ("fact", "text", "status"),
    [
        (5200, "全年服务群众1万人次。", "unsupported"),  # a bare round figure is ±10 %, not ±50 %
        (9720, "全年服务群众1万人次。", "supported"),
        (8900, "全年服务群众1万人次。", "unsupported"),
        (8100, "全年服务群众约1万人次。", "supported"),  # 约 is at most ±20 %
        (7900, "全年服务群众约1万人次。", "unsupported"),
        (11800, "全年服务群众1.2万人次。", "supported"),  # the precision rule when tighter: [11500, 12500)
        (12600, "全年服务群众1.2万人次。", "unsupported"),
        (9100, "全年服务群众近万人次。", "supported"),  # one significant digit: [0.9 N, N)
        (10000, "全年服务群众近万人次。", "unsupported"),
        (8900, "全年服务群众近万人次。", "unsupported"),
        (12800, "全年服务群众近1.3万人次。", "supported"),  # two: [N − u/2, N)
        (12400, "全年服务群众近1.3万人次。", "unsupported"),
        (2_318_440, "The libraries served nearly 2.4 million people.", "unsupported"),
        (2_318_440, "The libraries served more than 2.3 million people.", "supported"),
        (1_850_000, "The libraries served nearly 2 million people.", "supported"),
        (1_750_000, "The libraries served nearly 2 million people.", "unsupported"),
        (1_650_000, "The libraries served about 2 million people.", "supported"),
        (1_550_000, "The libraries served about 2 million people.", "unsupported"),
        (1_850_000, "The libraries served 2 million people.", "supported"),
        (1_750_000, "The libraries served 2 million people.", "unsupported"),
    ],
)
def test_round_and_nearly_figures(fact: int, text: str, status: str) -> None:
    # English rows are written in English and counted in people; Chinese ones in 人次
    english = text.isascii()
    unit, label = ("people", "people served") if english else ("人次", "服务群众")
    served = {"id": "served", "label": label, "value": fact, "unit": unit}
    facts = _facts(served, language="en" if english else "zh")
    (mention,) = check(text, facts).mentions
    assert mention.status == status, mention.reason


@pytest.mark.parametrize(
    ("text", "previous", "status"),
    [
        ("门诊量比上年翻了一番。", 5200, "derived"),
        ("门诊量比上年翻番。", 5200, "derived"),
        ("门诊量比上年增长一倍。", 5200, "derived"),
        ("门诊量比上年翻了一番。", 7000, "unsupported"),
        ("门诊量比上年翻两番。", 2600, "derived"),
        ("门诊量比上年翻两番。", 5200, "unsupported"),
        ("Visits doubled.", 5200, "derived"),
        ("Visits tripled.", 3450, "derived"),
        ("Visits tripled.", 5200, "unsupported"),
    ],
)
def test_multiples_of_previous(text: str, previous: int, status: str) -> None:
    facts = _facts({"id": "visits", "label": "门诊量", "value": 10300, "unit": "人次", "previous": previous})
    multiples = [m for m in check(text, facts).mentions if m.unit == "倍"]
    assert [m.status for m in multiples] == [status]


@pytest.mark.parametrize(
    "text", ["The team doubled its efforts.", "The hall doubled as a venue.", "They doubled down on it."]
)
def test_doubled_without_a_figure_is_no_mention(text: str) -> None:
    assert extract(text) == []


def test_an_english_figure_is_judged_with_its_own_sentence() -> None:
    facts = _facts(
        {"id": "physical", "label": "physical loans", "value": 1126000, "unit": "loans", "previous": 1090000},
        {"id": "ebook", "label": "e-book loans", "value": 96400, "unit": "loans", "previous": 81557},
        language="en",
    )
    text = (
        "The libraries issued more than 1.1 million physical loans. "
        "E-book loans grew by 18.2% year on year to 96,400."
    )
    report = check(text, facts)
    assert report.ok, [(m.text, m.reason) for m in report.unsupported]


@pytest.mark.parametrize(
    "text",
    [
        "编号" + "7" * 41 + "。",
        "全年服务" + "1" + "0" * 400 + "人。",
        "共" + "三" * 60 + "人。",
    ],
)
def test_an_over_long_run_of_numerals_is_an_unsupported_mention(text: str) -> None:
    facts = _facts({"id": "f", "label": "人数", "value": 5, "unit": "人"})
    report = check(text, facts)
    assert not report.ok and len(report.unsupported) == 1


def test_a_fact_value_no_float_holds_is_one_line(cli: Cli, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        'report: {title: 报告, organization: 某局, period: "2025"}\n'
        f"facts:\n  - {{id: a, label: 人数, value: {10**400}, unit: 人}}\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.md"
    draft.write_text("全年服务群众500人。", encoding="utf-8")
    result = cli("check", draft, "--facts", facts)
    assert result.code == 2 and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "facts.yaml:3" in result.err and "at most 18 digits" in result.err


def test_the_text_table_of_a_long_draft_is_capped(cli: Cli, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        'report: {title: 报告, organization: 某局, period: "2025"}\n'
        "facts:\n  - {id: a, label: 人数, value: 5, unit: 人}\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.md"
    draft.write_text(",".join(["7"] * 1000), encoding="utf-8")
    result = cli("check", draft, "--facts", facts)
    assert result.code == 1
    assert "… and 900 more (--format json lists them all)" in result.out
    assert "1000 unsupported" in result.out


@pytest.mark.parametrize(
    ("written", "name", "factor"),
    [
        ("$m", "$", 1e6),  # the money abbreviations of English budgets, before or after the sign or code
        ("£bn", "£", 1e9),
        ("€k", "€", 1e3),
        ("USD million", "$", 1e6),
        ("million dollars", "$", 1e6),
        ("$ million", "$", 1e6),
        ("million visits", "visit", 1e6),  # a scale word goes with any unit, listed or not …
        ("million downloads", "download", 1e6),
        ("m", "m", 1.0),  # … but m alone is metres, and km is no money
        ("km", "米", 1e3),
        ("USD", "USD", 1.0),
    ],
)
def test_english_scale_words_in_a_facts_unit(written: str, name: str, factor: float) -> None:
    from drafter.numbers.units import unit_of

    unit = unit_of(written)
    assert unit is not None
    assert (unit.name, unit.factor) == (name, factor)


@pytest.mark.parametrize(
    ("text", "value", "unit", "status"),
    [
        ("Total income came to $78.4 million.", 78.4, "$m", "supported"),
        ("Total income came to $78.4 thousand.", 78.4, "$m", "unsupported"),
        ("Online visits reached 1.92 million.", 1.92, "million visits", "supported"),
        ("Online visits reached 1,920.", 1.92, "million visits", "unsupported"),
    ],
)
def test_a_fact_in_millions_is_checked_in_its_real_size(
    text: str, value: float, unit: str, status: str
) -> None:
    facts = _facts(
        {"id": "x", "label": "total income and online visits", "value": value, "unit": unit}, language="en"
    )
    assert [m.status for m in check(text, facts).mentions] == [status]
