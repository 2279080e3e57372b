"""Comparing runs: a deterministic paired bootstrap, and when a change counts as a regression."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.evals.compare import paired_bootstrap, threshold_failures, verdict
from drafter.evals.results import CaseResult, RunResult, aggregate
from drafter.evals.suite import Suite, load_suite


def run(scores: dict[str, dict[str, float]]) -> RunResult:
    cases = [CaseResult(case=cid, metrics=m) for cid, m in scores.items()]
    return RunResult(suite="s.yaml", created="2026-11-28T10:00:00Z", cases=cases, aggregate=aggregate(cases))


@pytest.fixture
def suite(make_suite) -> Suite:  # type: ignore[no-untyped-def]
    path = make_suite(
        ["library-2025", "ngo-2025", "hospital-2025"],
        thresholds="    style: 0.5\n  tolerances: {default: 0.01, style: 0.05}",
    )
    return load_suite(path)


def test_the_bootstrap_is_deterministic_and_brackets_the_mean() -> None:
    diffs = [0.1, -0.05, 0.2, 0.0, 0.15, 0.05, -0.1, 0.3]
    first = paired_bootstrap(diffs)
    assert first == paired_bootstrap(list(diffs))
    low, high = first
    assert low < sum(diffs) / len(diffs) < high


@pytest.mark.parametrize(("diffs", "expected"), [([], (0.0, 0.0)), ([0.25, 0.25, 0.25], (0.25, 0.25))])
def test_degenerate_bootstrap_intervals(diffs: list[float], expected: tuple[float, float]) -> None:
    assert paired_bootstrap(diffs) == expected


def test_an_interval_excluding_zero_for_a_consistent_drop() -> None:
    _, high = paired_bootstrap([-0.2, -0.1, -0.15, -0.3, -0.05, -0.1])
    assert high < 0


BASE = {
    "library-2025": {"fact_coverage": 1.0, "style": 0.9},
    "ngo-2025": {"fact_coverage": 1.0, "style": 0.9},
    "hospital-2025": {"fact_coverage": 1.0, "style": 0.9},
}


def test_identical_runs_neither_regress_nor_improve(suite: Suite) -> None:
    result = verdict(run(BASE), suite, baseline=run(BASE))
    assert not result.failed
    for comp in result.comparisons:
        assert comp.delta == 0 and (comp.low, comp.high) == (0.0, 0.0)
        assert comp.improved == [] and comp.regressed == []


def test_a_drop_beyond_the_tolerance_is_a_regression(suite: Suite) -> None:
    worse = {**BASE, "ngo-2025": {"fact_coverage": 0.8, "style": 0.9}}
    result = verdict(run(worse), suite, baseline=run(BASE))
    comp = next(c for c in result.comparisons if c.metric == "fact_coverage")
    assert comp.delta == pytest.approx(-0.2 / 3, abs=1e-6)
    assert comp.regressed == ["ngo-2025"] and comp.is_regression
    assert [(f.kind, f.metric) for f in result.failures if f.kind == "regression"] == [
        ("regression", "fact_coverage")
    ]


def test_a_drop_within_the_metrics_tolerance_is_not_a_regression(suite: Suite) -> None:
    # style tolerates 0.05 in this suite: a mean drop of 0.03 passes.
    slightly = {cid: {"fact_coverage": 1.0, "style": 0.87} for cid in BASE}
    result = verdict(run(slightly), suite, baseline=run(BASE))
    assert not result.failed
    # --tolerance overrides every metric's tolerance.
    strict = verdict(run(slightly), suite, baseline=run(BASE), tolerance=0.01)
    assert [f.metric for f in strict.failures] == ["style"]


def test_improvements_are_listed_by_case(suite: Suite) -> None:
    better = {**BASE, "library-2025": {"fact_coverage": 1.0, "style": 1.0}}
    result = verdict(run(better), suite, baseline=run(BASE))
    style = next(c for c in result.comparisons if c.metric == "style")
    assert style.improved == ["library-2025"] and style.delta > 0 and not result.failed


def test_scores_under_a_threshold_fail_even_without_a_baseline(suite: Suite) -> None:
    low = {**BASE, "hospital-2025": {"fact_coverage": 0.9, "style": 0.9}}
    failures = threshold_failures(run(low), suite)
    expected = {("fact_coverage", None), ("fact_coverage", "hospital-2025")}
    assert {(f.metric, f.case) for f in failures} == expected


def test_fail_under_overrides_the_suites_threshold(suite: Suite) -> None:
    assert threshold_failures(run(BASE), suite) == []
    failures = threshold_failures(run(BASE), suite, {"style": 0.95})
    assert {f.metric for f in failures} == {"style"}


def test_cases_missing_from_the_baseline_are_left_out_of_the_comparison(suite: Suite, tmp_path: Path) -> None:
    base = {k: v for k, v in BASE.items() if k != "hospital-2025"}
    result = verdict(run(BASE), suite, baseline=run(base))
    assert all(c.baseline == c.candidate for c in result.comparisons)


def test_repeats_are_averaged_per_case_and_section() -> None:
    from drafter.evals.results import SectionResult, mean_results

    first = CaseResult(
        case="a",
        metrics={"style": 1.0, "length": 1.0},
        sections={"plans": SectionResult(text="first", metrics={"style": 1.0})},
    )
    second = CaseResult(
        case="a",
        metrics={"style": 0.5, "length": 1.0},
        sections={"plans": SectionResult(text="second", metrics={"style": 0.0})},
    )
    merged = mean_results([first, second])
    assert merged.metrics == {"style": 0.75, "length": 1.0}
    assert merged.sections["plans"].metrics == {"style": 0.5}
    assert merged.sections["plans"].text == "first"


def test_the_aggregate_is_the_mean_over_cases() -> None:
    assert run({"a": {"style": 1.0}, "b": {"style": 0.5, "judge": 0.25}}).aggregate == {
        "style": 0.75,
        "judge": 0.25,
    }


def test_variety_is_lower_is_better_in_thresholds_and_comparisons(suite: Suite) -> None:
    # variety is the share of boilerplate: its threshold is a ceiling, and a rise is the regression.
    base = {cid: {"variety": 0.05} for cid in BASE}
    more = {**base, "ngo-2025": {"variety": 0.4}}
    failures = threshold_failures(run(more), suite, {"variety": 0.1})
    assert {(f.metric, f.case) for f in failures} == {("variety", "ngo-2025"), ("variety", None)}
    assert all("over" in f.message for f in failures)
    assert threshold_failures(run(base), suite, {"variety": 0.1}) == []
    result = verdict(run(more), suite, baseline=run(base))
    comp = next(c for c in result.comparisons if c.metric == "variety")
    assert comp.is_regression and comp.regressed == ["ngo-2025"] and comp.improved == []
    better = verdict(run(base), suite, baseline=run(more))
    comp = next(c for c in better.comparisons if c.metric == "variety")
    assert not comp.is_regression and comp.improved == ["ngo-2025"]
