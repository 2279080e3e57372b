"""Text → number mentions, both scripts: claims (terms, idioms, markers), then Chinese/Arabic and English."""

from __future__ import annotations

import math
import re
from functools import cache
from operator import attrgetter

from drafter.numbers import extract_ar, extract_en
from drafter.numbers.claims import find_claims, has_latin
from drafter.numbers.found import Found
from drafter.numbers.interval import DEFAULT_TOLERANCE, Interval, Tolerance
from drafter.numbers.markers import mask_markers
from drafter.numbers.units import unit_of
from drafter.resources import load_yaml

DATA = "drafter.numbers.data"
_LATIN_WORD = re.compile("[A-Za-z]{3}")


def extract(text: str, terms: tuple[str, ...] = (), tol: Tolerance = DEFAULT_TOLERANCE) -> list[Found]:
    """Return every number mention in ``text`` in order of position, without overlaps.

    Args:
        text: Any text, Chinese, English or both.
        terms: Extra names with numerals (the facts file's ``terms``) to read as terms.
        tol: Tolerances for the intervals of rounded figures.
    """
    latin = has_latin(text)  # one scan of the whole text: without a Latin letter there is no English
    mask, found = find_claims(text, terms, latin)
    mask_markers(text, mask)  # outline numbering, bold labels, placeholders: not quantities
    english = latin and _may_have_english(text)
    found.extend(find_multiples(text, mask, english))
    found.extend(extract_ar.scan(text, mask, tol))
    if english:
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


@cache
def _multiples() -> tuple[re.Pattern[str], dict[str, float], float]:
    data = load_yaml(DATA, "multiples.yaml")
    words = {**data["zh"], **{w.lower(): v for w, v in data["en"].items()}}
    zh = "|".join(re.escape(w) for w in sorted(data["zh"], key=len, reverse=True))
    en = "|".join(re.escape(w) for w in data["en"])
    # "doubled its efforts", "doubled as a venue", "doubled down" state no multiple of a figure
    not_a_figure = r"(?!\s+(?:its|their|our|his|her|as|down|up)\b)"
    regex = re.compile(rf"{zh}|(?<![A-Za-z])(?:{en})(?![A-Za-z]){not_a_figure}", re.IGNORECASE)
    return regex, {k: float(v) for k, v in words.items()}, float(data["slack"])


def find_multiples(text: str, mask: bytearray, english: bool) -> list[Found]:
    """Return 翻一番, 增长一倍, doubled, tripled … as mentions of a ratio in 倍 (masking their numerals);
    ``english`` says whether the text may have English words."""
    if "翻" not in text and "倍" not in text and not english:
        return []
    regex, words, slack = _multiples()
    found = []
    for match in regex.finditer(text):
        start, end = match.span()
        if mask[start]:
            continue
        mask[start:end] = b"\x01" * (end - start)
        value = words[match.group().lower()]
        interval = Interval(value * (1 - slack), value * (1 + slack))
        found.append(Found(start, end, "quantity", value, interval, unit_of("倍"), "about", match.group()))
    return found
