"""Units: normalise a written unit (万元, visits, USD) and decide whether two units are compatible."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from drafter.cjk import CJK
from drafter.resources import load_yaml

DATA = "drafter.numbers.data"
_IRREGULAR = {
    "people": "people",
    "children": "child",
    "staff": "staff",
    "times": "times",
    "series": "series",
    "news": "news",
    "data": "data",
    "media": "media",
}
RATES = frozenset({"percent", "points", "multiple"})
_WORDY = re.compile(r"[A-Za-z][A-Za-z -]*\Z")  # an English noun, not a sign (%, $) nor a symbol with digits


class Unit(NamedTuple):
    """A unit as understood by the checker (a named tuple: hashed in C, as every figure's unit is).

    Attributes:
        name: The normalised unit as shown to users (``元`` for 万元, ``visit`` for visits).
        dim: Its dimension in the lexicon, ``None`` when unknown (an unlisted classifier or noun).
        factor: Multiply a figure in the written unit by this to express it in ``name`` (万元 → 10000).
    """

    name: str
    dim: str | None
    factor: float = 1.0

    @property
    def english(self) -> bool:
        """Whether the unit is an English word (visit, book), which is matched more loosely."""
        return _WORDY.match(self.name) is not None and self.name.lower() not in _SYMBOLS


@dataclass(frozen=True)
class UnitLexicon:
    """The unit lexicon: members by written form, zh words recognised after figures, scale words."""

    members: dict[str, tuple[str, str, float]]  # written → (dimension, base, factor)
    families: dict[str, frozenset[str]]  # generic classifier (个) → the classifiers and dimensions it counts
    categories: dict[str, str]  # dimension → category, for English nouns (visits, loans → things)
    measures: frozenset[str]  # dimensions that measure (money, percent, time, length …), not count things
    zh_words: tuple[str, ...]  # every Chinese unit/classifier, longest first
    scales: dict[str, float]
    en_skip: frozenset[str]
    en_scales: dict[str, float]  # million visits: a scale word before any English unit
    en_money_scales: dict[str, float]  # $m, £bn: abbreviations that scale money only (m alone is metres)
    money: dict[str, str]  # money dimension → its base sign ($, £, €, 元)


@cache
def lexicon() -> UnitLexicon:
    """Return the unit lexicon (loaded once)."""
    data = load_yaml(DATA, "units.yaml")
    members: dict[str, tuple[str, str, float]] = {}
    for dim, spec in data["dimensions"].items():
        for written, factor in spec["units"].items():
            members[str(written).lower()] = (dim, spec["base"], float(factor))
    # A family stands for its members' whole dimensions too (个 for 所 is 个 for school, 班 for 期).
    families = {
        head: frozenset(names) | {members[n][0] for n in names if n in members}
        for head, names in data["families"].items()
    }
    zh = {w for w in members if CJK.search(w)}
    zh |= {w for w in [*data["classifiers"], *families] if CJK.search(w)}
    scales = {k: float(v) for k, v in load_yaml(DATA, "zh_numerals.yaml")["scales"].items()}
    categories = {dim: cat for cat, dims in data["categories"].items() for dim in dims}
    categories |= {dim: dim for dim in data["measures"]}
    return UnitLexicon(
        members=members,
        families=families,
        categories=categories,
        measures=frozenset(data["measures"]),
        zh_words=tuple(sorted(zh, key=len, reverse=True)),
        scales=scales,
        en_skip=frozenset(data["en_skip_words"]),
        en_scales={k: float(v) for k, v in data["en_scales"].items()},
        en_money_scales={k: float(v) for k, v in data["en_money_scales"].items()},
        money={dim: str(data["dimensions"][dim]["base"]) for dim in data["money"]},
    )


def singular(word: str) -> str:
    """Return the lexicon form of an English noun: lower case and singular (libraries → library)."""
    low = word.lower()
    members = lexicon().members
    if low in members or low in _IRREGULAR:
        return _IRREGULAR.get(low, low)
    for suffix, repl in (
        ("ies", "y"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("sses", "ss"),
        ("xes", "x"),
        ("ses", "s"),
        ("s", ""),
    ):
        if low.endswith(suffix) and len(low) > len(suffix) + 1:
            return low[: -len(suffix)] + repl
    return low


@cache
def unit_of(written: str | None) -> Unit | None:
    """Return the :class:`Unit` of a written unit, or ``None`` for no unit.

    Chinese scale prefixes are folded into the factor (万人次 → 人次 × 10000, 亿元 → 元 × 1e8).
    """
    if written is None or not written.strip():
        return None
    text = written.strip().replace("％", "%")
    lex = lexicon()
    key = text.lower() if not CJK.search(text) else text
    if key in lex.members:
        unit = _member(key)
        return Unit(text, unit.dim) if text.isupper() and unit.factor == 1 else unit  # USD stays USD
    for scale, factor in sorted(lex.scales.items(), key=lambda kv: -len(kv[0])):
        if text.startswith(scale) and len(text) > len(scale):
            inner = unit_of(text[len(scale) :])
            if inner is not None:
                return Unit(inner.name, inner.dim, inner.factor * factor)
    if not CJK.search(text):
        scaled = _en_scaled(text.lower())
        if scaled is not None:
            return scaled
        word = (
            singular(text.split()[-1]) if " " in text and text.lower() not in lex.members else singular(text)
        )
        if word in lex.members:
            return _member(word)
        return Unit(word, None)
    return Unit(text, None)


def _en_scaled(low: str) -> Unit | None:
    # "million visits", "$m", "USD million", "million dollars": a scale word on either side of a unit.
    lex = lexicon()
    for words, money_only in ((lex.en_scales, False), (lex.en_money_scales, True)):
        for word, factor in words.items():
            for rest in _around(low, word):
                inner = unit_of(rest)
                if inner is not None and (inner.dim in lex.money or not money_only) and inner.factor == 1:
                    return Unit(lex.money.get(inner.dim or "", inner.name), inner.dim, factor)  # $ for usd
    return None


def _around(low: str, word: str) -> list[str]:
    # What is left of a unit when the scale word is cut from its start or end ($m → $, million usd → usd).
    rests = []
    if low.startswith(word) and len(low) > len(word) and not low[len(word)].isalpha():
        rests.append(low[len(word) :].strip())
    if low.endswith(word) and len(low) > len(word) and not low[-len(word) - 1].isalpha():
        rests.append(low[: -len(word)].strip())
    return [r for r in rests if r]


def money(written: str | None) -> tuple[str, float] | None:
    """Return the base sign and the factor of a money unit, ``None`` for any other unit.

    ``$m`` → (``$``, 1e6), ``USD`` → (``$``, 1), ``万元`` → (``元``, 1e4).
    """
    unit, signs = unit_of(written), lexicon().money
    if unit is None or unit.dim not in signs:
        return None
    return signs[unit.dim], unit.factor


def _member(key: str) -> Unit:
    # Shown as written (名, visit) unless it scales to its base (公里 → 米, 成 → %): values are in the base.
    dim, base, factor = lexicon().members[key]
    if factor == 1 and dim not in RATES:
        return Unit(key, dim)
    return Unit(base, dim, factor)  # percent, pp and 成 are shown as %, 个百分点


def unit_key(unit: Unit | None) -> str | None:
    """Return what identifies a unit for grouping: its dimension when known (人 = 名), else its name."""
    if unit is None:
        return None
    return unit.dim if unit.dim is not None else unit.name


def compatible(a: Unit | str | None, b: Unit | str | None, *, noun_taken: bool = False) -> bool:
    """Return True when a figure in unit ``a`` (the text's) may state a value in unit ``b`` (a fact's).

    The one place that decides it, for the checker and for drafting. A missing unit fits any. Otherwise
    units match only through the lexicon: the same unit, one dimension (名 = 人, 万元 = 元), or a generic
    classifier in the text for a member of its family in the facts (个 for 所); an unlisted classifier
    matches only itself. An English noun (books) differing from the fact's unit (loans) contradicts it
    only across categories (money, percent, durations, people, things …) or when ``noun_taken``: it is
    another fact's unit or label word.

    Args:
        a: The text's unit, a :class:`Unit` or as written (万人次, visits).
        b: The fact's unit, likewise (a fact's ``unit`` field may carry a scale: £m).
        noun_taken: The text's noun names another fact, so it is held to its own dimension.
    """
    a = unit_of(a) if isinstance(a, str) else a
    b = fact_unit(b) if isinstance(b, str) else b
    if a is None or b is None:
        return True
    if a.dim is not None and a.dim == b.dim:
        return True
    if a.name == b.name and a.dim is None and b.dim is None:
        return True
    if in_family(a, b):
        return True
    if a.english and not noun_taken:
        return a.dim is None or b.dim is None or _category(a) == _category(b)
    return False


def in_family(a: Unit, b: Unit) -> bool:
    """Return True when ``a`` is a generic classifier and ``b`` a member of its family (个 stands for 所)."""
    family = lexicon().families.get(a.name, frozenset())
    return b.name in family or (b.dim is not None and b.dim in family)


def is_measure(unit: Unit | None) -> bool:
    """Return True for a unit that measures (money, percent, time, length …) rather than counts things."""
    return unit is not None and unit.dim in lexicon().measures


def _category(unit: Unit) -> str:
    """The category of a known unit's dimension: money, percent, time, people, things …"""
    return lexicon().categories.get(unit.dim or "", "things")


def same_known(a: Unit | None, b: Unit | None) -> bool:
    """Return True when both units are known and of one dimension (a positive unit match)."""
    return a is not None and b is not None and a.dim is not None and a.dim == b.dim


_SYMBOLS = frozenset({"m", "km", "cm", "mm", "kg", "g", "t", "h", "pp", "kwh", "kw", "mw", "m2", "usd"})
_EN_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_SCALED = re.compile(
    r"^(?:(?P<cur>[£$€¥])\s?(?P<short>k|m|mn|bn)|(?P<pre>.*?)\s*\b(?P<word>thousand|million|billion)\b\s*(?P<post>.*))$",
    re.IGNORECASE,
)


@cache
def fact_unit(written: str | None) -> Unit | None:
    """Return the unit of a fact's ``unit`` field, which may carry an English scale: £m, $m, £k,
    £ million, million £, million pounds, million (value 3.46 with unit £m is £3,460,000)."""
    scaled = _SCALED.match(written.strip()) if written and not CJK.search(written) else None
    if scaled is None:
        return unit_of(written)
    scale = _EN_SCALES[(scaled.group("short") or scaled.group("word")).lower()]
    inner = scaled.group("cur") or f"{scaled.group('pre') or ''} {scaled.group('post') or ''}".strip()
    unit = unit_of(inner) if inner else None
    if unit is None:
        return Unit("", None, scale)
    return Unit(unit.name, unit.dim, unit.factor * scale)
