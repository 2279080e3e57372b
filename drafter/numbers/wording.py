"""How the checker's reasons write figures, in the words a clerk uses: a fact's figure with its
approximation word (``5000多人次``, ``more than 6800``), and the ways to write an approximation
(``6800多`` or ``6800余``). The phrases are data: ``data/bind.yaml`` (``figures``, ``approximations``)."""

from __future__ import annotations

from functools import cache

from drafter.facts.models import Fact
from drafter.numbers.interval import fmt_number
from drafter.resources import load_yaml

DATA = "drafter.numbers.data"


@cache
def _phrases() -> dict[str, dict[str, dict[str, object]]]:
    data = load_yaml(DATA, "bind.yaml")
    return {"figures": data["figures"], "approximations": data["approximations"]}


def _with_unit(pattern: str, number: str, unit: str, language: str) -> str:
    spaced = f" {unit}" if unit[:1].isalpha() and unit.isascii() else unit
    if language == "en":
        return pattern.replace("{n}", number + spaced)
    return pattern.replace("{n}", number) + spaced


def figure_of(fact: Fact, language: str = "zh") -> str:
    """Return a fact's figure as a reader would write it: ``1200册``, ``5000多人次``, ``more than 6800``."""
    table = _phrases()["figures"]
    pattern = str(table.get(language, table["zh"]).get(fact.approx, "{n}"))
    return _with_unit(pattern, fmt_number(fact.value), fact.unit or "", language)


def approximations(fact: Fact, language: str = "zh") -> list[str]:
    """Return the ways to write a fact's approximate figure: ``6800多``, ``6800余`` (none when exact)."""
    table = _phrases()["approximations"]
    patterns = table.get(language, table["zh"]).get(fact.approx, [])
    assert isinstance(patterns, list)
    return [_with_unit(str(p), fmt_number(fact.value), "", language) for p in patterns]
