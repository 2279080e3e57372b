"""Spans that are not quantities: terms (names with numerals), idioms and enumeration markers.

All three lexicons become one regular expression (literals folded into a prefix trie so that matching
stays fast on long texts). Terms are reported as mentions of kind ``term``; idioms and markers only mask
their span so that the extractors skip the numerals in them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from drafter.cjk import CJK
from drafter.numbers.found import Found
from drafter.numbers.guard import guarded
from drafter.resources import load_yaml

DATA = "drafter.numbers.data"
ZH_MARKER_NUMERAL = "[一二三四五六七八九十]{1,3}"
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT_TERM = re.compile(r"\d[/·-]\d")


def trie_pattern(words: list[str]) -> str:
    """Return a regex alternation matching any of ``words``, longest first, folded into a prefix trie."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    # Longer continuations are tried before the word ends here, so the longest word wins.
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def _latin_bounded(pattern: str, words: list[str]) -> str:
    return rf"(?<![A-Za-z0-9])(?:{pattern})(?![A-Za-z0-9])" if words else ""


def claim_regexes(extra_terms: tuple[str, ...] = ()) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the compiled Chinese and English claims regexes; groups ``term``, ``idiom``, ``marker``.

    The two are kept apart so that each starts with a plain literal or character set that the regex
    engine can scan for quickly, and the English one is run (and compiled) only for text with Latin letters.
    """
    return _zh_claims(extra_terms), _en_claims(extra_terms)


@cache
def _zh_claims(extra_terms: tuple[str, ...]) -> re.Pattern[str]:
    terms, idioms, markers = _lexicons()
    zh_terms = [t for t in [*terms["zh"], *terms["en"], *extra_terms] if CJK.search(t)]  # 12345热线
    zh = _combine(
        [trie_pattern(zh_terms), *terms["zh_patterns"]], [trie_pattern(idioms["zh"])], markers["zh"]
    )
    return guarded(zh, re.MULTILINE)


@cache
def _en_claims(extra_terms: tuple[str, ...]) -> re.Pattern[str]:
    terms, idioms, markers = _lexicons()
    en_terms = [t for t in [*terms["zh"], *terms["en"], *extra_terms] if not CJK.search(t)]
    en = _combine(
        [_latin_bounded(trie_pattern(en_terms), en_terms), *terms["en_patterns"]],
        [_latin_bounded(trie_pattern(idioms["en"]), idioms["en"])],
        markers["en"],
    )
    return re.compile(en, re.MULTILINE | re.IGNORECASE)


def _lexicons() -> tuple[Any, Any, Any]:
    return load_yaml(DATA, "terms.yaml"), load_yaml(DATA, "idioms.yaml"), load_yaml(DATA, "markers.yaml")


def _combine(term_parts: list[str], idiom_parts: list[str], markers: dict[str, list[str]]) -> str:
    line_start = [m.replace("{ZH}", ZH_MARKER_NUMERAL) for m in markers["line_start"]]
    inline = [m.replace("{ZH}", ZH_MARKER_NUMERAL) for m in markers["inline"]]
    marker = "^[ \\t]*(?:#{1,6}[ \\t]+)?(?:" + "|".join(line_start) + ")|" + "|".join(inline)
    terms = "|".join(p for p in term_parts if p) or "(?!)"
    idioms = "|".join(p for p in idiom_parts if p) or "(?!)"
    return f"(?P<term>{terms})|(?P<idiom>{idioms})|(?P<marker>{marker})"


def find_claims(
    text: str, extra_terms: tuple[str, ...] = (), latin: bool | None = None
) -> tuple[bytearray, list[Found]]:
    """Return a mask of claimed characters (1 = not a quantity) and the term mentions of ``text``.

    ``latin``: whether ``text`` has a Latin letter, when the caller has looked (else it is looked for).
    """
    mask = bytearray(len(text))
    found: list[Found] = []
    _apply(_zh_claims(extra_terms), text, extra_terms, mask, found)
    latin_terms = (t for t in extra_terms if not CJK.search(t))
    if latin is None:
        latin = has_latin(text)
    if latin or _has_digit_term(text) or any(t in text for t in latin_terms):
        _apply(_en_claims(extra_terms), text, extra_terms, mask, found)
    return mask, found


def has_latin(text: str) -> bool:
    """Whether ``text`` has a Latin letter (one scan of a long text: callers pass the answer on)."""
    return _LATIN.search(text) is not None


def _has_digit_term(text: str) -> bool:
    # 24/7, 3·15: three membership tests find most texts without one faster than the regex scans them
    return any(sign in text for sign in "/·-") and _DIGIT_TERM.search(text) is not None


def _number_wins(text: str, start: int, end: int) -> bool:
    """第一批 is an ordinal, not the idiom 一批; 十分之一 is a fraction, not the idiom 十分."""
    before_ordinal = start > 0 and text[start - 1] == "第" and text[start] != "第"
    return before_ordinal or (text[end - 1] == "分" and text.startswith("之", end))


def _apply(
    regex: re.Pattern[str], text: str, extra_terms: tuple[str, ...], mask: bytearray, found: list[Found]
) -> None:
    for match in regex.finditer(text):
        start, end = match.span()
        if start == end:
            continue
        if mask[start]:
            continue  # already claimed by the Chinese pass
        if match.lastgroup == "idiom" and _number_wins(text, start, end):
            continue
        mask[start:end] = b"\x01" * (end - start)
        if match.lastgroup == "term":
            source = "terms" if match.group() in extra_terms else "lexicon"
            found.append(Found(start, end, "term", None, None, figure=match.group(), term_source=source))
