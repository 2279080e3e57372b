"""Judge a run: thresholds, and a candidate against a baseline case by case (paired bootstrap).

For each metric: baseline mean, candidate mean, their difference with a 95% paired bootstrap interval
over the cases both runs share (seeded, so the same runs always give the same interval), and the cases
that improved or regressed by more than the case's tolerance. A metric *regresses* when its mean drops
by more than its tolerance; it *fails* when the candidate mean, or a case's score, is under its threshold.
For a lower-is-better metric (``variety``) both read the other way: a rise regresses, a threshold is a
ceiling.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from drafter.evals.names import LOWER_IS_BETTER
from drafter.evals.results import RunResult, mean
from drafter.evals.suite import DEFAULT_TOLERANCE, Suite

BOOTSTRAP_SAMPLES = 2000
SEED = 20251128


@dataclass(frozen=True)
class MetricComparison:
    """One metric of a candidate run against its baseline."""

    metric: str
    baseline: float
    candidate: float
    low: float
    high: float
    tolerance: float
    improved: list[str] = field(default_factory=list)
    regressed: list[str] = field(default_factory=list)

    @property
    def delta(self) -> float:
        """Candidate mean minus baseline mean."""
        return round(self.candidate - self.baseline, 6)

    @property
    def is_regression(self) -> bool:
        """Whether the mean got worse by more than the tolerance (rose, for a lower-is-better metric)."""
        worse = self.delta if self.metric in LOWER_IS_BETTER else -self.delta
        return worse > self.tolerance + 1e-9


@dataclass(frozen=True)
class Failure:
    """A reason for exit code 1: a regression or a score under its threshold."""

    metric: str
    kind: str  # "regression" or "threshold"
    message: str
    case: str | None = None


@dataclass(frozen=True)
class Verdict:
    """Everything ``drafter eval`` reports about a run: comparisons (if any) and failures."""

    comparisons: list[MetricComparison]
    failures: list[Failure]
    thresholds: dict[str, float]

    @property
    def failed(self) -> bool:
        """True when any metric regressed or fell under its threshold."""
        return bool(self.failures)

    def to_dict(self) -> dict[str, object]:
        """Return the verdict as JSON-ready data."""
        return {
            "comparison": [
                {
                    "metric": c.metric,
                    "baseline": c.baseline,
                    "candidate": c.candidate,
                    "delta": c.delta,
                    "ci95": [c.low, c.high],
                    "tolerance": c.tolerance,
                    "improved": c.improved,
                    "regressed": c.regressed,
                    "regression": c.is_regression,
                }
                for c in self.comparisons
            ],
            "failures": [f.__dict__ for f in self.failures],
            "thresholds": self.thresholds,
        }


def paired_bootstrap(
    diffs: list[float], *, samples: int = BOOTSTRAP_SAMPLES, seed: int = SEED
) -> tuple[float, float]:
    """Return the 95% percentile interval of the mean of ``diffs`` by resampling cases with replacement.

    Deterministic: the same differences and seed give the same interval. No cases give ``(0, 0)``.
    """
    if not diffs:
        return 0.0, 0.0
    rng = random.Random(seed)
    n = len(diffs)
    means = sorted(sum(diffs[rng.randrange(n)] for _ in range(n)) / n for _ in range(samples))
    low = means[int(0.025 * (samples - 1))]
    high = means[round(0.975 * (samples - 1))]
    return round(low, 6), round(high, 6)


def compare_runs(
    baseline: RunResult, candidate: RunResult, suite: Suite, tolerance: float | None = None
) -> list[MetricComparison]:
    """Compare ``candidate`` with ``baseline`` on every metric both have, over their shared cases.

    Args:
        baseline: The reference run.
        candidate: The run being judged.
        suite: Gives each metric's tolerance (suite-wide and per case).
        tolerance: Overrides every tolerance (``--tolerance``).
    """
    shared = [c.case for c in candidate.cases if baseline.case(c.case) is not None]
    metrics = [m for m in candidate.aggregate if m in baseline.aggregate]
    result = []
    for metric in metrics:
        pairs = [(baseline.case(cid), candidate.case(cid)) for cid in shared]
        rows = [
            (cid, b.metrics[metric], c.metrics[metric])
            for cid, (b, c) in zip(shared, pairs, strict=True)
            if b and c and metric in b.metrics and metric in c.metrics
        ]
        low, high = paired_bootstrap([c - b for _, b, c in rows])
        sign = -1.0 if metric in LOWER_IS_BETTER else 1.0  # a gain is a fall of a lower-is-better metric
        result.append(
            MetricComparison(
                metric=metric,
                baseline=mean([b for _, b, _ in rows]),
                candidate=mean([c for _, _, c in rows]),
                low=low,
                high=high,
                tolerance=tolerance if tolerance is not None else suite.tolerance(metric),
                improved=[
                    cid
                    for cid, b, c in rows
                    if sign * (c - b) > _case_tolerance(suite, cid, metric, tolerance)
                ],
                regressed=[
                    cid
                    for cid, b, c in rows
                    if sign * (b - c) > _case_tolerance(suite, cid, metric, tolerance)
                ],
            )
        )
    return result


def _case_tolerance(suite: Suite, case_id: str, metric: str, override: float | None) -> float:
    if override is not None:
        return override
    try:
        return suite.case(case_id).tolerance(metric)
    except KeyError:
        return DEFAULT_TOLERANCE


def threshold_failures(
    run: RunResult, suite: Suite, fail_under: dict[str, float] | None = None
) -> list[Failure]:
    """Return every aggregate mean and case score under its threshold.

    ``fail_under`` (``--fail-under metric=value``) overrides the suite's thresholds for those metrics.
    """
    overrides = fail_under or {}
    failures = []
    for metric, value in run.aggregate.items():
        limit = overrides.get(metric, suite.thresholds().get(metric))
        if limit is not None and _beyond(metric, value, limit):
            failures.append(Failure(metric, "threshold", f"mean {_gap(metric, value, limit)}"))
    for case in run.cases:
        limits = _case_thresholds(suite, case.case) | overrides
        for metric, value in case.metrics.items():
            limit = limits.get(metric)
            if limit is not None and _beyond(metric, value, limit):
                failures.append(Failure(metric, "threshold", _gap(metric, value, limit), case.case))
    return failures


def _beyond(metric: str, value: float, limit: float) -> bool:
    # A threshold is a floor, or a ceiling for a lower-is-better metric (variety).
    return value > limit + 1e-9 if metric in LOWER_IS_BETTER else value < limit - 1e-9


def _gap(metric: str, value: float, limit: float) -> str:
    return f"{value:.3f} is {'over' if metric in LOWER_IS_BETTER else 'under'} {limit:g}"


def _case_thresholds(suite: Suite, case_id: str) -> dict[str, float]:
    try:
        return dict(suite.case(case_id).thresholds)
    except KeyError:
        return suite.thresholds()


def verdict(
    candidate: RunResult,
    suite: Suite,
    *,
    baseline: RunResult | None = None,
    tolerance: float | None = None,
    fail_under: dict[str, float] | None = None,
) -> Verdict:
    """Return the comparisons (when there is a baseline) and every failure of ``candidate``."""
    comparisons = compare_runs(baseline, candidate, suite, tolerance) if baseline is not None else []
    failures = [
        Failure(
            c.metric,
            "regression",
            f"mean dropped by {-c.delta:.3f} (tolerance {c.tolerance:g}); "
            f"{len(c.regressed)} of {len(candidate.cases)} cases regressed",
        )
        for c in comparisons
        if c.is_regression
    ]
    failures += threshold_failures(candidate, suite, fail_under)
    thresholds = suite.thresholds() | (fail_under or {})
    return Verdict(comparisons=comparisons, failures=failures, thresholds=thresholds)
