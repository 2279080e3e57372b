"""Which characters are Chinese: one definition for the checker, the offline writer and the importers.

The CJK Unified Ideographs and Extension A (U+3400–U+9FFF) hold every character of a report's Chinese
text; punctuation (，。、“”) and full-width forms are not in the range.
"""

from __future__ import annotations

import re

# One Chinese character; compiled once here (CPython expands the range into a bitmap: ~4 ms a compile).
CJK = re.compile(r"[\u3400-\u9fff]")


def is_cjk(char: str) -> bool:
    """Whether ``char`` (one character, or "" at an edge of the text) is a Chinese character, as :data:`CJK`
    reads one, without a regex call."""
    return "\u3400" <= char <= "\u9fff"
