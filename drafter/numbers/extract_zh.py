"""Chinese (and script-neutral Arabic) number mentions: figures, numerals, their approximators and units.

One compiled scanner finds every numeric core (a fraction 三分之一 / 百分之十二, a vague 数十 / 上千 / 十几,
an Arabic figure 8,450 / 1.2 / １２, a run of Chinese numerals); small anchored regexes then read what
stands before it (第, 约, 近, 超过 …) and after it (万 / 亿, 多 / 余, the unit or classifier, 左右 / 以上,
年 for years, 月 / 日 for dates). English context around an Arabic figure is read by :mod:`extract_en`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from drafter.numbers import extract_en
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
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_CJK = re.compile(r"[\u3400-\u9fff]")
_TAIL_STOP = set("的之和与及、，。；：！？“”‘’「」《》（）()【】 \n\t的了在是为把被对向从到至并等")
_MONEY = {"cny", "usd", "gbp", "eur"}
_CODE_TAIL = re.compile(r"(?:[-.:][0-9]+)*")
# A time of day: 9:30, 9am, 9.30 pm, 10 a.m. (minutes after a dot only before am/pm).
_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[:：](?P<m>[0-5]\d)(?!\d)|\.(?P<m2>[0-5]\d)(?=\s?[AaPp]\.?[Mm]))?"
    r"(?:\s?(?P<ap>[AaPp])(?:[Mm]|\.[Mm]\.)(?![A-Za-z]))?"
)
# A figure with a leading zero (0571, 010) or a mobile number is a phone number or a code, not a count.
_PHONE = re.compile(r"0\d{2,}|1[3-9]\d{9}")
_BOUND_AFTER = re.compile("以上|以下")
MAX_RUN = 40
_QUOTED = re.compile(r"[0-9A-Za-z+＋]{0,8}”")
_PCT_RANGE = re.compile(rf"[%％]\s?(?:——|—|–|-|~|～|至|到)\s?(?P<ar2>{AR})[%％]")
_SCALE_ALONE = frozenset({"百", "千", "万", "亿"})
_FY_TAIL = re.compile(r"[-–/]\d{2}(?!\d)")
_CLOCK_NEXT = frozenset(":：.aApP")
_AFTERNOON = ("下午", "晚上", "傍晚", "晚")
_NAME_TAILS = frozenset({"年", "年度", "周年", "号"})  # ISO9001年, G20号: still names


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
    if match.group("ar") is not None:  # the most common core first (one alternative matches)
        return _arabic(text, match, pats, tol)
    if match.group("frac") is not None:
        return _fraction(match, tol)
    if match.group("vague") is not None:
        return _vague(text, match, pats)
    if match.group("fin") is not None:
        run = financial_run(match.group("fin"), text[match.end() : match.end() + 2])
        return [] if run is None else _chinese(text, match, pats, tol, run)
    return _chinese(text, match, pats, tol, match.group("zh"))


def _overlong(match: re.Match[str]) -> Found:
    """Hundreds of numerals in a row write no figure a report could mean: a term the facts must state."""
    return Found(match.start(), match.end(), "term", None, None, figure=match.group())


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
    text = written.translate(_FULLWIDTH).replace(",", "")
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
            _base(unit),
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
def _base(unit: Unit | None) -> Unit | None:
    """The unit a scaled figure is expressed in (万人次 → 人次, factor 1)."""
    return None if unit is None else Unit(unit.name, unit.dim, 1.0)


def _arabic(text: str, match: re.Match[str], pats: ZhPatterns, tol: Tolerance) -> list[Found]:
    start, end = match.span()
    written = match.group("ar")
    before = text[start - 1] if start else ""
    if text[max(0, start - 2) : start] == "FY" and len(written) in (2, 4):
        year = float(written) + (2000 if len(written) == 2 else 0)  # FY2025, FY25: a financial year
        tail = _FY_TAIL.match(text, end)
        stop = tail.end() if tail else end  # FY2024-25
        return [Found(start - 2, stop, "year", year, Interval.point(year), figure=text[start - 2 : stop])]
    nxt = text[end : end + 2]
    timed = nxt[:1] in _CLOCK_NEXT or (nxt[:1] == " " and nxt[1:2] in "aApP")
    clock = _clock(text, start) if timed and not (before.isascii() and before.isalnum()) else None
    if clock is not None:
        return [clock]
    glued = before.isascii() and (before.isalpha() or (before in "-_/." and _latin_before(text, start)))
    if glued and not _glued_count(text, start, end, pats):
        return [_alnum_term(text, start, end)]  # G320国道, MP3, ISO9001, COVID-19: a name
    if (before == " " or "A" <= before <= "Z") and pats.code_before.search(text, max(0, start - 10), start):
        code_end = _CODE_TAIL.match(text, end)
        stop = code_end.end() if code_end else end
        return [Found(start, stop, "term", None, None, figure=text[start:stop])]  # GB/T 9704-2012
    if before == "“" and (quoted := _QUOTED.match(text, end)) is not None:
        stop = quoted.end() - 1  # “135”工作法, “5+2”模式, “1+N”集团: a name in quotes
        return [Found(start, stop, "term", None, None, figure=text[start:stop], term_source="lexicon")]
    if written[0] in "01" and _PHONE.fullmatch(written):
        code_end = _CODE_TAIL.match(text, end)
        stop = code_end.end() if code_end else end
        return [Found(start, stop, "term", None, None, figure=text[start:stop])]  # 0571-88886666
    after = text[end] if end < len(text) else ""
    if after.isascii() and after.isalpha() and not _CJK.match(after):
        latin = extract_en.latin_suffix(text, match, tol)
        return latin if latin is not None else [_alnum_term(text, start, end)]
    figure = written.translate(_FULLWIDTH).replace(",", "")
    value = float(figure)
    decimals = decimals_of(figure)
    years = _years(text, match, pats, value, decimals) if len(written) == 4 else []
    if years:
        return years
    ranged = pats.range_tail.match(text, end)
    if ranged is not None and decimals == 0:
        return _arabic_range(text, match, ranged, pats, value)
    percents = _PCT_RANGE.match(text, end) if text.startswith(("%", "％"), end) else None
    if percents is not None and float(percents.group("ar2").replace(",", "")) > value:
        high = float(percents.group("ar2").replace(",", ""))  # 20%—30%: a range of percentages
        figure = text[start : percents.end()]
        return [
            Found(start, percents.end(), "range", value, Interval(value, high), unit_of("%"), figure=figure)
        ]
    suffix = pats.suffix.match(text, end)
    if not _has_zh_context(suffix) and extract_en.has_latin_context(text, start, end):
        return extract_en.read_arabic(text, match, tol)
    return [_compose(text, start, end, value, place_value(value, decimals), decimals > 0, suffix, pats, tol)]


def _clock(text: str, start: int) -> Found | None:
    """9:30, 9am, 2:30 p.m., 下午3:00: a time of day (kind ``time``, value hour × 100 + minute)."""
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
    return Found(start, found.end(), "time", code, Interval.point(code), figure=text[start : found.end()])


def _glued_count(text: str, start: int, end: int, pats: ZhPatterns) -> bool:
    """DVD48张, iPad30台, CD-ROM12套: a product name of two or more letters, then a count with its
    classifier. (B2栋 and A3层 name a building and a floor: one letter is a code, not a product.)"""
    letters = start
    while letters > 0 and text[letters - 1].isascii() and text[letters - 1].isalpha():
        letters -= 1
    if start - letters < 2:
        return False
    suffix = pats.suffix.match(text, end)
    unit = suffix.group("unit") if suffix is not None else None
    return unit is not None and _CJK.match(unit) is not None and unit not in _NAME_TAILS


def _latin_before(text: str, start: int) -> bool:
    return start >= 2 and text[start - 2].isascii() and text[start - 2].isalpha()


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


def _has_zh_context(suffix: re.Match[str] | None) -> bool:
    return suffix is not None and _CJK.search(suffix.group()) is not None


def _years(text: str, match: re.Match[str], pats: ZhPatterns, value: float, decimals: int) -> list[Found]:
    start, end = match.span()
    written = match.group("ar")
    if decimals or len(written) != 4 or not 1900 <= value <= 2100:
        return []
    ranged = pats.range_tail.match(text, end)
    second = (
        float(ranged.group("ar2").translate(_FULLWIDTH)) if ranged and len(ranged.group("ar2")) == 4 else 0
    )
    short = ranged.group("ar2") if ranged else ""
    if ranged and len(short) == 2 and int(short) == (value + 1) % 100 and ranged.group().strip()[0] in "-–/":
        return [_year(start, ranged.end(), value, text[start : ranged.end()])]  # 2024-25: a school year
    if ranged and value < second <= value + 10:
        # 2024—2025年, 2024-2025学年: two years (the 年 after the second one is part of it when present)
        stop = ranged.end() + (1 if text.startswith("年", ranged.end()) else 0)
        return [
            _year(start, end, value, written),
            _year(ranged.start("ar2"), stop, second, text[ranged.start("ar2") : stop]),
        ]
    gap = 1 if text[end : end + 1] in (" ", "\u00a0") else 0  # "2025 年" as some drafts space it
    if text.startswith("年", end + gap) and not text.startswith("年级", end + gap):
        stop = end + gap + (2 if text.startswith("年度", end + gap) else 1)
        return [_year(start, stop, value, text[start:stop])]
    return []


def _year(start: int, end: int, value: float, figure: str) -> Found:
    return Found(start, end, "year", value, Interval.point(value), figure=figure)


def _arabic_range(
    text: str, match: re.Match[str], ranged: re.Match[str], pats: ZhPatterns, low: float
) -> list[Found]:
    high = float(ranged.group("ar2").translate(_FULLWIDTH).replace(",", ""))
    months = _month_span(text, match.start(), match.end(), low)
    if months is not None:
        return [months]
    suffix = pats.suffix.match(text, ranged.end())
    scale = pats.scales.get(suffix.group("scale") or "", 1.0) if suffix else 1.0
    unit = unit_of(suffix.group("unit")) if suffix and suffix.group("unit") else None
    if unit is None and extract_en.has_latin_context(text, match.start(), ranged.end()):
        unit = extract_en.unit_noun(text, ranged.end())  # 10-20 volunteers
    factor = scale * (unit.factor if unit else 1.0)
    end = suffix.end() if suffix and suffix.end() > suffix.start() else ranged.end()
    if high < low:
        return [Found(match.start(), match.end(), "quantity", low, Interval.point(low), figure=match.group())]
    return [
        Found(
            match.start(),
            end,
            "range",
            low * factor,
            Interval(low * factor, high * factor),
            _base(unit),
            figure=text[match.start() : end],
        )
    ]


def _chinese(text: str, match: re.Match[str], pats: ZhPatterns, tol: Tolerance, run: str) -> list[Found]:
    """Read a run of Chinese numerals (financial ones already written as ordinary numerals)."""
    start, end = match.span()
    if _zh_year(text, run, end):
        value = float(parse_zh(run) or 0)
        stop = end + (2 if text.startswith("年度", end) else 1)
        return [_year(start, stop, value, text[start:stop])]
    ranged = parse_zh_range(run)
    suffix = pats.suffix.match(text, end)
    if ranged is not None:
        return [_zh_range(text, start, end, ranged, suffix)]
    parsed = parse_zh(run)
    if (
        parsed is None
        and suffix is not None
        and suffix.group("unit")
        and all(c in numerals().digits for c in run)
    ):
        # 七四个 is no well-formed numeral but still states a count: read it digit by digit (74)
        parsed = float("".join(str(numerals().digits[c]) for c in run))
    if parsed is None:
        return []
    value = parsed
    months = _month_span(text, start, end, value)
    if months is not None:
        return [months]
    span = _zh_span(text, start, end, value, pats)
    if span is not None:
        return [span]
    date = _date(text, start, end, value, "quantity") if text.startswith(("月", "日", "号"), end) else None
    if date is not None:
        return [date]
    has_unit = suffix is not None and (suffix.group("unit") or suffix.group("ap1") or suffix.group("ap3"))
    pre = _prefix(text, start, pats)[1]
    if not has_unit and pre == "exact":
        return _bare_numeral(text, start, end, run, value, tol)
    if (
        run in _SCALE_ALONE
        and pre == "exact"
        and not (suffix and (suffix.group("ap1") or suffix.group("ap2")))
    ):
        return []  # 千村示范、万村整治, 进万家: a bare 千 or 万 before a classifier is a slogan, not a count
    if run == "一" and pre == "exact" and not (suffix and (suffix.group("ap1") or suffix.group("ap3"))):
        return []  # 一个时期, 一项重要内容: 一 + classifier is an article
    rounded = run[-1] in numerals().big
    return [_compose(text, start, end, value, place_value(value), rounded, suffix, pats, tol)]


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
    return Found(start, stop, "range", low * factor, interval, _base(unit), figure=text[start:stop])


def _zh_year(text: str, run: str, end: int) -> bool:
    nums = numerals()
    return len(run) == 4 and all(ch in nums.digits for ch in run) and text.startswith("年", end)


def _zh_range(
    text: str, start: int, end: int, ranged: tuple[float, float], suffix: re.Match[str] | None
) -> Found:
    unit = unit_of(suffix.group("unit")) if suffix and suffix.group("unit") else None
    stop = suffix.end("unit") if suffix is not None and unit is not None else end
    factor = unit.factor if unit else 1.0
    low, high = ranged[0] * factor, ranged[1] * factor
    return Found(start, stop, "range", low, Interval(low, high), _base(unit), figure=text[start:stop])


def _bare_numeral(text: str, start: int, end: int, run: str, value: float, tol: Tolerance) -> list[Found]:
    """A Chinese numeral with no unit, approximator or 第: a name-like term (四进社区) or nothing."""
    if run in ("一", "十", "百", "千", "万", "亿", "零", "〇", "○", "两") and not _CJK.match(
        text[end : end + 1]
    ):
        return []
    if len(run) == 1 and run in "一百千万亿零〇○":
        return []
    if end < len(text) and _CJK.match(text[end]):
        stop = end
        while stop < len(text) and stop - end < 3 and text[stop] not in _TAIL_STOP and _CJK.match(text[stop]):
            stop += 1
        return [Found(start, stop, "term", None, None, figure=text[start:stop])]
    return [Found(start, end, "quantity", value, Interval.point(value), figure=run)]


@dataclass(slots=True)
class _Suffix:
    """What follows a figure: approximation, scale word, unit, and where the mention ends."""

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


def _compose(
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
    unit = after.unit
    if word == pats.recent_prefix and unit is not None and _is_time(unit):
        after.approx, pre_start = "exact", start  # 近三年来: "the recent three years", not "nearly"
    date = _date(text, start, after.stop, value, "ordinal" if ordinal else "quantity")
    if date is not None:
        return date
    kind, u, rounded = classify(
        "ordinal" if ordinal else "quantity", unit, value, u, after.rounded, after.approx, tol
    )
    factor = after.scale * (unit.factor if unit else 1.0)
    scaled = scale_value(value, factor)
    capped = tol if kind in CAPPED_KINDS else None
    interval = stated_interval(scaled, u * factor, after.approx, rounded and kind != "ordinal", capped)
    return Found(
        pre_start, after.stop, kind, scaled, interval, _base(unit), after.approx, text[pre_start : after.stop]
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


def _month_span(text: str, start: int, pos: int, low: float) -> Found | None:
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
        months = _month_span(text, start, end, value)
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
