"""`drafter eval [SUITE]`: score drafts of every suite case and judge them against thresholds or a baseline.

Exit codes: 0 all metrics meet their thresholds and none regressed; 1 a metric regressed by more than its
tolerance or is under its threshold; 2 bad input (suite, baseline, drafts folder, options).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from drafter.atomic import check_writable, refuse_inputs, write_atomic
from drafter.cli import state
from drafter.cli.options import (
    PANEL,
    BackendOpt,
    BaseUrlOpt,
    MaxRepairsOpt,
    ModelOpt,
    NoCacheOpt,
    PromptsOpt,
    TemperatureOpt,
    TimeoutOpt,
)
from drafter.errors import EvalError
from drafter.evals import report
from drafter.evals.compare import Verdict
from drafter.evals.compare import verdict as judge_run
from drafter.evals.results import RunResult, load_run
from drafter.evals.run import RunSettings, run_suite
from drafter.evals.suite import ALL_METRICS, Suite, load_suite
from drafter.settings import BackendOptions, resolve_options

DEFAULT_SUITE = Path("evals/suite.yaml")


def eval_command(
    suite: Annotated[Path, typer.Argument(help="Suite file.")] = DEFAULT_SUITE,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    temperature: TemperatureOpt = None,
    timeout: TimeoutOpt = None,
    max_concurrency: Annotated[
        int | None,
        typer.Option(
            "--max-concurrency",
            help="Cases and model requests in flight at once (default 4).",
            rich_help_panel=PANEL,
        ),
    ] = None,
    max_repairs: MaxRepairsOpt = None,
    prompts: PromptsOpt = None,
    no_cache: NoCacheOpt = False,
    repeat: Annotated[int, typer.Option("--repeat", help="Drafts per case; metrics are averaged.")] = 1,
    drafts: Annotated[
        Path | None,
        typer.Option(
            "--drafts", help="Score the drafts <case>.md|.txt|.docx in this folder instead of drafting."
        ),
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="A run file (-o) to compare against.")
    ] = None,
    compare_prompts: Annotated[
        tuple[Path, Path] | None,
        typer.Option(
            "--compare-prompts", help="Run the suite with prompt folders A (baseline) and B (candidate)."
        ),
    ] = None,
    tolerance: Annotated[
        float | None,
        typer.Option(
            "--tolerance", help="Largest acceptable drop of a metric's mean (overrides the suite's)."
        ),
    ] = None,
    fail_under: Annotated[
        list[str] | None,
        typer.Option("--fail-under", help="metric=value: fail when the metric is under value (repeatable)."),
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the run file (JSON).")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Write a self-contained HTML report.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")] = False,
    judge_model: Annotated[
        str | None,
        typer.Option("--judge-model", help="Also grade drafts with this model (the judge metric)."),
    ] = None,
) -> None:
    """Score the suite's drafts; compare with a baseline; exit 1 on a regression or a low score."""
    _check_outputs(fmt, [output, html], force, inputs=[suite, baseline])
    if tolerance is not None and not 0.0 <= tolerance <= 1.0:
        raise EvalError(f"{tolerance:g} is out of range 0..1", field="--tolerance")
    limits = parse_fail_under(fail_under or [])
    loaded = load_suite(suite)
    options = resolve_options(
        backend=backend,
        model=model,
        base_url=base_url,
        temperature=temperature,
        timeout=timeout,
        max_concurrency=max_concurrency,
        max_repairs=max_repairs,
        prompts=prompts,
        no_cache=no_cache,
    )
    settings = RunSettings(
        options=options,
        max_concurrency=options.max_concurrency,
        repeat=repeat,
        drafts_dir=drafts,
        judge_model=judge_model,
    )
    base = _baseline(loaded, settings, baseline, compare_prompts, prompts)
    if compare_prompts is not None:
        settings = replace(settings, options=replace(options, prompts_dir=compare_prompts[1]))
    run = _run(loaded, settings, "candidate" if base is not None else "run")
    outcome = judge_run(run, loaded, baseline=base, tolerance=tolerance, fail_under=limits)
    if base is not None and (unmatched := [c.case for c in run.cases if base.case(c.case) is None]):
        state.stderr().print(
            f"note: the baseline has no result for {', '.join(unmatched)}; "
            "those cases are left out of the comparison",
            markup=False,
            soft_wrap=True,
        )
    if output is not None:
        write_atomic(output, run.to_json(), force=force)
    if html is not None:
        write_atomic(html, report.html_report(run, outcome, base), force=force)
    _print(run, outcome, base, fmt)
    if outcome.failed:
        raise typer.Exit(1)


def parse_fail_under(items: list[str]) -> dict[str, float]:
    """Parse ``metric=value`` items into thresholds.

    Raises:
        EvalError: An item is malformed, names an unknown metric or has a value outside 0–1.
    """
    limits = {}
    for item in items:
        name, sep, raw = item.partition("=")
        try:
            value = float(raw)
        except ValueError:
            value = -1.0
        if not sep or name.strip() not in ALL_METRICS or not 0.0 <= value <= 1.0:
            raise EvalError(
                f"bad --fail-under '{item}'",
                field="--fail-under",
                hint=f"use metric=value with value in 0..1; metrics: {', '.join(ALL_METRICS)}",
            )
        limits[name.strip()] = value
    return limits


def _check_outputs(fmt: str, paths: list[Path | None], force: bool, inputs: list[Path | None]) -> None:
    if fmt not in ("table", "json"):
        raise EvalError(f"unknown format '{fmt}'", field="--format", hint="use table or json")
    for path in paths:  # fail before spending model requests
        if path is not None:
            refuse_inputs(path, *inputs)
            check_writable(path, force=force)


def _baseline(
    suite: Suite,
    settings: RunSettings,
    baseline: Path | None,
    compare_prompts: tuple[Path, Path] | None,
    prompts: Path | None,
) -> RunResult | None:
    if compare_prompts is not None:
        if baseline is not None or prompts is not None or settings.drafts_dir is not None:
            raise EvalError(
                "--compare-prompts runs both prompt folders itself",
                field="--compare-prompts",
                hint="drop --baseline, --prompts and --drafts",
            )
        options = replace(settings.options or BackendOptions(), prompts_dir=compare_prompts[0])
        return _run(suite, replace(settings, options=options), "baseline")
    return load_run(baseline) if baseline is not None else None


def _run(suite: Suite, settings: RunSettings, label: str) -> RunResult:
    err = state.stderr()
    options = settings.options
    how = (
        f"drafts in {settings.drafts_dir}" if settings.drafts_dir else (options.describe() if options else "")
    )
    announced = False

    def progress(case_id: str, done: int, total: int) -> None:
        nonlocal announced
        if not announced:  # only once drafting is under way, so that bad input stays a one-line error
            err.print(f"{label}: {total} cases, {how}", markup=False, soft_wrap=True)
            announced = True
        err.print(f"  [{done}/{total}] {case_id}", markup=False, soft_wrap=True)

    return run_suite(suite, settings, on_case=progress)


def _print(run: RunResult, outcome: Verdict, base: RunResult | None, fmt: str) -> None:
    out = state.stdout()
    if fmt == "json":
        out.out(report.json_report(run, outcome, base), end="", highlight=False)
        return
    out.print(report.summary_table(run, outcome))
    out.print(report.cases_table(run, outcome))
    for line in report.change_lines(outcome):
        out.print(line, markup=False, soft_wrap=True)
    for line in report.failure_lines(outcome):
        out.print(line, markup=False, style="bold red", soft_wrap=True)
    if not outcome.failed:
        done = "all metrics meet their thresholds" + (" and none regressed" if base else "")
        out.print(done, style="green")


def register(app: typer.Typer) -> None:
    """Add ``eval`` to ``app``."""
    app.command("eval")(eval_command)
