"""Markers are not figures: outline numbering, list numbers, circled numbers, bold labels, placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.facts import load_facts
from drafter.numbers import check
from drafter.numbers.extract import extract

ROOT = Path(__file__).parents[2]
REPLIES = ROOT / "tests" / "data" / "model-replies"


def _figures(text: str) -> list[str]:
    return [text[f.start : f.end] for f in extract(text)]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("### 1.1 新增公办学位\n新增学位1500个。", ["1500个"]),
        ("### 2.3.1 教师队伍\n培训教师600多人。", ["600多人"]),
        ("1. 加强师资\n（1）完善机制\n(2) 提升质量", []),
        ("① 学前教育；② 义务教育", []),
        ("**2026**: Open the Eastside branch.", []),
        ("- **2026：** 建成城东新区学校", []),
        ("### 3. Plans\nWe lent 86,000 books.", ["86,000"]),
        # Figures at a line start stay figures.
        ("1.5万人次参加了活动。", ["1.5万人次"]),
        ("2.5 million visits were recorded.", ["2.5 million"]),
        ("1500个学位已经建成。", ["1500个"]),
    ],
)
def test_numbering_and_labels_are_markers_and_figures_stay(text: str, figures: list[str]) -> None:
    assert _figures(text) == figures


def test_a_placeholder_block_is_skipped_even_with_error_text_in_it() -> None:
    facts = load_facts(ROOT / "examples" / "qingxi-education-2025.yaml")
    text = (REPLIES / "qwen2.5-0.5b-timeouts-zh.md").read_text(encoding="utf-8")
    report = check(text, facts)
    flagged = [m.text for m in report.unsupported]
    # Before: 127.0.0.1, 18080, 60 s and 4 attempts of each of the three placeholders were flagged.
    assert not any(f in text[text.index("【") : text.index("】")] for f in flagged)
    assert not [m for m in report.mentions if "18080" in m.text or m.text.startswith("60")]


def test_the_outline_numbers_of_a_real_draft_are_not_figures() -> None:
    facts = load_facts(ROOT / "examples" / "qingxi-education-2025.yaml")
    text = (REPLIES / "qwen2.5-0.5b-education-zh.md").read_text(encoding="utf-8")
    numbers = {m.text for m in check(text, facts).mentions}
    assert not numbers & {"1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.4"}
    # The true unit error of the same draft is still caught: 2160个 学位 written as 2160所.
    assert "2160所" in {m.text for m in check(text, facts).unsupported}


def test_the_bold_year_labels_of_a_real_english_draft_are_not_quantities() -> None:
    facts = load_facts(ROOT / "examples" / "riverside-library-2025.yaml")
    text = (REPLIES / "qwen2.5-0.5b-library-en.md").read_text(encoding="utf-8")
    labels = [m for m in check(text, facts).mentions if m.text in ("2026", "2000") and m.kind != "year"]
    assert labels == []
