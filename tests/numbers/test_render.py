"""Rendering a check report: coloured text and the table of unsupported numbers."""

from __future__ import annotations

from rich.console import Console

from drafter import check
from drafter.facts import Facts
from drafter.numbers.render import check_table, highlight

FACTS = Facts.model_validate(
    {
        "report": {"title": "某局2025年工作总结", "organization": "某局", "period": "2025"},
        "facts": [
            {"id": "training", "label": "举办培训班", "value": 109, "unit": "期", "previous": 87},
            {"id": "readers", "label": "服务读者", "value": 5000, "unit": "人", "approx": "more-than"},
        ],
    }
)
TEXT = "举办培训班109期，增长25.3%，服务读者5000多人，志愿者564次。"


def _styles(text: str) -> dict[str, str]:
    report = check(text, FACTS)
    rendered = highlight(report)
    return {text[span.start : span.end]: str(span.style) for span in rendered.spans}


def test_highlight_colours_by_status() -> None:
    styles = _styles(TEXT)
    assert styles["109期"] == "green"
    assert styles["25.3%"] == "cyan"  # derived
    assert styles["5000多人"] == "cyan"  # approximate
    assert styles["564次"] == "bold red"


def test_table_lists_unsupported_with_nearest_facts() -> None:
    report = check(TEXT, FACTS)
    console = Console(width=160, record=True)
    console.print(check_table(report, FACTS))
    out = console.export_text()
    assert "564次" in out and "1:" in out
    assert out.count("109期") <= 1  # only as a fact it may be, not as a wrong number
    assert "readers" in out or "training" in out


def test_table_of_all_mentions() -> None:
    report = check(TEXT, FACTS)
    table = check_table(report, FACTS, only_unsupported=False)
    assert table.row_count == len(report.mentions)
