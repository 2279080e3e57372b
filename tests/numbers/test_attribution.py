"""Attribution on a paraphrase corpus and a labelled corpus of misattributed clauses.

``tests/data/numbers/attribution/paraphrases_*.yaml`` hold faithful sentences in which the writer says a
fact's label in other words (培训基层文化骨干 → 基层文化骨干参训; "free health checks carried out" →
"residents received free health checks"): none may be flagged. The labelled corpus adds, for every one
of them, the same sentence with the figure of another fact of the same unit (a misattributed clause).
The checker's precision and recall on that corpus are printed and held to a floor.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from drafter import check
from drafter.facts import Facts, load_facts
from drafter.facts.models import Fact
from drafter.numbers.match import owner
from drafter.resources import parse_yaml

DATA = Path(__file__).parent.parent / "data" / "numbers" / "attribution"
CORPORA = {
    "zh": ("facts_zh_culture_tourism.yaml", "paraphrases_zh.yaml"),
    "en": ("facts_en_trust.yaml", "paraphrases_en.yaml"),
}


@cache
def corpus(language: str) -> tuple[Facts, list[dict[str, Any]]]:
    """Return the facts and the faithful sentences of one language."""
    facts_name, sentences_name = CORPORA[language]
    sentences = parse_yaml((DATA / sentences_name).read_text(encoding="utf-8"))
    return load_facts(DATA / facts_name), sentences


def _cases() -> list[Any]:
    return [
        pytest.param(language, case, id=f"{language}-{i}-{case['s'][:12]}")
        for language in CORPORA
        for i, case in enumerate(corpus(language)[1])
    ]


def test_the_corpora_are_large_enough() -> None:
    assert len(corpus("zh")[1]) >= 150
    assert len(corpus("en")[1]) >= 60


@pytest.mark.parametrize(("language", "case"), _cases())
def test_a_paraphrase_is_not_flagged(language: str, case: dict[str, Any]) -> None:
    facts, _ = corpus(language)
    report = check(case["s"], facts)
    assert report.ok, [(m.text, m.status, m.reason) for m in report.failures]
    assert any(case["fact"] in {owner(s) for s in m.sources} for m in report.mentions), report.mentions


def _written(value: float, language: str) -> str:
    if language == "en" and float(value).is_integer() and value >= 1000:
        return f"{int(value):,}"
    return f"{value:g}"


def swaps(language: str, case: dict[str, Any]) -> list[str]:
    """The sentence with the figure of each of (up to) three other facts of the same unit."""
    facts, _ = corpus(language)
    own = facts.fact(case["fact"])
    same: list[Fact] = [
        f for f in facts.facts if f.unit == own.unit and f.id != own.id and f.value != own.value
    ]
    old = _written(own.value, language)
    pattern = rf"(?<![\d.,]){re.escape(old)}(?![\d])"
    if not re.search(pattern, case["s"]):
        return []
    return [re.sub(pattern, _written(f.value, language), case["s"], count=1) for f in same[:3]]


def test_labelled_corpus_precision_and_recall() -> None:
    faithful = flagged_faithful = swapped = caught = 0
    missed = []
    for language in CORPORA:
        facts, sentences = corpus(language)
        for case in sentences:
            faithful += 1
            flagged_faithful += not check(case["s"], facts).ok
            for changed in swaps(language, case):
                swapped += 1
                if check(changed, facts).failures:
                    caught += 1
                else:
                    missed.append(changed)
    precision = caught / max(caught + flagged_faithful, 1)
    recall = caught / max(swapped, 1)
    print(
        f"\nlabelled corpus: {faithful} faithful + {swapped} misattributed clauses; "
        f"precision {precision:.1%}, recall {recall:.1%} ({caught}/{swapped})"
    )
    assert faithful + swapped >= 300 and swapped >= 0.45 * (faithful + swapped)
    assert precision >= 0.98
    assert recall >= 0.8, missed[:30]
