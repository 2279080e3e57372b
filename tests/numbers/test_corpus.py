"""Table-driven test of the extractor on the labelled corpus (tests/data/numbers/corpus_*.yaml).

Each case is a sentence and the mentions a reader expects in it: text, value or interval, unit, kind —
or none at all for markers, idioms, articles and other words that only look like numbers.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from drafter.numbers.extract import extract
from drafter.numbers.found import Found, mention_kind
from drafter.resources import parse_yaml

DATA = Path(__file__).parent.parent / "data" / "numbers"


def _cases() -> list[Any]:
    cases = []
    for path in sorted(DATA.glob("corpus_*.yaml")):
        for i, case in enumerate(parse_yaml(path.read_text(encoding="utf-8"))):
            cases.append(pytest.param(case["s"], case["m"], id=f"{path.stem}-{i}-{case['s'][:16]}"))
    return cases


CASES = _cases()


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 300


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)


def _describe(text: str, found: Found) -> list[Any]:
    interval = found.interval
    bounds = (
        None if interval is None else [interval.low, None if interval.high == math.inf else interval.high]
    )
    unit = found.unit.name if found.unit else None
    return [text[found.start : found.end], found.value, unit, mention_kind(found.kind), bounds]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_corpus(sentence: str, expected: list[list[Any]]) -> None:
    found = extract(sentence)
    got = [_describe(sentence, f) for f in found]
    assert len(got) == len(expected), f"{sentence!r}: got {got}"
    for (text, value, unit, kind, bounds), want in zip(got, expected, strict=True):
        want_text, want_value, want_unit, want_kind = want[:4]
        assert text == str(want_text), got
        assert kind == want_kind, got
        assert unit == want_unit, got
        if kind == "term":
            continue
        if isinstance(want_value, list):
            low, high = want_value
        else:
            low, high = want[4] if len(want) > 4 else [want_value, want_value]
            assert _close(value, want_value), got
        assert bounds is not None and _close(bounds[0], low) and _close(bounds[1], high), got
