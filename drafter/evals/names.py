"""The names of the eval metrics: a leaf module, so that ``drafter eval --help`` need not load the suite."""

from __future__ import annotations

METRICS: tuple[str, ...] = ("number_faithfulness", "fact_coverage", "structure", "style", "length")
JUDGE = "judge"
VARIETY = "variety"
ALL_METRICS: tuple[str, ...] = (*METRICS, VARIETY, JUDGE)
# Metrics where less is better: their threshold is a ceiling and a rise is a regression.
LOWER_IS_BETTER: frozenset[str] = frozenset({VARIETY})
