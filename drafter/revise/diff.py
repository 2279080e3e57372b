"""Word-level diff of two versions of a section.

English splits into words, numbers, spaces and punctuation. Chinese has no spaces, so each Han character
is a token, while a run of digits (5,000.5) or Latin letters stays one token: a changed figure shows as
the whole old and new number, not as a changed digit.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Op = Literal["equal", "delete", "insert"]

# Numbers (with separators and decimals), Latin words, whitespace runs, then any single character.
_TOKEN = re.compile(r"\d[\d,，.]*\d%?|\d%?|[A-Za-z]+(?:['’][A-Za-z]+)?|\s+|.", re.S)


@dataclass(frozen=True)
class Segment:
    """A run of text that is unchanged, deleted (old only) or inserted (new only)."""

    op: Op
    text: str


def tokenize(text: str) -> list[str]:
    """Split ``text`` into diff tokens (Han characters one by one, numbers and words whole)."""
    return _TOKEN.findall(text)


def diff_segments(old: str, new: str) -> list[Segment]:
    """Return the segments that turn ``old`` into ``new``, deletions before insertions."""
    a, b = tokenize(old), tokenize(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("delete", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return segments


def changed(segments: list[Segment]) -> bool:
    """Return True when any segment is a deletion or insertion."""
    return any(s.op != "equal" for s in segments)


def changed_lines(segments: list[Segment]) -> list[tuple[int, list[Segment]]]:
    """Split ``segments`` into lines and return the changed ones as (0-based line number, segments)."""
    lines: list[list[Segment]] = [[]]
    for segment in segments:
        parts = segment.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append(Segment(segment.op, part))
    return [(n, line) for n, line in enumerate(lines) if changed(line)]
