"""Support, derivation and unsupported verdicts of ``drafter.check`` on small facts files."""

from __future__ import annotations

import dataclasses
import gc
import inspect
from typing import Any

import pytest

from drafter import check
from drafter.facts import Facts
from drafter.numbers.report import Mention


def facts(
    *items: dict[str, Any],
    notes: list[Any] | None = None,
    terms: list[str] | None = None,
    language: str = "zh",
    **report: Any,
) -> Facts:
    """Return a Facts object with the given facts (period 2025, next period 2026 by default)."""
    meta = {
        "title": "某县文化馆2025年度工作总结",
        "organization": "某县文化馆",
        "period": "2025",
        "next_period": "2026",
        "language": language,
        **report,
    }
    return Facts.model_validate(
        {"report": meta, "facts": list(items), "notes": notes or [], "terms": terms or []}
    )


ZH = facts(
    {
        "id": "training",
        "label": "举办培训班",
        "value": 109,
        "unit": "期",
        "previous": 87,
        "section": "achievements",
        "topic": "培训",
    },
    {
        "id": "trainees",
        "label": "培训学员",
        "value": 8450,
        "unit": "人次",
        "section": "achievements",
        "topic": "培训",
    },
    {
        "id": "lectures",
        "label": "举办讲座",
        "value": 36,
        "unit": "场",
        "section": "achievements",
        "topic": "讲座",
    },
    {
        "id": "exhibitions",
        "label": "举办展览",
        "value": 14,
        "unit": "场",
        "section": "achievements",
        "topic": "讲座",
    },
    {"id": "medicine_value", "label": "赠送药品价值", "value": 5230, "unit": "元", "section": "achievements"},
    {"id": "volunteers", "label": "志愿者", "value": 564, "unit": "人", "section": "achievements"},
    {
        "id": "funds",
        "label": "落实资金",
        "value": 356,
        "unit": "万元",
        "previous": 320,
        "section": "achievements",
    },
    {
        "id": "coverage",
        "label": "覆盖率",
        "value": 91.5,
        "unit": "%",
        "previous": 88.2,
        "section": "achievements",
    },
    {
        "id": "readers",
        "label": "服务读者",
        "value": 5000,
        "unit": "人",
        "approx": "more-than",
        "section": "achievements",
    },
    {"id": "rooms", "label": "活动室", "value": 12, "unit": "间", "section": "achievements"},
    notes=[
        "本馆成立于1985年，第八次承办全县文艺汇演。",
        {"text": "开展“四进社区”活动。", "section": "overview"},
    ],
    terms=["十四五"],
)


def only(text: str, data: Facts = ZH) -> Mention:
    """Check ``text`` and return its single mention."""
    report = check(text, data)
    assert len(report.mentions) == 1, [m.text for m in report.mentions]
    return report.mentions[0]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("举办培训班109期", "training"),
        ("参训学员8450人次", "trainees"),
        ("赠送药品5000多元", "medicine_value"),
        ("志愿者564人", "volunteers"),
        ("志愿者564名", "volunteers"),
        ("落实资金356万元", "funds"),
        ("落实资金3,560,000元", "funds"),
        ("覆盖率达到91.5%", "coverage"),
        ("上年为88.2%", "coverage.previous"),
        ("上年举办87期", "training.previous"),
        ("服务读者5000多人", "readers"),
        ("约300人", None),
        ("近600人", "volunteers"),
        ("建成活动室12间", "rooms"),
        ("本馆成立于1985年", "notes[0]"),
        ("第八次承办", "notes[0]"),
    ],
)
def test_supported(text: str, source: str | None) -> None:
    mention = only(text)
    if source is None:
        assert mention.status == "unsupported"
        return
    assert mention.status == "supported", mention.reason
    assert source in mention.sources


@pytest.mark.parametrize(
    ("text", "formula_part"),
    [
        ("比上年增长25.3%", "(training - training.previous) / training.previous"),
        ("提高3.3个百分点", "coverage - coverage.previous"),
        ("比上年增加22期", "training - training.previous"),
        ("讲座和展览共50场", "lectures + exhibitions"),
        ("讲座比展览多22场", "lectures - exhibitions"),
        ("展览相当于讲座的38.9%", "exhibitions / lectures"),
        ("是上年的1.25倍", "training / training.previous"),
        ("资金增长11.3%", "(funds - funds.previous) / funds.previous"),
    ],
)
def test_derived(text: str, formula_part: str) -> None:
    mention = next(m for m in check(text, ZH).mentions if m.kind != "year")
    assert mention.status == "derived", mention.reason
    assert mention.formula is not None and formula_part in mention.formula


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("举办培训班108期", "no fact has"),
        ("志愿者564次", "unit"),
        ("赠送药品近5000元", "no fact has"),
        ("赠送药品6000多元", "no fact has"),
        ("服务读者近5000人", "no fact has"),
        ("第九次承办", "ordinal"),
        ("2019年", "year"),
        ("开展“五进社区”活动", "term"),
        ("比上年增长26%", "no fact has"),
        ("举办讲座50场", "no fact has"),  # 36 + 14 = 50, but nothing announces a total
        ("服务读者约4000人", "no fact has"),
    ],
)
def test_unsupported(text: str, reason_part: str) -> None:
    mention = check(text, ZH).mentions[0]
    assert mention.status == "unsupported"
    assert reason_part in mention.reason


@pytest.mark.parametrize("text", ["2025年", "2026年工作安排", "二○二五年", "比2024年增长", "2026年1月"])
def test_years_of_the_report_are_supported(text: str) -> None:
    mention = check(text, ZH).mentions[0]
    assert mention.kind == "year"
    assert mention.status == "supported"


@pytest.mark.parametrize("text", ["党的二十大", "“十四五”规划", "开展“四进社区”活动", "共建一带一路"])
def test_terms_are_supported(text: str) -> None:
    mention = only(text)
    assert (mention.kind, mention.status) == ("term", "supported")


def test_mentions_slice_and_locate() -> None:
    text = "一、主要工作\n\n举办培训班109期，志愿者564次。\n"
    report = check(text, ZH)
    for m in report.mentions:
        assert text[m.start : m.end] == m.text
    bad = report.unsupported[0]
    assert (bad.text, bad.line, bad.column) == ("564次", 3, 14)


def test_report_summary_and_json() -> None:
    report = check("举办培训班109期，比上年增长25.3%，志愿者564次。", ZH)
    assert report.summary() == {
        "mentions": 3,
        "supported": 1,
        "derived": 1,
        "misattributed": 0,
        "unsupported": 1,
    }
    data = report.to_dict()
    assert data["mentions"][0]["value"] == 109 and isinstance(data["mentions"][0]["value"], int)
    assert not report.ok


def test_the_checker_mentions_are_whole_frozen_mentions() -> None:
    # The checker builds its mentions with Mention.of: the same as Mention(...), every field set, frozen.
    report = check("举办培训班109期，比上年增长25.3%，志愿者564次。", ZH)
    for mention in report.mentions:
        fields = {f.name: getattr(mention, f.name) for f in dataclasses.fields(Mention)}
        assert mention == Mention(**fields) and repr(mention) == repr(Mention(**fields))
        assert list(inspect.signature(Mention.of).parameters) == list(fields)
        with pytest.raises(dataclasses.FrozenInstanceError):
            mention.status = "supported"  # type: ignore[misc]


@pytest.mark.parametrize("enabled", [True, False])
def test_check_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    # The checker pauses the collector while it works; a caller's setting survives, even on an error.
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert check("举办培训班109期。", ZH).mentions
        assert gc.isenabled() is enabled
        with pytest.raises(AttributeError):
            check("举办培训班109期。", None)  # type: ignore[arg-type]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_fact_approx_is_respected() -> None:
    assert only("服务读者5000人").status == "unsupported"  # the fact says more than 5000
    assert only("服务读者超过5000人").status == "supported"


EN = facts(
    {"id": "visits", "label": "visits to the library", "value": 412380, "previous": 389150},
    {"id": "loans", "label": "loans of books", "value": 1264000, "approx": "more-than"},
    {"id": "budget", "label": "operating budget", "value": 8450000, "unit": "USD"},
    {"id": "hours", "label": "weekly opening hours", "value": 326, "unit": "hours"},
    notes=["The library serves 214,000 people through five branches."],
    language="en",
    title="Riverside Public Library Annual Report 2025",
    organization="Riverside Public Library",
)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The library recorded 412,380 visits.", "supported"),
        ("Visits rose by 6.0%.", "derived"),
        ("It made more than 1.26 million loans.", "supported"),
        ("It made nearly 1.2 million loans.", "unsupported"),
        ("It made nearly 1.3 million loans.", "supported"),
        ("The budget was $8.45 million.", "supported"),
        ("The budget was £8.45 million.", "unsupported"),
        ("The branches opened 326 hours a week.", "supported"),
        ("The branches opened 326 days.", "unsupported"),
        ("It has five branches.", "supported"),
        ("It has six branches.", "unsupported"),
        ("The library recorded 412,380 loans.", "unsupported"),
    ],
)
def test_english(text: str, status: str) -> None:
    mention = only(text, EN)
    assert mention.status == status, mention.reason
