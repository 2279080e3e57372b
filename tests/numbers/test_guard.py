"""The first-character lookahead of :mod:`drafter.numbers.guard` speeds a regex up and changes no match."""

from __future__ import annotations

import re

import pytest

from drafter.numbers.claims import claim_regexes
from drafter.numbers.extract_zh import patterns
from drafter.numbers.guard import guarded

TEXTS = [
    "一是举办培训班12期；二是新建站点3个。\n1. 完成投资2.5亿元\n  （一）坚持党的二十大精神",
    "abc d7 ee\n#x 12 (?) 一二三 ①②",
    "",
]


@pytest.mark.parametrize(
    ("pattern", "flags", "is_guarded"),
    [
        ("abc|d[0-9]", 0, True),
        (r"^[ \t]*(?:#{1,6}[ \t]+)?(?:[一二三]、|\d+[.)])", re.MULTILINE, True),
        (r"(?<![第])[一二三]{1,3}(?:是|要)|其[一二]", 0, True),
        (r"(?:党的)?(?:二十|十)大|\d[·•]\d", 0, True),
        ("a?", 0, False),  # may match empty: a match can start anywhere
        ("[^a]b", 0, False),  # a negated set bounds no first character
        ("(?i)abc", 0, False),  # case folding
        ("abc", re.IGNORECASE, False),
        ("(?m)^a|b", 0, False),  # an inline global flag must stay first
        ("(a)\\1", 0, True),
    ],
)
def test_guarded_finds_the_same_matches(pattern: str, flags: int, is_guarded: bool) -> None:
    plain = re.compile(pattern, flags)
    fast = guarded(pattern, flags)
    assert (fast.pattern != plain.pattern) is is_guarded
    assert fast.groupindex == plain.groupindex and fast.groups == plain.groups
    for text in TEXTS:
        got = [(m.span(), m.groups(), m.lastgroup) for m in fast.finditer(text)]
        assert got == [(m.span(), m.groups(), m.lastgroup) for m in plain.finditer(text)]


def test_the_claims_and_core_scanners_are_guarded() -> None:
    assert claim_regexes()[0].pattern.startswith("(?=[")
    assert patterns().core.pattern.startswith("(?=[")
