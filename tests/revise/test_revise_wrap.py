"""Line breaking by 禁则 on the revise screen, and a long section cut to fit with a pointer to `v`."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console

from drafter.facts.models import Facts
from drafter.numbers import check
from drafter.revise.screen import page, show_section
from drafter.revise.session import SectionState, Version
from drafter.revise.wrap import NO_END, NO_START, wrap_lines

TEXT = (
    "全年举办培训班109期，培训干部职工3260人次，新建服务站点12个，比上年增长9.1%。"
    "组织开展（专题）讲座，推进“十四五”规划落实；English words stay whole, 12.5% too."
)


@pytest.mark.parametrize("width", range(8, 41))
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(width: int) -> None:
    lines = wrap_lines(TEXT, width)
    assert "".join(lines) == TEXT  # nothing lost or added
    assert all(cell_len(line) <= width for line in lines)
    assert not any(line[:1] in NO_START for line in lines[1:])
    assert not any(line[-1:] in NO_END for line in lines[:-1])


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("比上年增长了，很好", 12, ["比上年增长", "了，很好"]),  # ， would start line 2: 了 goes along
        ("已完成。", 6, ["已完", "成。"]),  # a lone 。 never starts a line
        ("举办（专题）讲座", 6, ["举办", "（专", "题）讲", "座"]),  # （ never ends a line, ） never starts
        ("the figure 12.5% rose", 14, ["the figure ", "12.5% rose"]),  # a figure is not split
        ("一行\n二行", 10, ["一行", "二行"]),  # newlines are kept
    ],
)
def test_breaks(text: str, width: int, expected: list[str]) -> None:
    assert wrap_lines(text, width) == expected


def test_a_long_section_shows_what_fits_and_points_to_v() -> None:
    out = io.StringIO()
    console = Console(file=out, width=40, height=12, force_terminal=True, color_system=None)
    text = "\n\n".join(f"第{i}段，全面推进各项工作。" for i in range(1, 30))
    facts = Facts.model_validate(
        {"report": {"title": "某单位2025年工作总结", "organization": "某单位", "period": "2025"}}
    )
    state = SectionState(id="achievements", versions=[Version(text=text, origin="offline", created="x")])
    show_section(console, number=2, total=4, heading="一、主要工作", state=state, report=check(text, facts))
    shown = out.getvalue()
    assert "第1段" in shown and "第29段" not in shown
    assert "more lines (v: view all)" in shown
    assert "a accept" in shown  # the footer stays on screen

    piped = io.StringIO()
    page(Console(file=piped, width=40, color_system=None), check(text, facts))
    assert "第29段" in piped.getvalue()
