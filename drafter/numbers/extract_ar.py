"""The numeric scanner and the reader of Arabic figures, which belong to no script.

One compiled scanner (built by :mod:`extract_zh` from the numeral lexicons) finds every numeric core. A
Chinese core (三分之一, 数十, 一万, 壹佰) is read by :mod:`extract_zh`. An Arabic figure is read here by an
ordered table of small recognisers, each of which either claims the figure or passes it on: a financial
year, a time of day, a name glued to Latin letters (G320, ISO9001), a standard's number, a quoted name, a
phone number, a year or a span of years, a range, a range of percentages. What is left is a figure among
words: the words around it decide once whether :mod:`extract_en` (412 visits, $4.2m) or
:func:`extract_zh.compose` (1.2万人次, 5000多元) reads it. Neither reader calls the other.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from drafter.cjk import CJK
from drafter.numbers import extract_en, extract_zh
from drafter.numbers.extract_zh import FULLWIDTH, ZhPatterns, patterns
from drafter.numbers.found import Found
from drafter.numbers.interval import Interval, Tolerance, decimals_of, place_value
from drafter.numbers.units import Unit, unit_of
from drafter.numbers.zh_numerals import numerals

MAX_RUN = 40
_CODE_TAIL = re.compile(r"(?:[-.:][0-9]+)*")
# A time of day: 9:30, 9am, 9.30 pm, 10 a.m. (minutes after a dot only before am/pm).
_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[:：](?P<m>[0-5]\d)(?!\d)|\.(?P<m2>[0-5]\d)(?=\s?[AaPp]\.?[Mm]))?"
    r"(?:\s?(?P<ap>[AaPp])(?:[Mm]|\.[Mm]\.)(?![A-Za-z]))?"
)
# A figure with a leading zero (0571, 010) or a mobile number is a phone number or a code, not a count.
_PHONE = re.compile(r"0\d{2,}|1[3-9]\d{9}")
_QUOTED = re.compile(r"[0-9A-Za-z+＋]{0,8}”")
_PCT_RANGE = re.compile(rf"[%％]\s?(?:——|—|–|-|~|～|至|到)\s?(?P<ar2>{extract_zh.AR})[%％]")
_FY_TAIL = re.compile(r"[-–/]\d{2}(?!\d)")
_CLOCK_NEXT = frozenset(":：.aApP")
_AFTERNOON = ("下午", "晚上", "傍晚", "晚")
_NAME_TAILS = frozenset({"年", "年度", "周年", "号"})  # ISO9001年, G20号: still names


def scan(text: str, mask: bytearray, tol: Tolerance) -> list[Found]:
    """Return every mention whose numeric core is Chinese or an Arabic figure, skipping masked spans."""
    pats = patterns()
    out: list[Found] = []
    pos = 0
    while True:
        match = pats.core.search(text, pos)
        if match is None:
            return out
        pos = match.end()
        if mask[match.start()]:
            continue
        try:
            found = _read(text, match, pats, tol)
        except (OverflowError, ValueError):
            found = [_overlong(match)]  # a run of hundreds of 亿s: no figure a float holds
        if not found and match.group("fin") is not None:
            # 伍 of 队伍 is no number, but 一万人 right after it may be: rescan after the financial numerals
            lone = _fin_only().match(text, match.start())
            pos = lone.end() if lone else match.start() + 1
        for item in found:
            out.append(item)
            pos = max(pos, item.end)


@cache
def _fin_only() -> re.Pattern[str]:
    return re.compile("[" + "".join(numerals().financial) + "]+")


def _read(text: str, match: re.Match[str], pats: ZhPatterns, tol: Tolerance) -> list[Found]:
    start = match.start()
    if start > 0 and text[start - 1] == "每":
        return []  # 每万人: the base of a rate, not a claim
    if match.end() - start > MAX_RUN:
        return [_overlong(match)]
    if match.group("ar") is None:
        return extract_zh.read_numeral(text, match, pats, tol)
    figure = _Figure(text, match, pats, tol)
    for recognise in _recognisers(figure):
        found = recognise(figure)
        if found is not None:
            return found
    raise AssertionError("the last recogniser reads every figure")  # pragma: no cover


def _recognisers(fig: _Figure) -> tuple[Callable[[_Figure], list[Found] | None], ...]:
    """The recognisers that may claim ``fig``: after a Chinese character or sign (not “) and before a
    Chinese character or a per cent sign, only a few can."""
    if fig.before.isascii() or fig.before == "“":
        return ARABIC
    if "\u3400" <= fig.after <= "\u9fff":  # is_cjk, inlined: the hottest line of extraction
        return IN_CHINESE
    return BEFORE_PERCENT if fig.after in ("%", "％") else ARABIC


def _overlong(match: re.Match[str]) -> Found:
    """Hundreds of numerals in a row write no figure a report could mean: a term the facts must state."""
    return Found(match.start(), match.end(), "term", None, None, figure=match.group())


class _Figure:
    """An Arabic figure found by the scanner, with the characters its recognisers look at first.

    Attributes:
        text: The whole text.
        match: The scanner's match (group ``ar`` is the figure).
        start: Where the figure starts.
        end: Where it ends.
        written: The figure as written (８，４５０).
        plain: The figure without separators, in ASCII digits (8450).
        before: The character before it ("" at the start).
        after: The character after it ("" at the end).
    """

    __slots__ = ("after", "before", "end", "match", "pats", "plain", "start", "text", "tol", "written")

    def __init__(self, text: str, match: re.Match[str], pats: ZhPatterns, tol: Tolerance) -> None:
        self.text, self.match, self.pats, self.tol = text, match, pats, tol
        self.start, self.end = match.span()
        self.written = match.group("ar")
        written = self.written if self.written.isascii() else self.written.translate(FULLWIDTH)
        self.plain = written.replace(",", "")  # (translating is slow even when nothing changes: skipped)
        self.before = text[self.start - 1] if self.start else ""
        self.after = text[self.end : self.end + 1]


def _fiscal_year(fig: _Figure) -> list[Found] | None:
    """FY2025, FY25, FY2024-25: a financial year."""
    text, start, end = fig.text, fig.start, fig.end
    if text[max(0, start - 2) : start] != "FY" or len(fig.written) not in (2, 4):
        return None
    year = float(fig.written) + (2000 if len(fig.written) == 2 else 0)
    tail = _FY_TAIL.match(text, end)
    stop = tail.end() if tail else end
    return [Found(start - 2, stop, "year", year, Interval.point(year), figure=text[start - 2 : stop])]


def _time_of_day(fig: _Figure) -> list[Found] | None:
    """9:30, 9am, 2:30 p.m., 下午3:00: a time of day (kind ``time``, value hour × 100 + minute)."""
    text, start = fig.text, fig.start
    nxt = text[fig.end : fig.end + 2]
    timed = nxt[:1] in _CLOCK_NEXT or (nxt[:1] == " " and nxt[1:2] in "aApP")
    if not timed or (fig.before.isascii() and fig.before.isalnum()):
        return None
    found = _CLOCK.match(text, start)
    if found is None or not (found.group("m") or found.group("ap")):
        return None
    hour = int(found.group("h"))
    minute = int(found.group("m") or found.group("m2") or 0)
    half = (found.group("ap") or "").lower()
    if half and not 1 <= hour <= 12:
        half = ""  # 13:00 pm: the clock already says it
    if hour > 24 or (hour == 24 and minute):
        return None
    if half == "p" or (not half and hour < 12 and text[max(0, start - 2) : start].endswith(_AFTERNOON)):
        hour = hour % 12 + 12
    elif half == "a":
        hour %= 12
    code = float(hour * 100 + minute)
    return [Found(start, found.end(), "time", code, Interval.point(code), figure=text[start : found.end()])]


def _latin_name(fig: _Figure) -> list[Found] | None:
    """G320国道, MP3, ISO9001, COVID-19: a figure glued to Latin letters is part of a name, unless a
    product name of two or more letters is followed by a count (DVD48张, iPad30台, CD-ROM12套)."""
    before, text, start = fig.before, fig.text, fig.start
    if not before.isascii():
        return None
    latin = before.isalpha() or (before in "-_/." and start >= 2 and _ascii_letter(text[start - 2]))
    if not latin or (before.isalpha() and _glued_count(fig)):
        return None
    return [_alnum_term(text, start, fig.end)]


def _glued_count(fig: _Figure) -> bool:
    # B2栋 and A3层 name a building and a floor: one letter is a code, not a product.
    letters = fig.start
    while letters > 0 and _ascii_letter(fig.text[letters - 1]):
        letters -= 1
    if fig.start - letters < 2:
        return False
    suffix = fig.pats.suffix.match(fig.text, fig.end)
    unit = suffix.group("unit") if suffix is not None else None
    return unit is not None and CJK.match(unit) is not None and unit not in _NAME_TAILS


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _standard_code(fig: _Figure) -> list[Found] | None:
    """GB/T 9704-2012, ISO 9001: the number of a standard is a name."""
    before = fig.before
    if not (before == " " or "A" <= before <= "Z"):
        return None
    if not fig.pats.code_before.search(fig.text, max(0, fig.start - 10), fig.start):
        return None
    return [_code(fig)]


def _quoted_name(fig: _Figure) -> list[Found] | None:
    """“135”工作法, “5+2”模式, “1+N”集团: a name in quotes."""
    quoted = _QUOTED.match(fig.text, fig.end) if fig.before == "“" else None
    if quoted is None:
        return None
    stop = quoted.end() - 1
    figure = fig.text[fig.start : stop]
    return [Found(fig.start, stop, "term", None, None, figure=figure, term_source="lexicon")]


def _phone_number(fig: _Figure) -> list[Found] | None:
    """0571-88886666, 13912345678: a phone number or a code with a leading zero."""
    if fig.written[0] not in "01" or not _PHONE.fullmatch(fig.written):
        return None
    return [_code(fig)]


def _code(fig: _Figure) -> Found:
    code_end = _CODE_TAIL.match(fig.text, fig.end)
    stop = code_end.end() if code_end else fig.end
    return Found(fig.start, stop, "term", None, None, figure=fig.text[fig.start : stop])


def _latin_after(fig: _Figure) -> list[Found] | None:
    """5th, 10km, $4.2m: Latin letters right after the figure; a name when they are no unit (5G)."""
    after = fig.after
    if not (after.isascii() and after.isalpha()):
        return None
    latin = extract_en.latin_suffix(fig.text, fig.match, fig.tol)
    return latin if latin is not None else [_alnum_term(fig.text, fig.start, fig.end)]


def _alnum_term(text: str, start: int, end: int) -> Found:
    left = start
    while left > 0 and (text[left - 1].isascii() and (text[left - 1].isalnum() or text[left - 1] in "-_/.")):
        left -= 1
    right = end
    while right < len(text) and text[right].isascii() and (text[right].isalnum() or text[right] in "-_"):
        right += 1
    while left < start and not text[left].isalnum():
        left += 1
    return Found(left, right, "term", None, None, figure=text[left:right])


def _years(fig: _Figure) -> list[Found] | None:
    """2025年, 2024—2025年, 2024-25 (a school year): years written in Arabic figures."""
    text, start, end, written = fig.text, fig.start, fig.end, fig.written
    if not _year_like(written):
        return None
    value = float(written)
    ranged = fig.pats.range_tail.match(text, end)
    short = ranged.group("ar2") if ranged else ""
    second = float(short.translate(FULLWIDTH)) if len(short) == 4 else 0
    if ranged and len(short) == 2 and int(short) == (value + 1) % 100 and ranged.group().strip()[0] in "-–/":
        return [extract_zh.year_mention(start, ranged.end(), value, text[start : ranged.end()])]
    if ranged and value < second <= value + 10:
        # 2024—2025年, 2024-2025学年: two years (the 年 after the second one is part of it when present)
        stop = ranged.end() + (1 if text.startswith("年", ranged.end()) else 0)
        return [
            extract_zh.year_mention(start, end, value, written),
            extract_zh.year_mention(ranged.start("ar2"), stop, second, text[ranged.start("ar2") : stop]),
        ]
    gap = 1 if text[end : end + 1] in (" ", "\u00a0") else 0  # "2025 年" as some drafts space it
    if text.startswith("年", end + gap) and not text.startswith("年级", end + gap):
        stop = end + gap + (2 if text.startswith("年度", end + gap) else 1)
        return [extract_zh.year_mention(start, stop, value, text[start:stop])]
    return None


def _year_like(written: str) -> bool:
    return len(written) == 4 and written.isdigit() and 1900 <= int(written) <= 2100


def _range(fig: _Figure) -> list[Found] | None:
    """10—20人, 1—6月, 10-20 volunteers: a range of whole figures."""
    text, match = fig.text, fig.match
    ranged = fig.pats.range_tail.match(text, fig.end)
    if ranged is None or "." in fig.plain:
        return None
    low = float(fig.plain)
    high = float(ranged.group("ar2").translate(FULLWIDTH).replace(",", ""))
    months = extract_zh.month_span(text, fig.start, fig.end, low)
    if months is not None:
        return [months]
    if high < low:
        return [Found(fig.start, fig.end, "quantity", low, Interval.point(low), figure=match.group())]
    suffix = fig.pats.suffix.match(text, ranged.end())
    scale = fig.pats.scales.get(suffix.group("scale") or "", 1.0) if suffix else 1.0
    unit = unit_of(suffix.group("unit")) if suffix and suffix.group("unit") else None
    if unit is None and extract_en.has_latin_context(text, fig.start, ranged.end()):
        unit = extract_en.unit_noun(text, ranged.end())  # 10-20 volunteers
    factor = scale * (unit.factor if unit else 1.0)
    end = suffix.end() if suffix and suffix.end() > suffix.start() else ranged.end()
    interval = Interval(low * factor, high * factor)
    base = extract_zh.base_unit(unit)
    return [Found(fig.start, end, "range", low * factor, interval, base, figure=text[fig.start : end])]


def _percent_range(fig: _Figure) -> list[Found] | None:
    """20%—30%: a range of percentages."""
    if not fig.text.startswith(("%", "％"), fig.end):
        return None
    percents = _PCT_RANGE.match(fig.text, fig.end)
    low = float(fig.plain)
    if percents is None or float(percents.group("ar2").replace(",", "")) <= low:
        return None
    high = float(percents.group("ar2").replace(",", ""))
    figure = fig.text[fig.start : percents.end()]
    return [Found(fig.start, percents.end(), "range", low, Interval(low, high), unit_of("%"), figure=figure)]


def _among_words(fig: _Figure) -> list[Found] | None:
    """A figure among words: English words around it are read by :mod:`extract_en`, anything else as
    Chinese (1.2万人次, 5000多元, a bare 42)."""
    text, start, end = fig.text, fig.start, fig.end
    suffix = fig.pats.suffix.match(text, end)
    chinese = suffix is not None and CJK.search(suffix.group()) is not None
    if not chinese and extract_en.has_latin_context(text, start, end):
        return extract_en.read_arabic(text, fig.match, fig.tol)
    value = float(fig.plain)
    decimals = decimals_of(fig.plain)
    u = place_value(value, decimals)
    return [extract_zh.compose(text, start, end, value, u, decimals > 0, suffix, fig.pats, fig.tol)]


def _counted(fig: _Figure) -> list[Found] | None:
    """举办培训班109期, 新建学校12所, 投资3.5亿元: a figure between Chinese words with no word before it that
    changes it (第, 约, 近 …) and only a unit or scale word right after it, the commonest figure of a report.

    What :func:`_among_words` would make of it, read from the one suffix match. Safe ahead of
    :func:`_years` and :func:`_range` (it is tried among Chinese characters, after :func:`_phone_number`):
    a year-like figure is left to them, and a range needs a dash or 至/到 right after the figure, where
    this figure has its unit (the character after it is Chinese, so no dash or space). A date (8月, 15日)
    and an approximation after the figure are left to :func:`extract_zh.compose`.
    """
    if fig.after in "至到":
        return None
    return _plainly_stated(fig)


def _percent(fig: _Figure) -> list[Found] | None:
    """增长12%，占35.6%。: a per cent after a Chinese word and before Chinese text or punctuation.

    What :func:`_among_words` would make of it. Safe ahead of :func:`_years`, :func:`_range` and
    :func:`_percent_range` (it is tried after :func:`_phone_number`): a year-like figure is left to them,
    a range needs a dash right after the figure (here %) or after the % (here a character that is neither
    ASCII, a space nor a dash or 至/到), and the words are English only around Latin letters or £ / €.
    """
    if fig.before in "£€":
        return None
    after_sign = fig.text[fig.end + 1 : fig.end + 2]
    if not after_sign or after_sign.isascii() or after_sign.isspace() or after_sign in "—–～至到":
        return None
    return _plainly_stated(fig)


def _plainly_stated(fig: _Figure) -> list[Found] | None:
    """The mention of a figure with nothing before it that changes it and only a unit or scale word
    (万, 亿) right after it, or ``None`` when there is more to read (第, 约, 多, 左右, 年 of a year,
    月 of a date)."""
    text, pats = fig.text, fig.pats
    if fig.before == "第" or fig.before in pats.prefix_ends or _year_like(fig.written):
        return None
    suffix = pats.suffix.match(text, fig.end)
    if suffix is None:
        return None
    approx, scale_word, more, written_unit, post = suffix.group("ap1", "scale", "ap2", "unit", "ap3")
    if approx or more or post or not (scale_word or written_unit):
        return None
    stop = suffix.end()  # the end of the unit, or of the scale word when there is no unit
    if text.startswith(("月", "日", "号"), stop):
        return None
    # The same figure with the same words (12个, 3.5亿元) is read once: its kind, value, interval and unit
    # depend on nothing else. The entry keeps the tolerances it was read with, so their id is never reused.
    key = (fig.plain, scale_word, written_unit, id(fig.tol))
    hit = _PLAIN.get(key)
    if hit is not None and hit[0] is fig.tol:
        return [Found(fig.start, stop, *hit[1], "exact", text[fig.start : stop])]
    value = float(fig.plain)
    decimals = decimals_of(fig.plain)
    scale = pats.scales[scale_word] if scale_word else 1.0
    unit = unit_of(written_unit) if written_unit else None
    rounded = decimals > 0 or scale != 1.0
    found = extract_zh.plainly(
        text, fig.start, stop, value, place_value(value, decimals), scale, unit, rounded, fig.tol
    )
    if len(_PLAIN) >= _PLAIN_MAX:
        _PLAIN.clear()
    _PLAIN[key] = (fig.tol, (found.kind, found.value, found.interval, found.unit))
    return [found]


_PLAIN: dict[
    tuple[object, ...], tuple[Tolerance, tuple[str, float | None, Interval | None, Unit | None]]
] = {}
_PLAIN_MAX = 50_000


# The recognisers of an Arabic figure, in the order they are tried; the first that claims it wins.
ARABIC: tuple[Callable[[_Figure], list[Found] | None], ...] = (
    _fiscal_year,
    _time_of_day,
    _latin_name,
    _standard_code,
    _quoted_name,
    _phone_number,
    _latin_after,
    _years,
    _range,
    _percent_range,
    _among_words,
)
# Between two Chinese characters (全年举办109期, 2025年) no sign, Latin letter, quote or clock can claim a
# figure: the few recognisers that still may, in the same order (most figures of a report take this path).
IN_CHINESE: tuple[Callable[[_Figure], list[Found] | None], ...] = (
    _phone_number,
    _counted,
    _years,
    _range,
    _among_words,
)
# After a Chinese character and before a per cent sign (增长12%), likewise (a range of percents too).
BEFORE_PERCENT: tuple[Callable[[_Figure], list[Found] | None], ...] = (
    _phone_number,
    _percent,
    _years,
    _range,
    _percent_range,
    _among_words,
)
