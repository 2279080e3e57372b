"""Word-level diff: Chinese by character with whole numbers, English by word."""

from __future__ import annotations

import pytest

from drafter.revise.diff import Segment, changed_lines, diff_segments, tokenize


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("新增图书8450册", ["新", "增", "图", "书", "8450", "册"]),
        ("增长12.5%", ["增", "长", "12.5%"]),
        ("about 2,318,440 visits", ["about", " ", "2,318,440", " ", "visits"]),
        ("It isn't", ["It", " ", "isn't"]),
    ],
)
def test_tokens(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "新增图书8450册。",
            "新增图书7777册。",
            [
                Segment("equal", "新增图书"),
                Segment("delete", "8450"),
                Segment("insert", "7777"),
                Segment("equal", "册。"),
            ],
        ),
        ("同样", "同样", [Segment("equal", "同样")]),
    ],
)
def test_a_changed_figure_shows_as_whole_numbers(old: str, new: str, expected: list[Segment]) -> None:
    assert diff_segments(old, new) == expected


def test_an_inserted_english_word_is_one_insertion() -> None:
    segments = diff_segments("We served 120 people.", "We served nearly 120 people.")
    assert [s.text.strip() for s in segments if s.op != "equal"] == ["nearly"]
    assert "".join(s.text for s in segments) == "We served nearly 120 people."


def test_only_changed_lines_are_kept() -> None:
    old = "第一段不变。\n\n第二段有8450册。\n\n第三段不变。"
    new = "第一段不变。\n\n第二段有7777册。\n\n第三段不变。"
    lines = changed_lines(diff_segments(old, new))
    assert [n for n, _ in lines] == [2]
    assert "".join(s.text for s in lines[0][1] if s.op != "delete") == "第二段有7777册。"
