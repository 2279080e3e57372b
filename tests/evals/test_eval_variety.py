"""variety: the share of a draft's sentences (figures masked) found in another case's offline draft."""

from __future__ import annotations

import pytest

from drafter.document import render_markdown
from drafter.drafting import draft
from drafter.evals.suite import load_suite
from drafter.evals.variety import masked_sentences, variety

from .helpers import REPO


def test_sentences_are_compared_with_figures_masked_and_headings_and_dates_left_out() -> None:
    text = (
        "# 标题\n\n## 一、主要工作\n\n全年举办培训109期，比上年增长25.3%。\n\n"
        "（一）推进校舍建设和维修改造。\n\n2026年1月12日"
    )
    assert masked_sentences(text, "zh") == {"全年举办培训#期，比上年增长#%。", "推进校舍建设和维修改造。"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年举办培训20期，比上年增长5%。全县新建学校12所，投入资金3亿元。", 0.5),
        ("全县新建学校12所，投入资金3亿元。各校开展了安全教育活动。", 0.0),
        ("", 0.0),
    ],
)
def test_variety_is_the_share_of_sentences_another_case_already_says(text: str, expected: float) -> None:
    others = {
        "other": masked_sentences("全年举办培训109期，比上年增长25.3%。", "zh"),
        "self": masked_sentences(text, "zh"),  # the case's own offline draft does not count
    }
    assert variety(text, "zh", others, "self") == expected


def test_offline_drafts_of_the_suite_share_at_most_a_tenth_of_their_sentences() -> None:
    suite = load_suite(REPO / "evals" / "suite.yaml")
    texts = {c.id: render_markdown(draft(c.facts), key_figures=False) for c in suite.cases}
    sets = {c.id: masked_sentences(texts[c.id], c.language) for c in suite.cases}
    shares = [variety(texts[c.id], c.language, sets, c.id) for c in suite.cases]
    assert sum(shares) / len(shares) <= 0.10
    assert max(shares) <= 0.10
