"""Markers that are not figures: outline numbering, list numbers, circled numbers, bold labels, placeholders.

A model may write ``### 1.1 教育投入``, ``（1）``, ``①`` or ``**2026**:``: these number the text's parts and
say nothing about a quantity, so the checker masks them before it scans (the form check reports them as
form problems of the section). A placeholder written for a section that could not be drafted is skipped
whole: it is drafter's own text, not a claim about the facts.
"""

from __future__ import annotations

import re
from functools import cache

from drafter.resources import load_yaml

# Outline and list numbering at a line start: 1.1 / 2.3.1 / 1. / 1、/ (1) / （1）. In a heading anything may
# follow; in body text a dotted number must be followed by a space and words (1.5 万人 stays a figure).
_NUMBERING = r"\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}(?:\.(?=[ \t])|、)|[(（]\d{1,3}[)）]"
_HEADING = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]*(?:\*\*)?[ \t]*(?P<m>" + _NUMBERING + r")")
_WORDS_AFTER = r"(?=[ \t]+(?:\*\*|[^\s0-9a-z%％万亿千百个人名元次]))"
# Outline numbering (1.1, 2.3.1) opening a line: after heading marks anything may follow; in body text only
# a space and words (a line opening with a figure, 1.3万人次… or 3.5 million…, is no outline number).
OUTLINE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*(?:\*\*)?[ \t]*\d{1,3}(?:\.\d{1,3})+\.?"
    r"|(?:[-*+][ \t]+)?(?:\*\*)?[ \t]*\d{1,3}(?:\.\d{1,3})+\.?" + _WORDS_AFTER + r")"
)
_BODY = re.compile(
    r"(?m)^[ \t]*(?:[-*+][ \t]+)?(?:\*\*)?[ \t]*"
    r"(?P<m>\d{1,3}(?:\.\d{1,3})+\.?" + _WORDS_AFTER + r"|\d{1,3}(?:\.(?=[ \t])|、)|[(（]\d{1,3}[)）])"
)
# A figure that is a label: **2026**: / **2026：** / **1.** at a line start (after a heading mark or bullet).
_BOLD_LABEL = re.compile(
    r"(?m)^[ \t]*(?:#{1,6}[ \t]*|[-*+][ \t]+)?\*\*[ \t]*(?P<m>\d{1,4}(?:\.\d{1,3})*)[ \t]*[:：.、]?[ \t]*\*\*"
)
_CIRCLED = re.compile(r"[\u2460-\u2473\u24f5-\u24fe\u2776-\u2793]")


@cache
def _placeholder_block() -> re.Pattern[str]:
    leads = [str(v["lead"]) for v in load_yaml("drafter.data", "placeholders.yaml").values()]
    alternatives = "|".join(re.escape(lead) for lead in leads)
    return re.compile(rf"(?m)^[ \t]*(?:{alternatives}).*(?:\n(?![ \t]*\n).*)*")


def marker_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of ``text`` that are markers, not quantities (numbering, labels, placeholders)."""
    spans = [m.span("m") for regex in (_HEADING, _BODY) for m in regex.finditer(text)]
    spans += [m.span("m") for m in _BOLD_LABEL.finditer(text)]
    spans += [m.span() for m in _CIRCLED.finditer(text)]
    if "[" in text or "【" in text:
        spans += [m.span() for m in _placeholder_block().finditer(text)]
    return spans


def mask_markers(text: str, mask: bytearray) -> None:
    """Mark the marker spans of ``text`` in ``mask`` (1 = not a quantity)."""
    for start, end in marker_spans(text):
        mask[start:end] = b"\x01" * (end - start)
