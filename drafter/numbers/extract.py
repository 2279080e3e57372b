"""Text → number mentions, both scripts: claims (terms, idioms, markers), then Chinese/Arabic and English."""

from __future__ import annotations

import math
import re
from operator import attrgetter

from drafter.numbers import extract_en, extract_zh
from drafter.numbers.claims import find_claims
from drafter.numbers.found import Found
from drafter.numbers.interval import DEFAULT_TOLERANCE, Tolerance
from drafter.numbers.markers import mask_markers

_LATIN_WORD = re.compile("[A-Za-z]{3}")


def extract(text: str, terms: tuple[str, ...] = (), tol: Tolerance = DEFAULT_TOLERANCE) -> list[Found]:
    """Return every number mention in ``text`` in order of position, without overlaps.

    Args:
        text: Any text, Chinese, English or both.
        terms: Extra names with numerals (the facts file's ``terms``) to read as terms.
        tol: Tolerances for the intervals of rounded figures.
    """
    mask, found = find_claims(text, terms)
    mask_markers(text, mask)  # outline numbering, bold labels, placeholders: not quantities
    found.extend(extract_zh.scan(text, mask, tol))
    if _may_have_english(text):
        found.extend(extract_en.scan(text, mask, tol))
    found.sort(key=attrgetter("start"))  # claims, Chinese/Arabic and English mentions never share a start
    kept: list[Found] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            continue
        if item.end > item.start and (item.value is None or math.isfinite(item.value)):
            kept.append(item)
    return kept


def _may_have_english(text: str) -> bool:
    # A cheap test that saves the English scan on purely Chinese text.
    return _LATIN_WORD.search(text) is not None
