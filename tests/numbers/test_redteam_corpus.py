"""Table-driven regression test on the red-team corpus (tests/data/numbers/redteam/cases.yaml).

Each case is a realistic sentence of a Chinese or English report checked against its document's facts
file; every expected mention must be found (by its text, or overlapping it) with the expected fields, and
the checker may add only supported terms of the lexicon or the facts, or the year right after a date.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from drafter import check
from drafter.facts import Facts, load_facts
from drafter.numbers.report import Mention
from drafter.resources import parse_yaml

DATA = Path(__file__).parent.parent / "data" / "numbers" / "redteam"
# Units the red team wrote in another spelling of the same unit (名 = 人, families = family).
UNIT_ALIASES = {"名": "人", "位": "人", "families": "family", "familie": "family", "dollar": "$"}


@cache
def facts_of(doc: str) -> Facts:
    """Return the facts file of red-team document ``doc``."""
    return load_facts(DATA / f"facts_{doc}.yaml")


def _cases() -> list[Any]:
    cases = parse_yaml((DATA / "cases.yaml").read_text(encoding="utf-8"))
    return [pytest.param(c, id=f"{c['id']}-{c['doc']}-{c['text'][:14]}") for c in cases]


CASES = _cases()


def test_the_corpus_is_large() -> None:
    assert len(CASES) >= 400


def _close(a: float | None, b: float) -> bool:
    if a is None or math.isinf(b):
        return a == b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=0.011 if abs(b) < 200 else 1e-6)


def _unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    low = unit.lower().removesuffix("s") if unit.isascii() else unit
    return UNIT_ALIASES.get(low, UNIT_ALIASES.get(unit, low))


def _find(text: str, want: dict[str, Any], got: list[Mention], used: set[int]) -> Mention | None:
    """The mention written as ``want['text']``, else the first unused one overlapping it."""
    for i, mention in enumerate(got):
        if i not in used and mention.text == want["text"]:
            used.add(i)
            return mention
    pos = text.find(want["text"])
    for i, mention in enumerate(got):
        if i not in used and pos >= 0 and mention.start < pos + len(want["text"]) and mention.end > pos:
            used.add(i)
            return mention
    return None


def _mismatches(want: dict[str, Any], mention: Mention) -> list[str]:
    bad = [k for k in ("value", "low", "high") if k in want and not _close(getattr(mention, k), want[k])]
    if "unit" in want and _unit(mention.unit) != _unit(want["unit"]):
        bad.append("unit")
    if "kind" in want and mention.kind != want["kind"]:
        bad.append("kind")
    statuses = want["status"] if isinstance(want.get("status"), list) else [want.get("status")]
    if want.get("status") is not None and mention.status not in statuses:
        bad.append("status")
    english_noun = mention.text.isascii() and want["text"].startswith(mention.text)
    if mention.text != want["text"] and not english_noun:
        bad.append("text")  # an English mention may leave its unit noun out ("1.3 million" visits)
    return bad


def _allowed_extra(mention: Mention, got: list[Mention]) -> bool:
    named = mention.kind == "term" and mention.status == "supported"
    year_of_date = mention.kind == "year" and any(
        other.kind == "date" and other.end <= mention.start <= other.end + 1 for other in got
    )
    return named or year_of_date


@pytest.mark.parametrize("case", CASES)
def test_redteam_case(case: dict[str, Any]) -> None:
    text = case["text"]
    got = check(text, facts_of(case["doc"])).mentions
    expected = [] if case["expected"] == "none" else case["expected"]
    used: set[int] = set()
    shown = [(m.text, m.kind, m.status, m.reason) for m in got]
    for want in expected:
        mention = _find(text, want, got, used)
        assert mention is not None, f"missed {want['text']!r}: got {shown}"
        assert not _mismatches(want, mention), (want, _mismatches(want, mention), shown)
    extra = [m.text for i, m in enumerate(got) if i not in used and not _allowed_extra(m, got)]
    assert not extra, f"false numbers {extra}: got {shown}"
