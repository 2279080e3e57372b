"""Evals: score drafts of a suite of cases and judge a prompt change against a baseline.

suite (cases, requirements) → run (draft or read, score per section and case) → compare (thresholds,
paired bootstrap against a baseline) → report (table, JSON run file, HTML page).
"""

from drafter.evals.compare import Verdict, compare_runs, paired_bootstrap, verdict
from drafter.evals.metrics import score_document
from drafter.evals.results import CaseResult, RunResult, load_run
from drafter.evals.run import RunSettings, run_suite
from drafter.evals.suite import METRICS, EvalCase, Suite, load_suite

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
