"""Swap mutation: two figures of one unit that back different facts trade places in a faithful draft.

Every faithful draft we have (the offline drafts of the examples, the eval cases and the test facts files,
and the hand-written drafts) is checked clean first; then every pair of supported figures with the same
unit that back different facts is exchanged. Both must be flagged (``misattributed``, or ``unsupported``)
at their place, and nothing else may be flagged more than one clause away. The run reports caught/total;
the checker must catch at least 95 % of the swapped figures and raise no false alarm anywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from drafter.facts import Facts
from drafter.numbers import check
from drafter.numbers.bind import clauses
from drafter.numbers.extract import extract
from drafter.numbers.match import owner
from drafter.numbers.report import Mention
from tests.numbers.test_mutation import CASES, _drafted

KINDS = ("quantity", "percent", "money")


@dataclass
class Swaps:
    """The outcome of the swaps of one draft."""

    total: int = 0
    caught: int = 0
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)


def _fact_of(mention: Mention) -> str | None:
    """The one fact (or note) whose figure the mention is; a number inside a label is no fact's figure."""
    if any(s.endswith((".label", ".note")) for s in mention.sources):
        return None
    owners = {owner(s) for s in mention.sources}
    return owners.pop() if len(owners) == 1 else None


def swap_pairs(mentions: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """Yield the pairs of supported figures of one unit, different values, that back different facts."""
    usable = [m for m in mentions if m.status == "supported" and m.kind in KINDS and m.unit and _fact_of(m)]
    for i, a in enumerate(usable):
        for b in usable[i + 1 :]:
            if a.unit == b.unit and a.value != b.value and _fact_of(a) != _fact_of(b) and a.text != b.text:
                yield a, b


def _clause_index(text: str, facts: Facts) -> list[tuple[int, int]]:
    return clauses(text, extract(text, tuple(facts.terms)))


def run_swaps(facts: Facts, text: str) -> Swaps:
    """Exchange every swap pair of ``text``; count the swapped figures flagged at their place."""
    out = Swaps()
    for a, b in swap_pairs(check(text, facts).mentions):
        changed = text[: a.start] + b.text + text[a.end : b.start] + a.text + text[b.end :]
        b_start = b.start + len(b.text) - len(a.text)
        places = [(a.start, a.start + len(b.text)), (b_start, b_start + len(a.text))]
        report = check(changed, facts)
        spans = _clause_index(changed, facts)
        found = extract(changed, tuple(facts.terms))
        near: set[int] = set()
        for i, item in enumerate(found):
            for start, end in places:
                if item.start < end and item.end > start:
                    near.update({i - 1, i, i + 1})
        allowed = {spans[i] for i in near if 0 <= i < len(spans)}
        for start, end in places:
            out.total += 1
            hit = [m for m in report.failures if m.start < end and m.end > start]
            if hit:
                out.caught += 1
            else:
                out.missed.append(
                    f"{changed[start:end]!r} at {start}: {changed[max(0, start - 30) : end + 5]!r}"
                )
        for m in report.failures:
            if not any(m.start < e and m.end > s for s, e in places) and not any(
                s <= m.start < e for s, e in allowed
            ):
                out.false_alarms.append(f"{m.text!r} at {m.start}: {m.reason}")
    return out


# Faithful reports written apart from the checker's own corpus (a hospital's half-year summary, a county's
# 精神文明建设 summary, a 街道, a company's safety production, a charity, a school, a court, a procuratorate,
# and three English reports), each beside its facts file: tests/data/numbers/heldout/*.md.
HELD_OUT = sorted((Path(__file__).parent.parent / "data" / "numbers" / "heldout").glob("*.md"))


def _swap_all(paths: list[Path], name: str) -> None:
    total = caught = 0
    alarms: list[str] = []
    missed: list[str] = []
    for path in paths:
        facts, text = _drafted(path)
        report = check(text, facts)
        assert report.ok, (path.name, [(m.text, m.status, m.reason) for m in report.failures])
        swaps = run_swaps(facts, text)
        total += swaps.total
        caught += swaps.caught
        alarms += [f"{path.name}: {a}" for a in swaps.false_alarms]
        missed += [f"{path.name}: {m}" for m in swaps.missed]
    print(
        f"\nswap mutation ({name}): {caught}/{total} swapped figures flagged ({caught / max(total, 1):.1%})"
    )
    assert total >= 100
    assert not alarms, "\n".join(alarms[:20])
    assert caught >= 0.95 * total, "\n".join(missed[:40])


@pytest.mark.slow
def test_swapped_figures_are_flagged_without_false_alarms() -> None:
    _swap_all(CASES, "drafts")


@pytest.mark.slow
def test_swaps_in_held_out_reports_are_flagged_without_false_alarms() -> None:
    assert len(HELD_OUT) >= 10
    _swap_all(HELD_OUT, "held-out reports")
