"""Chinese number mentions: numerals, and any figure's Chinese approximators, scale words and units.

:func:`patterns` compiles the scanner of every numeric core (a fraction 三分之一 / 百分之十二, a vague 数十 /
上千 / 十几, an Arabic figure 8,450 / 1.2 / １２, a run of Chinese numerals), which :mod:`extract_ar` runs.
A Chinese core is read here (:func:`read_numeral`, an ordered table of small recognisers for a run of
numerals); small anchored regexes read what stands before a figure (第, 约, 近, 超过 …) and after it (万 /
亿, 多 / 余, the unit or classifier, 左右 / 以上, 年 for years, 月 / 日 for dates): :func:`compose`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from drafter.cjk import CJK
from drafter.numbers.found import CAPPED_KINDS, Found, classify
from drafter.numbers.guard import guarded
from drafter.numbers.interval import (
    INF,
    Interval,
    Tolerance,
    decimals_of,
    place_value,
    scale_value,
    stated_interval,
)
from drafter.numbers.units import Unit, lexicon, unit_of
from drafter.numbers.zh_numerals import financial_run, numerals, parse_zh, parse_zh_range
from drafter.resources import load_yaml

DATA = "drafter.numbers.data"
AR = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:[.．]\d+)?"
FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_TAIL_STOP = set("的之和与及、，。；：！？“”‘’「」《》（）()【】 \n\t的了在是为把被对向从到至并等")
_BOUND_AFTER = re.compile("以上|以下")
_SCALE_ALONE = frozenset({"百", "千", "万", "亿"})


@dataclass(frozen=True)
class ZhPatterns:
    """The compiled regexes of the Chinese scanner."""

    core: re.Pattern[str]
    prefix: re.Pattern[str]
    suffix: re.Pattern[str]
    range_tail: re.Pattern[str]
    day: re.Pattern[str]
    month_span: re.Pattern[str]
    zh_span: re.Pattern[str]
    prefix_kinds: dict[str, str]
    prefix_ends: frozenset[str]
    infix_kinds: dict[str, str]
    suffix_kinds: dict[str, str]
    recent_prefix: str
    blocked_after: dict[str, frozenset[str]]
    scales: dict[str, float]
    code_before: re.Pattern[str]


@cache
def patterns() -> ZhPatterns:
    """Return the compiled regexes (built once from the lexicons)."""
    approx = load_yaml(DATA, "approximators.yaml")["zh"]
    nums = numerals()
    chars = re.escape(nums.chars)
    units = lexicon()
    scales = units.scales
    scale_alt = "|".join(
        re.escape(s) + ("(?!分)" if s == "百" else "") for s in sorted(scales, key=len, reverse=True)
    )
    unit_alt = "|".join(re.escape(u) for u in units.zh_words)
    vague = "|".join(re.escape(v) for v in nums.vague)
    fin = re.escape("".join(nums.financial))
    core = (
        rf"(?P<frac>(?P<den>[{chars}]+|\d+)分之(?P<numr>[{chars}点]+|\d+(?:\.\d+)?))"
        rf"|(?P<vague>(?:{vague})(?:十万|百万|千万|十|百|千|万|亿)|{re.escape(nums.teen_vague)})"
        rf"|(?P<ar>{AR})|(?P<zh>[{chars}]+)|(?P<fin>[{fin}][{fin}{chars}]*)"
    )
    prefix = "(?:" + "|".join(re.escape(p) for p in sorted(approx["prefix"], key=len, reverse=True)) + r")\Z"
    infix = "|".join(re.escape(p) for p in approx["infix"])
    post = "|".join(re.escape(p) for p in sorted(approx["suffix"], key=len, reverse=True))
    suffix = (
        rf"(?P<ap1>{infix})?(?P<scale>{scale_alt})?(?P<ap2>多|余|\+)?"
        rf"(?:[ \u00a0\u2009]?(?P<unit>[%％‰]|{unit_alt}))?(?P<ap3>{post})?"
    )
    range_tail = rf"\s?(?:——|—|–|-|~|～|至|到)\s?(?P<ar2>{AR})"
    day = rf"(?P<d>\d{{1,2}}|[{chars}]{{1,3}})(?:日|号)"
    month_span = rf"月?\s?(?:——|—|–|-|~|～|至|到)\s?(?P<m2>\d{{1,2}}|[{chars}]{{1,3}})月(?:份)?"
    return ZhPatterns(
        core=guarded(core),
        prefix=re.compile(prefix),
        suffix=re.compile(suffix),
        range_tail=re.compile(range_tail),
        day=re.compile(day),
        month_span=re.compile(month_span),
        zh_span=re.compile(rf"(?:至|到|—|～|~)(?P<zh2>[{chars}]+)"),
        prefix_kinds=approx["prefix"],
        prefix_ends=frozenset(word[-1] for word in approx["prefix"]),
        infix_kinds=approx["infix"],
        suffix_kinds=approx["suffix"],
        recent_prefix=approx["recent_prefix"],
        blocked_after={k: frozenset(v) for k, v in approx["blocked_after"].items()},
        scales=scales,
        code_before=_code_prefixes(),
    )


def _code_prefixes() -> re.Pattern[str]:
    """Prefixes of standard numbers (GB/T 9704-2012, ISO 9001): the figure after them is a name."""
    prefixes = load_yaml(DATA, "terms.yaml")["code_prefixes"]
    alternation = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?:{alternation})[ \u00a0]?\Z")


def _prefix(text: str, start: int, pats: ZhPatterns) -> tuple[int, str, str]:
    """Return (new start, approx, word) for an approximation word or 第 right before ``start``."""
    before = text[start - 1] if start else ""
    if before == "第":
        return start - 1, "ordinal", "第"
    if before not in pats.prefix_ends:
        return start, "exact", ""  # most figures: no approximation word can end here
    found = pats.prefix.search(text[max(0, start - 4) : start])
    if found is None:
        return start, "exact", ""
    word = found.group()
    begin = start - len(word)
    if begin > 0 and text[begin - 1] in pats.blocked_after.get(word, ()):
        return start, "exact", ""  # 附近, 最近, 节约: the character belongs to another word
    return begin, pats.prefix_kinds[word], word


def _fraction(match: re.Match[str], tol: Tolerance) -> list[Found]:
    den = _figure_value(match.group("den"))
    num = _figure_value(match.group("numr"))
    if not den or num is None:
        return []
    value = num / den * 100
    if den == 100:
        numr = match.group("numr")
        u = place_value(num, (numr.count("点") and len(numr.split("点")[1])) or decimals_of(numr)) or 1.0
        # 百分之十二 is [11.5, 12.5) like 12%; 百分之百 is exactly 100 like 100%.
        interval = stated_interval(value, tol.percent_unit if u >= 1 else u, rounded=value != 100 or u < 1)
    else:
        interval = Interval(value - tol.fraction_points, value + tol.fraction_points)
    bound = _BOUND_AFTER.match(match.string, match.end())
    if bound is None:
        return [
            Found(match.start(), match.end(), "percent", value, interval, unit_of("%"), figure=match.group())
        ]
    # 三分之一以上 is [32.3, ∞), 三分之一以下 [0, 34.3]: the slack of the fraction stays on its own side
    approx = "at-least" if bound.group() == "以上" else "at-most"
    interval = Interval(interval.low, INF) if approx == "at-least" else Interval(0.0, interval.high)
    figure = match.string[match.start() : bound.end()]
    return [Found(match.start(), bound.end(), "percent", value, interval, unit_of("%"), approx, figure)]


def _figure_value(written: str) -> float | None:
    if "点" in written:
        whole, _, frac = written.partition("点")
        head = parse_zh(whole) if whole else 0.0
        tail = "".join(str(numerals().digits.get(ch, "")) for ch in frac)
        return None if head is None or not tail else float(f"{int(head)}.{tail}")
    text = written.translate(FULLWIDTH).replace(",", "")
    if text.replace(".", "", 1).isdigit():
        return float(text)
    return parse_zh(written)


def _vague(text: str, match: re.Match[str], pats: ZhPatterns) -> list[Found]:
    word = match.group("vague")
    nums = numerals()
    if word == nums.teen_vague:
        low, high = 11.0, 20.0
    else:
        scale = parse_zh(word[1:]) or 1.0
        lo, hi = nums.vague[word[0]]
        low, high = lo * scale, hi * scale
    end, unit = _unit_after(text, match.end(), pats)
    factor = unit.factor if unit else 1.0
    interval = Interval(low * factor, high * factor, False, True)
    return [
        Found(
            match.start(),
            end,
            "quantity",
            low * factor,
            interval,
            base_unit(unit),
            "about",
            figure=text[match.start() : end],
        )
    ]


def _unit_after(text: str, pos: int, pats: ZhPatterns) -> tuple[int, Unit | None]:
    found = pats.suffix.match(text, pos)
    if found is None or found.group("unit") is None or found.group("scale") or found.group("ap1"):
        return pos, None
    return found.end("unit"), unit_of(found.group("unit"))


@cache
def base_unit(unit: Unit | None) -> Unit | None:
    """The unit a scaled figure is expressed in (万人次 → 人次, factor 1)."""
    return None if unit is None else Unit(unit.name, unit.dim, 1.0)


def read_numeral(text: str, match: re.Match[str], pats: ZhPatterns, tol: Tolerance) -> list[Found]:
    """Read a Chinese numeric core: a fraction, a vague number, financial numerals or a run of numerals."""
    if match.group("frac") is not None:
        return _fraction(match, tol)
    if match.group("vague") is not None:
        return _vague(text, match, pats)
    if match.group("fin") is not None:
        run = financial_run(match.group("fin"), text[match.end() : match.end() + 2])
        return [] if run is None else _chinese(text, match, pats, tol, run)
    return _chinese(text, match, pats, tol, match.group("zh"))


class _Run(NamedTuple):
    """A run of Chinese numerals (financial ones already written as ordinary numerals) and its suffix (a
    named tuple: immutable, and built fast for every run of numerals in a text)."""

    text: str
    start: int
    end: int
    run: str
    suffix: re.Match[str] | None
    pats: ZhPatterns
    tol: Tolerance

    @property
    def unprefixed(self) -> bool:
        """Whether no approximation word or 第 stands before the run."""
        return _prefix(self.text, self.start, self.pats)[1] == "exact"

    def has(self, *groups: str) -> bool:
        """Whether the suffix after the run has any of ``groups`` (unit, ap1, ap2, ap3, scale)."""
        return self.suffix is not None and any(self.suffix.group(g) for g in groups)


def _chinese(text: str, match: re.Match[str], pats: ZhPatterns, tol: Tolerance, run: str) -> list[Found]:
    numeral = _Run(text, match.start(), match.end(), run, pats.suffix.match(text, match.end()), pats, tol)
    for recognise in _BEFORE_VALUE:
        found = recognise(numeral)
        if found is not None:
            return found
    value = _run_value(numeral)
    if value is None:
        return []
    for read in _WITH_VALUE:
        found = read(numeral, value)
        if found is not None:
            return found
    return [_compose_run(numeral, value)]


def _lone_one(num: _Run) -> list[Found] | None:
    """进一步, 统一, 一个时期: a lone 一 with no word before it that changes it (第, 约 …) and no
    approximation after it is part of a word or an article, the commonest numeral of a report: no mention.

    What the recognisers after it conclude (:func:`_bare` or :func:`_article`), decided at once. A 一 that a
    date, a span or a range may follow (月, 日, 号, 至, 到, a dash, a space) is left to them.
    """
    if num.run != "一" or num.has("ap1", "ap3"):
        return None
    after = num.text[num.end : num.end + 1]
    if after.isspace() or after in _SPAN_STARTS or not num.unprefixed:
        return None
    return []


_SPAN_STARTS = frozenset("月日号至到—–-~～")


def _zh_year(num: _Run) -> list[Found] | None:
    """二〇二五年, 二○二五年度: a year in Chinese numerals."""
    digits = numerals().digits
    if len(num.run) != 4 or not all(ch in digits for ch in num.run) or not num.text.startswith("年", num.end):
        return None
    value = float(parse_zh(num.run) or 0)
    stop = num.end + (2 if num.text.startswith("年度", num.end) else 1)
    return [year_mention(num.start, stop, value, num.text[num.start : stop])]


def _zh_range(num: _Run) -> list[Found] | None:
    """三四个, 七八十人: adjacent numerals state a range."""
    ranged = parse_zh_range(num.run)
    if ranged is None:
        return None
    suffix = num.suffix
    unit = unit_of(suffix.group("unit")) if suffix and suffix.group("unit") else None
    stop = suffix.end("unit") if suffix is not None and unit is not None else num.end
    factor = unit.factor if unit else 1.0
    low, high = ranged[0] * factor, ranged[1] * factor
    figure = num.text[num.start : stop]
    return [Found(num.start, stop, "range", low, Interval(low, high), base_unit(unit), figure=figure)]


def _run_value(num: _Run) -> float | None:
    parsed = parse_zh(num.run)
    digits = numerals().digits
    if parsed is None and num.has("unit") and all(c in digits for c in num.run):
        # 七四个 is no well-formed numeral but still states a count: read it digit by digit (74)
        parsed = float("".join(str(digits[c]) for c in num.run))
    return parsed


def _months(num: _Run, value: float) -> list[Found] | None:
    months = month_span(num.text, num.start, num.end, value)
    return None if months is None else [months]


def _span(num: _Run, value: float) -> list[Found] | None:
    span = _zh_span(num.text, num.start, num.end, value, num.pats)
    return None if span is None else [span]


def _day(num: _Run, value: float) -> list[Found] | None:
    if not num.text.startswith(("月", "日", "号"), num.end):
        return None
    date = _date(num.text, num.start, num.end, value, "quantity")
    return None if date is None else [date]


def _bare(num: _Run, value: float) -> list[Found] | None:
    """No unit, approximator or 第: a name-like term (四进社区) or a bare numeral."""
    if num.has("unit", "ap1", "ap3") or not num.unprefixed:
        return None
    return _bare_numeral(num.text, num.start, num.end, num.run, value, num.tol)


def _slogan(num: _Run, value: float) -> list[Found] | None:
    """千村示范、万村整治, 进万家: a bare 千 or 万 before a classifier is a slogan, not a count."""
    if (
        num.run not in _SCALE_ALONE
        or num.has("ap1", "ap2")
        or _prefix(num.text, num.start, num.pats)[1] != "exact"
    ):
        return None
    return []


def _article(num: _Run, value: float) -> list[Found] | None:
    """一个时期, 一项重要内容: 一 + classifier is an article."""
    if num.run != "一" or num.has("ap1", "ap3") or not num.unprefixed:
        return None
    return []


def _compose_run(num: _Run, value: float) -> Found:
    rounded = num.run[-1] in numerals().big
    return compose(
        num.text, num.start, num.end, value, place_value(value), rounded, num.suffix, num.pats, num.tol
    )


# The recognisers of a run of Chinese numerals, in the order they are tried: first those that read the
# run itself, then those given its value; a figure none of them claims is composed with its words.
_BEFORE_VALUE: tuple[Callable[[_Run], list[Found] | None], ...] = (_lone_one, _zh_year, _zh_range)
_WITH_VALUE: tuple[Callable[[_Run, float], list[Found] | None], ...] = (
    _months,
    _span,
    _day,
    _bare,
    _slogan,
    _article,
)


def _zh_span(text: str, start: int, end: int, low: float, pats: ZhPatterns) -> Found | None:
    """二至三人, 五到八个: a range written with two Chinese numerals and a unit."""
    span = pats.zh_span.match(text, end) if not text.startswith("第", start - 1) else None
    high = parse_zh(span.group("zh2")) if span else None
    if span is None or high is None or high <= low:
        return None
    suffix = pats.suffix.match(text, span.end())
    if (
        suffix is None
        or suffix.group("unit") in (None, "年级")
        or suffix.group("scale")
        or suffix.group("ap1")
    ):
        return None  # 一至九年级 names grades
    unit = unit_of(suffix.group("unit"))
    factor = unit.factor if unit else 1.0
    stop = suffix.end("unit")
    interval = Interval(low * factor, high * factor)
    return Found(start, stop, "range", low * factor, interval, base_unit(unit), figure=text[start:stop])


def year_mention(start: int, end: int, value: float, figure: str) -> Found:
    """Return the mention of the year ``value`` written as ``figure`` at [start, end)."""
    return Found(start, end, "year", value, Interval.point(value), figure=figure)


def _bare_numeral(text: str, start: int, end: int, run: str, value: float, tol: Tolerance) -> list[Found]:
    """A Chinese numeral with no unit, approximator or 第: a name-like term (四进社区) or nothing."""
    if run in ("一", "十", "百", "千", "万", "亿", "零", "〇", "○", "两") and not CJK.match(
        text[end : end + 1]
    ):
        return []
    if len(run) == 1 and run in "一百千万亿零〇○":
        return []
    if end < len(text) and CJK.match(text[end]):
        stop = end
        while stop < len(text) and stop - end < 3 and text[stop] not in _TAIL_STOP and CJK.match(text[stop]):
            stop += 1
        return [Found(start, stop, "term", None, None, figure=text[start:stop])]
    return [Found(start, end, "quantity", value, Interval.point(value), figure=run)]


class _Suffix(NamedTuple):
    """What follows a figure: approximation, scale word, unit, and where the mention ends (a named tuple:
    one is read for every figure)."""

    approx: str
    scale: float
    unit: Unit | None
    stop: int
    rounded: bool


def _read_suffix(
    suffix: re.Match[str] | None, end: int, approx: str, ordinal: bool, rounded: bool, pats: ZhPatterns
) -> _Suffix:
    if suffix is None:
        return _Suffix(approx, 1.0, None, end, rounded)
    ap1, ap2, scale_word, written_unit, post = suffix.group("ap1", "ap2", "scale", "unit", "ap3")
    infix = ap1 or ap2
    if ap1 == "来" and not written_unit:
        infix = None  # 来 is "about" only before a classifier (十来个), not in 三年来
    if infix and approx == "exact" and not ordinal:
        approx = pats.infix_kinds[infix]
    scale = pats.scales[scale_word] if scale_word else 1.0
    unit = unit_of(written_unit) if written_unit else None
    if post and not ordinal and approx == "exact":
        approx = pats.suffix_kinds[post]
    return _Suffix(approx, scale, unit, _suffix_stop(suffix, infix, post), rounded or scale != 1.0)


def compose(
    text: str,
    start: int,
    end: int,
    value: float,
    u: float,
    rounded: bool,
    suffix: re.Match[str] | None,
    pats: ZhPatterns,
    tol: Tolerance,
) -> Found:
    """Combine a figure with what stands before and after it into one mention."""
    pre_start, pre, word = _prefix(text, start, pats)
    ordinal = pre == "ordinal"
    after = _read_suffix(suffix, end, "exact" if ordinal else pre, ordinal, rounded, pats)
    unit, approx = after.unit, after.approx
    if word == pats.recent_prefix and unit is not None and _is_time(unit):
        approx, pre_start = "exact", start  # 近三年来: "the recent three years", not "nearly"
    date = _date(text, start, after.stop, value, "ordinal" if ordinal else "quantity")
    if date is not None:
        return date
    stated = _Suffix(approx, after.scale, unit, after.stop, after.rounded)
    return figure_mention(text, pre_start, value, u, stated, ordinal, tol)


def plainly(
    text: str,
    start: int,
    stop: int,
    value: float,
    u: float,
    scale: float,
    unit: Unit | None,
    rounded: bool,
    tol: Tolerance,
) -> Found:
    """Return the mention of a figure at [start, stop) with no word before it and only a scale word and
    unit after it (举办培训班109期, 3.5亿元): what :func:`compose` makes of it, without reading the words
    again."""
    return figure_mention(text, start, value, u, _Suffix("exact", scale, unit, stop, rounded), False, tol)


def figure_mention(
    text: str, start: int, value: float, u: float, after: _Suffix, ordinal: bool, tol: Tolerance
) -> Found:
    """Return the mention of ``value`` (place value ``u``) written from ``start`` to ``after.stop``, with
    the approximation, scale and unit read after it: its kind, scaled value and interval."""
    unit = after.unit
    kind, u, rounded = classify(
        "ordinal" if ordinal else "quantity", unit, value, u, after.rounded, after.approx, tol
    )
    factor = after.scale * (unit.factor if unit else 1.0)
    scaled = scale_value(value, factor)
    capped = tol if kind in CAPPED_KINDS else None
    interval = stated_interval(scaled, u * factor, after.approx, rounded and kind != "ordinal", capped)
    return Found(
        start,
        after.stop,
        kind,
        scaled,
        interval,
        base_unit(unit),
        after.approx,
        text[start : after.stop],
    )


def _suffix_stop(suffix: re.Match[str], infix: str | None, post: str | None) -> int:
    if post:
        return suffix.end("ap3")
    for group in ("unit", "ap2", "scale"):
        if suffix.group(group):
            return suffix.end(group)
    return suffix.end("ap1") if infix else suffix.start()


def _is_time(unit: Unit) -> bool:
    return unit.dim in ("years", "months", "days")


def month_span(text: str, start: int, pos: int, low: float) -> Found | None:
    """1—6月, 1至6月份, 1月至6月, 一至六月: a span of months (value and bounds are month × 100)."""
    if not (float(low).is_integer() and 1 <= low <= 12):
        return None
    span = patterns().month_span.match(text, pos)
    if span is None:
        return None
    high = _figure_value(span.group("m2"))
    if high is None or not low < high <= 12:
        return None
    interval = Interval(low * 100, high * 100)
    return Found(start, span.end(), "date", low * 100, interval, figure=text[start : span.end()])


def _date(text: str, start: int, stop: int, value: float, kind: str) -> Found | None:
    """8月, 8月15日, 15日: a date (value month*100 + day, or the day alone)."""
    if kind != "quantity" or not text.startswith(("月", "日", "号"), stop) or not float(value).is_integer():
        return None
    end = stop
    if text.startswith("月", end) and 1 <= value <= 12 and not text.startswith("个", end - 1):
        months = month_span(text, start, end, value)
        if months is not None:
            return months
        end += 1
        day = patterns().day.match(text, end)
        if day is not None:
            d = _figure_value(day.group("d"))
            if d is not None and 1 <= d <= 31:
                code = value * 100 + d
                return Found(
                    start, day.end(), "date", code, Interval.point(code), figure=text[start : day.end()]
                )
        if text.startswith("份", end):
            end += 1
        return Found(start, end, "date", value * 100, Interval.point(value * 100), figure=text[start:end])
    if text.startswith("号", end) and end == stop and not text.startswith("月", start - 1):
        # 1号住院楼, 中央一号文件: a number in a name (a day is written 15日, or 8月15号)
        return Found(start, end + 1, "term", None, None, figure=text[start : end + 1])
    if text.startswith(("日", "号"), end) and 1 <= value <= 31 and end == stop:
        return Found(start, end + 1, "date", value, Interval.point(value), figure=text[start : end + 1])
    return None
