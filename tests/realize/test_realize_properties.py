"""Property tests: any valid facts file realises without error, every important figure shows, same bytes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from realize_helpers import make_facts, markdown

from drafter.evals.metrics import covers
from drafter.facts.models import APPROX_VALUES
from drafter.numbers.check import check

LABELS = {
    "zh": ["举办培训", "覆盖率", "全年投入", "参训教师", "{fig}"],
    "en": ["sessions held", "visitors", "budget", "{label}"],
}
TOPICS = {"zh": [None, "甲项", "乙项"], "en": [None, "Alpha", "Beta"]}
UNITS = {"zh": [None, "人", "%", "万元", "期"], "en": [None, "%", "USD", "hours"]}


@st.composite
def fact_lists(draw: st.DrawFn, language: str) -> list[dict[str, object]]:
    count = draw(st.integers(min_value=1, max_value=9))
    facts = []
    for i in range(count):
        floats = st.floats(min_value=0.1, max_value=1e6, allow_nan=False).map(lambda x: round(x, 2))
        unit = draw(st.sampled_from(UNITS[language]))
        if unit == "%":
            floats = st.floats(min_value=0.1, max_value=99.9).map(lambda x: round(x, 1))
        value = draw(st.one_of(st.integers(min_value=10, max_value=10**7), floats))
        facts.append(
            {
                "id": f"f{i}",
                "label": draw(st.sampled_from(LABELS[language])),
                "value": value,
                "unit": unit,
                "approx": draw(st.sampled_from(APPROX_VALUES)),
                "previous": draw(st.one_of(st.none(), st.integers(min_value=0, max_value=10**6))),
                "section": draw(st.sampled_from(["overview", "achievements", "problems", "plans"])),
                "topic": draw(st.sampled_from(TOPICS[language])),
            }
        )
    return facts


@pytest.mark.slow  # 60 generated reports drafted and checked: over 2 s
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), language=st.sampled_from(["zh", "en"]), period=st.sampled_from(["2025", "2025 H1"]))
def test_every_fact_appears_and_output_is_stable(data: st.DataObject, language: str, period: str) -> None:
    facts = make_facts(language, facts=data.draw(fact_lists(language)), period=period)
    text = markdown(facts)
    assert text == markdown(facts)
    # Every figure is proven by the checker; every fact is stated (in any form: 61.23万, $8.45 million).
    report = check(text, facts)
    assert [(m.text, m.reason) for m in report.unsupported] == []
    for fact in facts.facts:
        assert any(covers(m, fact) for m in report.mentions), fact


@pytest.mark.slow  # 60 generated reports drafted and checked: over 2 s
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), period=st.sampled_from(["2025", "2025年上半年"]))
def test_chinese_drafts_have_no_unsupported_numbers(data: st.DataObject, period: str) -> None:
    facts = make_facts("zh", facts=data.draw(fact_lists("zh")), period=period)
    report = check(markdown(facts), facts)
    assert [(m.text, m.reason) for m in report.unsupported] == []
