"""Evals: score drafts of a suite of cases and judge a prompt change against a baseline.

suite (cases, requirements) → run (draft or read, score per section and case) → compare (thresholds,
paired bootstrap against a baseline) → report (table, JSON run file, HTML page). The names below load on
first use, so that importing one submodule (the CLI's ``evals.suite``) loads no other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.lazy import lazy_exports

if TYPE_CHECKING:
    from drafter.evals.compare import Verdict, compare_runs, paired_bootstrap, verdict
    from drafter.evals.metrics import score_document
    from drafter.evals.names import METRICS
    from drafter.evals.results import CaseResult, RunResult, load_run
    from drafter.evals.run import RunSettings, run_suite
    from drafter.evals.suite import EvalCase, Suite, load_suite

_HOMES = {
    "Verdict": "drafter.evals.compare",
    "compare_runs": "drafter.evals.compare",
    "paired_bootstrap": "drafter.evals.compare",
    "verdict": "drafter.evals.compare",
    "score_document": "drafter.evals.metrics",
    "CaseResult": "drafter.evals.results",
    "RunResult": "drafter.evals.results",
    "load_run": "drafter.evals.results",
    "RunSettings": "drafter.evals.run",
    "run_suite": "drafter.evals.run",
    "METRICS": "drafter.evals.names",
    "EvalCase": "drafter.evals.suite",
    "Suite": "drafter.evals.suite",
    "load_suite": "drafter.evals.suite",
}
__getattr__ = lazy_exports(globals(), _HOMES)

__all__ = [
    "METRICS",
    "CaseResult",
    "EvalCase",
    "RunResult",
    "RunSettings",
    "Suite",
    "Verdict",
    "compare_runs",
    "load_run",
    "load_suite",
    "paired_bootstrap",
    "run_suite",
    "score_document",
    "verdict",
]
