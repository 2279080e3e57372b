"""Property tests: the checker never crashes and its offsets always slice to the mention text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter import check
from drafter.facts import Facts

FACTS = Facts.model_validate(
    {
        "report": {"title": "某县文化馆2025年度工作总结", "organization": "某县文化馆", "period": "2025"},
        "terms": ["十四五", "G20"],
        "facts": [
            {"id": "a", "label": "举办培训班", "value": 109, "unit": "期", "previous": 87},
            {"id": "b", "label": "visits", "value": 412380, "approx": "about"},
            {"id": "c", "label": "覆盖率", "value": 91.5, "unit": "%", "previous": 88.2},
        ],
        "notes": ["第八次承办汇演，惠及近万人。"],
    }
)
PIECES = [
    "一",
    "二",
    "三四",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "两",
    "○",
    "〇",
    "零",
    "第",
    "约",
    "近",
    "多",
    "余",
    "以上",
    "左右",
    "个",
    "人",
    "人次",
    "元",
    "万元",
    "%",
    "％",
    "个百分点",
    "年",
    "月",
    "日",
    "分之",
    "百分之",
    "成",
    "倍",
    "是",
    "、",
    "（",
    "）",
    "(",
    ")",
    "，",
    "。",
    "\n",
    "#",
    " ",
    "-",
    "—",
    "至",
    ",",
    ".",
    "0",
    "1",
    "5",
    "9",
    "2025",
    "1,234",
    "12.5",
    "$",
    "£",
    "million",
    "about",
    "more than",
    "nearly",
    "one",
    "first",
    "twenty-one",
    "percent",
    "visits",
    "G20",
    "5G",
    "十四五",
    "进一步",
    "一是",
    "1.",
]
snippets = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _consistent(text: str) -> None:
    report = check(text, FACTS)
    previous_end = 0
    for m in report.mentions:
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end and m.end > m.start
        previous_end = m.end
        line_start = text.rfind("\n", 0, m.start) + 1
        assert m.line == text.count("\n", 0, m.start) + 1
        assert m.column == m.start - line_start + 1
        assert m.status in ("supported", "derived", "misattributed", "unsupported")
        if m.low is not None and m.high is not None:
            assert m.low <= m.high
    statuses = ("supported", "derived", "misattributed", "unsupported")
    assert sum(report.summary()[k] for k in statuses) == len(report.mentions)


@SETTINGS
@given(st.text(max_size=200))
def test_any_unicode_text_never_crashes(text: str) -> None:
    _consistent(text)


@pytest.mark.slow  # 150 generated texts of figures: over 2 s
@SETTINGS
@given(snippets)
def test_number_like_text_never_crashes(text: str) -> None:
    _consistent(text)
