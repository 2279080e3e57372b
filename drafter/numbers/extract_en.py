"""English number mentions: figures in English context, number words, ordinals, years and dates.

Arabic figures are found by :mod:`extract_zh`'s scanner (they are script-neutral); when the words around
a figure are English, :func:`read_arabic` reads them: currency signs, approximators (about, more than),
scale words (million, $4.2m), percent words, the unit noun that follows, years and dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from drafter.numbers.found import CAPPED_KINDS, Found, classify
from drafter.numbers.interval import (
    Interval,
    Tolerance,
    decimals_of,
    place_value,
    scale_value,
    stated_interval,
)
from drafter.numbers.units import Unit, lexicon, singular, unit_of
from drafter.resources import load_yaml

DATA = "drafter.numbers.data"
_CURRENCY = {
    "$": "$",
    "US$": "$",
    "USD": "$",
    "£": "£",
    "€": "€",
    "¥": "元",
    "RMB": "元",
    "CNY": "元",
    "GBP": "£",
    "EUR": "€",
}
_MONEY = {"cny", "usd", "gbp", "eur"}


@dataclass(frozen=True)
class EnPatterns:
    """The compiled regexes and tables of the English reader."""

    words: re.Pattern[str]
    prefix: re.Pattern[str]
    suffix: re.Pattern[str]
    after: re.Pattern[str]
    currency: re.Pattern[str]
    month_after: re.Pattern[str]
    month_before: re.Pattern[str]
    ordinal_suffix: re.Pattern[str]
    range_tail: re.Pattern[str]
    prefix_kinds: dict[str, str]
    suffix_kinds: dict[str, str]
    numbers: dict[str, dict[str, float]]


_TABLES = (
    "ones",
    "tens",
    "hundred",
    "scales",
    "short_scales",
    "collectives",
    "ordinals",
    "months",
    "fractions",
)


def _alternation(words: Iterable[object]) -> str:
    # Longest first, so that "more than" is tried before "more".
    return "|".join(re.escape(w) for w in sorted((str(w) for w in words), key=len, reverse=True))


def _words_regex(nums: dict[str, dict[str, float]]) -> str:
    word = "(?:" + _alternation([*nums["ones"], *nums["tens"], *nums["hundred"], *nums["scales"]]) + ")"
    ordinal = _alternation(nums["ordinals"])
    return (
        r"(?<![A-Za-z-])(?:(?P<dozen>(?:a |half a )?dozen)|(?P<quarter>(?:a|one|two|three)[ -]quarters?)"
        rf"|(?P<card>{word}(?:(?:[ -]|\s+and\s+){word})*(?:[ -](?P<ordtail>{ordinal}))?)"
        rf"|(?P<ord>{ordinal}))(?![A-Za-z])"
    )


def _after_regex(nums: dict[str, dict[str, float]]) -> str:
    scale_words, short = _alternation(nums["scales"]), _alternation(nums["short_scales"])
    pct = _alternation(nums["percent_words"])
    return (
        rf"(?:(?P<short>{short})(?![A-Za-z])|\s?(?P<scale>{scale_words})(?![A-Za-z]))?"
        rf"(?:\s?(?P<pct>%|％)|\s(?P<pctw>{pct})(?![A-Za-z])|\s?(?P<mult>times|-fold|fold)(?![A-Za-z]))?"
    )


@cache
def patterns() -> EnPatterns:
    """Return the compiled English patterns (built once from the lexicons)."""
    nums = load_yaml(DATA, "en_numbers.yaml")
    approx = load_yaml(DATA, "approximators.yaml")["en"]
    months = _alternation(nums["months"])
    flags = re.IGNORECASE
    return EnPatterns(
        words=re.compile(_words_regex(nums), flags),
        prefix=re.compile(rf"(?<![A-Za-z])(?:{_alternation(approx['prefix'])})\s+\Z", flags),
        suffix=re.compile(rf"\s+(?:{_alternation(approx['suffix'])})(?![A-Za-z])", flags),
        after=re.compile(_after_regex(nums), flags),
        currency=re.compile(r"(?:US\$|\$|£|€|¥|(?:RMB|CNY|USD|GBP|EUR)\s?)\Z"),
        month_after=re.compile(
            rf"\s(?P<m>{months})(?:(?<=\b(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec))\.|(?<=\bsept)\.)?(?![A-Za-z])",
            flags,
        ),
        month_before=re.compile(rf"(?<![A-Za-z])(?P<m>{months.title()})\.?\s\Z"),
        ordinal_suffix=re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])"),
        range_tail=re.compile(r"\s?(?:–|—|-|to)\s?(?P<hi>\d[\d,]*(?:\.\d+)?)"),
        prefix_kinds={k.lower(): v for k, v in approx["prefix"].items()},
        suffix_kinds={k.lower(): v for k, v in approx["suffix"].items()},
        numbers={k: {str(w): float(v) for w, v in nums[k].items()} for k in _TABLES},
    )


def has_latin_context(text: str, start: int, end: int) -> bool:
    """Return True when the figure at [start, end) stands among English words (not Chinese ones)."""
    before = text[max(0, start - 12) : start].rstrip(" \t0123456789,.")[-1:]
    found = _AFTER_CHAR.match(text, end)
    after = found.group(1) if found else ""
    if before and ((before.isascii() and before.isalpha()) or before in "$£€"):
        return True
    if after and after.isascii() and after.isalpha():
        return True
    return not before and not after  # a bare figure, such as a period "2025"


_AFTER_CHAR = re.compile(r"[%％]?[ \t]*(\S)")


def latin_suffix(text: str, match: re.Match[str], tol: Tolerance) -> list[Found] | None:
    """Read a figure glued to Latin letters: 5th (ordinal), 10km, $4.2m; ``None`` if it is a name (5G)."""
    pats = patterns()
    end = match.end()
    ordinal = pats.ordinal_suffix.match(text, end)
    if ordinal is not None:
        value = float(match.group().replace(",", ""))
        unit, _ = _unit_noun(text, ordinal.end())
        return [
            Found(
                match.start(),
                ordinal.end(),
                "ordinal",
                value,
                Interval.point(value),
                unit,
                figure=text[match.start() : ordinal.end()],
            )
        ]
    letters = re.match(r"[A-Za-z²³]+", text[end:])
    word = letters.group() if letters else ""
    glued = unit_of(word) if word else None
    if word.lower() in pats.numbers["short_scales"] or (glued is not None and glued.dim):
        return read_arabic(text, match, tol)
    return None


def read_arabic(text: str, match: re.Match[str], tol: Tolerance) -> list[Found]:
    """Read an Arabic figure in English context into a mention."""
    pats = patterns()
    start, end = match.span()
    figure = match.group().replace(",", "").replace("．", ".")
    value = float(figure)
    decimals = decimals_of(figure)
    date = _date_after(text, start, end, value, decimals) or _date_before(text, start, end, value, decimals)
    if date is not None:
        return [date]
    ratio = _ratio(text, start, end, value, tol) if not decimals else None
    if ratio is not None:
        return [ratio]
    between = _between(text, start, end, value)
    if between is not None:
        return [between]
    currency = pats.currency.search(text, max(0, start - 5), start)
    after = pats.after.match(text, end)
    year = _year(text, start, end, match.group(), currency, after)
    if year is not None:
        return year
    return [
        _compose(text, start, end, value, place_value(value, decimals), decimals > 0, currency, after, tol)
    ]


def _year(
    text: str, start: int, end: int, written: str, currency: re.Match[str] | None, after: re.Match[str] | None
) -> list[Found] | None:
    if currency or len(written) != 4 or not written.isdigit() or not 1900 <= int(written) <= 2100:
        return None
    if after is not None and after.end() > after.start():
        return None
    unit, _ = _unit_noun(text, end)
    if unit is not None and unit.dim is not None:
        return None
    value = float(written)
    stop = end
    tail = re.match(r"[/–-](\d{2})(?!\d)", text[end : end + 4])
    if tail:
        stop = end + len(tail.group())  # 2025/26, 2025-26: a financial or school year
    return [Found(start, stop, "year", value, Interval.point(value), figure=text[start:stop])]


def _date_after(text: str, start: int, end: int, value: float, decimals: int) -> Found | None:
    """15 August 2025 → a date (month*100 + day); the year after it is its own mention."""
    if decimals or not 1 <= value <= 31:
        return None
    month = patterns().month_after.match(text, end)
    if month is None or (month.group("m").lower() in ("may", "march") and not month.group("m")[0].isupper()):
        return None
    code = patterns().numbers["months"][month.group("m").lower()] * 100 + value
    return Found(start, month.end(), "date", code, Interval.point(code), figure=text[start : month.end()])


def _date_before(text: str, start: int, end: int, value: float, decimals: int) -> Found | None:
    """August 15 → a date (month*100 + day)."""
    if decimals or not 1 <= value <= 31:
        return None
    month = patterns().month_before.search(text, max(0, start - 12), start)
    if month is None:
        return None
    code = patterns().numbers["months"][month.group("m").lower()] * 100 + value
    return Found(month.start(), end, "date", code, Interval.point(code), figure=text[month.start() : end])


def _read_after(after: re.Match[str] | None, end: int) -> tuple[float, Unit | None, int]:
    """Return (scale, unit, stop) from the scale word and percent/multiple word after a figure."""
    if after is None or after.end() == after.start():
        return 1.0, None, end
    nums = patterns().numbers
    scale_word = (after.group("short") or after.group("scale") or "").lower()
    scale = (nums["short_scales"].get(scale_word) or nums["scales"][scale_word]) if scale_word else 1.0
    unit = None
    if after.group("pct"):
        unit = unit_of("%")
    elif after.group("pctw"):
        unit = unit_of("个百分点" if "point" in after.group("pctw").lower() else "%")
    elif after.group("mult"):
        # four times as many / the number / higher: a multiple; "met four times in 2025": occasions
        text, at = after.string, after.start()
        multiple = (
            "fold" in after.group("mult")
            or _MULTIPLE_AFTER.match(text, after.end()) is not None
            or _CHANGED_BY.search(text, max(0, at - 40), at) is not None
            or "." in text[max(0, at - 3) : at]  # 2.5 times: no count of occasions
        )
        unit = unit_of("倍" if multiple else "次")
    return scale, unit, after.end()


def _noun_unit(text: str, stop: int, unit: Unit | None) -> tuple[Unit | None, int]:
    """Complete ``unit`` from a glued symbol (10km) or the noun that follows (412 visits)."""
    glued = _GLUED.match(text, stop)
    if unit is None and glued is not None:
        unit = unit_of(glued.group())
        if unit is not None and unit.dim is not None:
            return unit, glued.end()  # 10km, 3.5pp: the symbol is part of the mention
    if unit is None or unit.dim in _MONEY:
        noun, noun_end = _unit_noun(text, stop)
        return unit or noun, noun_end
    return unit, stop


def _compose(
    text: str,
    start: int,
    end: int,
    value: float,
    u: float,
    rounded: bool,
    currency: re.Match[str] | None,
    after: re.Match[str] | None,
    tol: Tolerance,
) -> Found:
    """Combine a figure with the words around it into one mention."""
    pats = patterns()
    approx, lead = _approx_before(text, currency.start() if currency else start)
    scale, unit, stop = _read_after(after, end)
    if currency is not None:
        unit = unit_of(_CURRENCY[currency.group().strip()])
    unit, noun_end = _noun_unit(text, stop, unit)
    if noun_end > stop and text[stop].isalpha():
        stop = noun_end  # a glued symbol (10km, 3.5pp) belongs to the mention; a separate noun does not
    post = pats.suffix.match(text, stop) or (pats.suffix.match(text, noun_end) if noun_end > stop else None)
    if post is not None and approx == "exact":
        approx = pats.suffix_kinds[post.group().strip().lower()]
        stop = post.end()
    kind, u, rounded = classify("quantity", unit, value, u, rounded or scale != 1.0, approx, tol)
    ranged = pats.range_tail.match(text, stop) if approx == "exact" and not rounded else None
    if ranged is not None and _FROM_BEFORE.search(text, max(0, lead - 6), lead) and "to" in ranged.group():
        ranged = None  # rose from 1,250,000 to 1,381,440; grew by 412 to 9,800: two figures, not a range
    if ranged is not None and kind == "quantity" and float(ranged.group("hi").replace(",", "")) > value:
        high = float(ranged.group("hi").replace(",", ""))
        unit = unit or _unit_noun(text, ranged.end())[0]  # 10-20 volunteers
        return Found(
            lead,
            ranged.end(),
            "range",
            value,
            Interval(value, high),
            _base(unit),
            figure=text[lead : ranged.end()],
        )
    factor = scale * (unit.factor if unit else 1.0)
    scaled = scale_value(value, factor)
    interval = stated_interval(scaled, u * factor, approx, rounded, tol if kind in CAPPED_KINDS else None)
    return Found(lead, stop, kind, scaled, interval, _base(unit), approx, text[lead:stop])


def _approx_before(text: str, lead: int) -> tuple[str, int]:
    pats = patterns()
    found = pats.prefix.search(text, max(0, lead - 20), lead)
    if found is None:
        return "exact", lead
    word = " ".join(found.group().split()).lower()
    return pats.prefix_kinds.get(word, "exact"), found.start()


def _base(unit: Unit | None) -> Unit | None:
    return None if unit is None else Unit(unit.name, unit.dim, 1.0)


# The next word, never across a paragraph break ("3 February 2026\n\nYear at a glance" is no 2026 years).
_WORD = re.compile(r"(?!\s*\n\s*\n)\s+([A-Za-z][A-Za-z-]*)")
_MULTIPLE_AFTER = re.compile(
    r"\s+(?:as|the|that|more|higher|larger|greater|bigger|over|what)\b|-?fold", re.IGNORECASE
)
_CHANGED_BY = re.compile(
    r"(?:grew|grown|rose|risen|increased|multiplied|expanded|jumped|climbed|doubled|fell|dropped|declined)"
    r"\s+(?:by\s+)?(?:[A-Za-z]+\s+){0,2}[\d.,]*[A-Za-z-]*\Z",
    re.IGNORECASE,
)
_HALF_A = re.compile(r"(?<![A-Za-z])half an?\s\Z", re.IGNORECASE)
_BETWEEN = re.compile(r"(?<![A-Za-z])between\s\Z", re.IGNORECASE)
_AND_HIGH = re.compile(r"\s+and\s+(?P<hi>\d[\d,]*(?:\.\d+)?)(?![\d%])")
_FROM_BEFORE = re.compile(r"(?<![A-Za-z])(?:from|by)\s+\Z", re.IGNORECASE)
_GLUED = re.compile(r"[A-Za-z²³]+")


def _unit_noun(text: str, pos: int) -> tuple[Unit | None, int]:
    """Return the unit named by the noun after ``pos`` (skipping a few adjectives), and where it ends.

    A noun known to the unit lexicon wins; otherwise the first plural noun is an (unknown) unit.
    """
    lex = lexicon()
    fallback: tuple[Unit | None, int] = (None, pos)
    for _ in range(3):
        word = _WORD.match(text, pos)
        if word is None:
            break
        low = word.group(1).lower()
        unit = unit_of(low)
        if unit is not None and unit.dim is not None:
            head = _WORD.match(text, word.end())
            head_unit = unit_of(head.group(1).lower()) if head and low == singular(low) else None
            if head is not None and head_unit is not None and head_unit.dim is not None:
                return head_unit, head.end()  # 24,600 volunteer hours: the last noun names the unit
            return unit, word.end()
        if low in _FUNCTION_WORDS:
            break
        if fallback[0] is None and low.endswith("s") and low not in lex.en_skip:
            fallback = (unit, word.end())
        pos = word.end()
    return fallback


_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "from",
        "for",
        "by",
        "with",
        "and",
        "or",
        "but",
        "than",
        "as",
        "into",
        "through",
        "over",
        "under",
        "between",
        "per",
        "each",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "their",
        "our",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "which",
        "who",
        "whom",
        "whose",
        "while",
        "when",
        "where",
        "up",
        "down",
        "out",
        "about",
        "after",
        "before",
        "during",
        "since",
        "until",
    ]
)


def unit_noun(text: str, pos: int) -> Unit | None:
    """Return the unit named by the English noun after ``pos`` (10-20 volunteers → volunteer), if any."""
    return _unit_noun(text, pos)[0]


def first_noun(text: str, pos: int) -> tuple[Unit | None, int]:
    """Return the lexicon unit of the first content word after ``pos`` (adjectives skipped), if any."""
    lex = lexicon()
    for _ in range(3):
        word = _WORD.match(text, pos)
        if word is None:
            return None, pos
        low = word.group(1).lower()
        unit = unit_of(low)
        if unit is not None and unit.dim is not None:
            return unit, word.end()
        if low not in lex.en_skip:
            return None, pos
        pos = word.end()
    return None, pos


def scan(text: str, mask: bytearray, tol: Tolerance) -> list[Found]:
    """Return the mentions written in English words: three, twenty-one, a dozen, first, two million."""
    pats = patterns()
    out: list[Found] = []
    for match in pats.words.finditer(text):
        if mask[match.start()]:
            continue
        try:
            found = _read_words(text, match, tol)
        except (OverflowError, ValueError):
            found = None  # "million million …": no figure
        if found is not None:
            out.append(found)
    return out


def _read_words(text: str, match: re.Match[str], tol: Tolerance) -> Found | None:
    pats = patterns()
    start, end = match.span()
    fraction = _fraction(text, match, tol)
    if fraction is not None:
        return fraction
    if match.group("ord"):
        value = pats.numbers["ordinals"][match.group("ord").lower()]
        unit, _ = _unit_noun(text, end)
        return Found(start, end, "ordinal", value, Interval.point(value), unit, figure=match.group())
    if match.group("dozen"):
        value = pats.numbers["collectives"].get(match.group("dozen").lower(), 12.0)
        rounded = False
    else:
        card = match.group("card")
        if match.group("ordtail"):
            card = card[: match.start("ordtail") - match.start("card")].rstrip(" -")
        parsed = words_value(card)
        if parsed is None:
            return None
        value, rounded = parsed
        if match.group("ordtail"):
            value += pats.numbers["ordinals"][match.group("ordtail").lower()]
            return Found(start, end, "ordinal", value, Interval.point(value), figure=match.group())
        half = (
            _HALF_A.search(text, max(0, start - 8), start) if card.lower() in pats.numbers["scales"] else None
        )
        if half is not None:
            start, value = half.start(), value / 2  # half a million
    ratio = _ratio(text, start, end, value, tol) if not rounded else None
    if ratio is not None:
        return ratio
    after = pats.after.match(text, end)
    return _compose(text, start, end, value, place_value(value), rounded, None, after, tol)


_FRACTION_AFTER = re.compile(
    r"[ -](halves|half|thirds?|quarters?|fifths?|tenths?)(?![A-Za-z])", re.IGNORECASE
)
_ARTICLE_BEFORE = re.compile(r"(?:\ba|\bone)[ -]\Z", re.IGNORECASE)


def _fraction(text: str, match: re.Match[str], tol: Tolerance) -> Found | None:
    """three quarters, two-thirds, a third, one-fifth → a percentage (with ``fraction_points`` slack)."""
    pats = patterns()
    start, end = match.span()
    word = (match.group("ord") or "").lower()
    denominators = pats.numbers["fractions"]
    if match.group("quarter"):
        head = match.group("quarter").split()[0].split("-")[0].lower()
        value = (1.0 if head in ("a", "one") else pats.numbers["ones"][head]) * 25
        return _percent_found(start, end, value, text, tol)
    tail = (match.group("ordtail") or "").lower()
    if tail in denominators and match.group("card"):
        head = words_value(match.group("card")[: match.start("ordtail") - match.start("card")].rstrip(" -"))
        if head is not None and head[0] < 10:  # two thirds, one-fifth (but twenty-third is an ordinal)
            return _percent_found(start, end, head[0] * 100 / denominators[tail], text, tol)
    if word in denominators and _names_a_thing(text, end):
        return None  # a tenth shop, a third consecutive year: an ordinal
    if word in denominators and (
        _ARTICLE_BEFORE.search(text, max(0, start - 4), start) or text.startswith(" of ", end)
    ):
        article = _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
        value = 100 / denominators[word]
        lead = article.start() if article else start
        return _percent_found(lead, end, value, text, tol)
    following = _FRACTION_AFTER.match(text, end)
    if match.group("card") and following is not None:
        parsed = words_value(match.group("card"))
        if parsed is not None:
            value = parsed[0] * 100 / denominators[following.group(1).lower().replace("halves", "half")]
            return _percent_found(start, following.end(), value, text, tol)
    return None


_RATIO = re.compile(
    r"\s(?:in|out\s+of)\s+(?P<m>\d{1,4}(?![\d,.]|\s?%)|[A-Za-z]+(?:-[A-Za-z]+)?)(?![A-Za-z])",
    re.IGNORECASE,
)


def _ratio(text: str, start: int, end: int, value: float, tol: Tolerance) -> Found | None:
    """1 in 5, one in three, 9 out of 10: a proportion, read as one percentage (20%, 33.3%, 90%)
    with the slack of a fraction (``fraction_points``)."""
    found = _RATIO.match(text, end)
    if found is None or value < 1:
        return None
    written = found.group("m")
    whole = float(written) if written.isdigit() else (words_value(written) or (0.0, False))[0]
    if not value < whole <= 1000:
        return None
    unit, _ = _unit_noun(text, found.end())
    if unit is not None and unit.dim in ("hours", "days", "months", "years"):
        return None  # 5 in 10 minutes: a count and a duration
    return _percent_found(start, found.end(), value * 100 / whole, text, tol)


def _between(text: str, start: int, end: int, low: float) -> Found | None:
    """between 10 and 20 (volunteers): a range."""
    lead = _BETWEEN.search(text, max(0, start - 8), start)
    high = _AND_HIGH.match(text, end) if lead is not None else None
    if lead is None or high is None or float(high.group("hi").replace(",", "")) <= low:
        return None
    top = float(high.group("hi").replace(",", ""))
    if 1900 <= low <= 2100 and 1900 <= top <= 2100 and "," not in text[start:end]:
        return None  # between 2024 and 2025: two years
    unit, _ = _unit_noun(text, high.end())
    return Found(
        lead.start(),
        high.end(),
        "range",
        low,
        Interval(low, top),
        _base(unit),
        figure=text[lead.start() : high.end()],
    )


def _names_a_thing(text: str, end: int) -> bool:
    """Whether the word after an ordinal-like fraction word (third, tenth) is what it counts."""
    following = _WORD.match(text, end)
    if following is None or text[end] != " ":
        return False
    word = following.group(1).lower()
    return word not in _FUNCTION_WORDS and word not in ("of", "more", "less") and not word.endswith("ed")


def _percent_found(start: int, end: int, value: float, text: str, tol: Tolerance) -> Found:
    interval = Interval(value - tol.fraction_points, value + tol.fraction_points)
    return Found(start, end, "percent", value, interval, unit_of("%"), figure=text[start:end])


def words_value(phrase: str) -> tuple[float, bool] | None:
    """Return (value, rounded) of an English number phrase: "twenty-one" → 21, "two million" → 2e6."""
    nums = patterns().numbers
    total, current, rounded = 0.0, 0.0, False
    for token in re.split(r"[\s-]+", phrase.lower()):
        if token in ("and", ""):
            continue
        if token in nums["ones"] or token in nums["tens"]:
            current += nums["ones"].get(token) or nums["tens"].get(token, 0.0)
        elif token in nums["hundred"]:
            current = (current or 1) * 100
        elif token in nums["scales"]:
            total += (current or 1) * nums["scales"][token]
            current, rounded = 0.0, True
        else:
            return None
    return total + current, rounded
