"""`drafter eval [SUITE]`: score drafts of every suite case and judge them against thresholds or a baseline.

Exit codes: 0 all metrics meet their thresholds and none regressed; 1 a metric regressed by more than its
tolerance or is under its threshold; 2 bad input (suite, baseline, drafts folder, options).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from drafter.cli import state
from drafter.cli.options import ForceOpt, announce, model_options
from drafter.errors import EvalError
from drafter.evals.names import ALL_METRICS
from drafter.settings import BackendOptions

if TYPE_CHECKING:
    from drafter.evals.compare import Verdict
    from drafter.evals.results import RunResult
    from drafter.evals.run import RunSettings
    from drafter.evals.suite import Suite


@model_options(max_concurrency="Cases and model requests in flight at once (default 4).")
def eval_command(
    suite: Annotated[
        Path | None,
        typer.Argument(
            metavar="SUITE",
            help="Suite file (default: ./evals/suite.yaml if present, else the suite bundled with drafter).",
            show_default=False,
        ),
    ] = None,
    repeat: Annotated[
        int, typer.Option("--repeat", metavar="N", help="Drafts per case; metrics are averaged.")
    ] = 1,
    drafts: Annotated[
        Path | None,
        typer.Option(
            "--drafts",
            metavar="DIR",
            help="Score the drafts <case>.md|.txt|.docx in this folder instead of drafting.",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", metavar="RUN", help="A run file (written with -o) to compare against."),
    ] = None,
    compare_prompts: Annotated[
        tuple[Path, Path] | None,
        typer.Option(
            "--compare-prompts",
            metavar="A B",
            help="Run the suite with prompt folders A (baseline) and B (candidate); needs a model.",
        ),
    ] = None,
    tolerance: Annotated[
        float | None,
        typer.Option(
            "--tolerance",
            metavar="DROP",
            help="Largest acceptable drop of a metric's mean, 0–1 (overrides the suite's).",
        ),
    ] = None,
    fail_under: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-under",
            metavar="METRIC=VALUE",
            help=f"Fail when the metric is under value (repeatable); metrics: {', '.join(ALL_METRICS)}.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", metavar="FILE", help="The run file to write (JSON), for a later --baseline."
        ),
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", metavar="FILE", help="Also write a self-contained HTML report.")
    ] = None,
    fmt: Annotated[
        Literal["table", "json"], typer.Option("--format", help="What to print on stdout.")
    ] = "table",
    force: ForceOpt = False,
    judge_model: Annotated[
        str | None,
        typer.Option(
            "--judge-model", metavar="NAME", help="Also grade drafts with this model (the judge metric)."
        ),
    ] = None,
    *,
    options: BackendOptions,
) -> None:
    """Score the suite's drafts; compare with a baseline; exit 1 on a regression or a low score."""
    from drafter.atomic import write_atomic
    from drafter.cli.interrupt import interrupt_as_error
    from drafter.evals import report
    from drafter.evals.compare import verdict as judge_run
    from drafter.evals.run import RunSettings
    from drafter.evals.suite import find_suite, load_suite

    _check_outputs(fmt, [output, html], force, inputs=[suite, baseline])
    if tolerance is not None and not 0.0 <= tolerance <= 1.0:
        raise EvalError(f"{tolerance:g} is out of range 0..1", field="--tolerance")
    if drafts is None:
        _refuse_offline(options, compare_prompts)
    limits = parse_fail_under(fail_under or [])
    loaded = load_suite(find_suite(suite))
    settings = RunSettings(
        options=options,
        max_concurrency=options.max_concurrency,
        repeat=repeat,
        drafts_dir=drafts,
        judge_model=judge_model,
    )
    base = _baseline(loaded, settings, baseline, compare_prompts, options.prompts_origin == "--prompts")
    if compare_prompts is not None:
        candidate = replace(options, prompts_dir=compare_prompts[1], prompts_origin="B")
        settings = replace(settings, options=candidate)
    with interrupt_as_error():
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


def _refuse_offline(options: BackendOptions, compare_prompts: tuple[Path, Path] | None) -> None:
    """Refuse a prompt comparison the offline writer cannot make: it reads no prompt files.

    (``--judge-model`` stays allowed: a model at ``--base-url`` may grade offline drafts.)
    """
    if options.name != "offline":
        return
    for flag, given in (
        ("--prompts", options.prompts_origin == "--prompts"),
        ("--compare-prompts", compare_prompts is not None),
    ):
        if given:
            raise EvalError(
                f"{flag} needs a model backend: the offline writer reads no prompt files, "
                "so nothing would be compared",
                hint="use --backend openai with --base-url (a local server) or OPENAI_API_KEY",
            )


def _check_outputs(fmt: str, paths: list[Path | None], force: bool, inputs: list[Path | None]) -> None:
    from drafter.atomic import check_writable, refuse_inputs

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
    prompts_flag: bool,
) -> RunResult | None:
    if compare_prompts is not None:
        if baseline is not None or prompts_flag or settings.drafts_dir is not None:
            raise EvalError(
                "--compare-prompts runs both prompt folders itself",
                field="--compare-prompts",
                hint="drop --baseline, --prompts and --drafts",
            )
        options = replace(
            settings.options or BackendOptions(), prompts_dir=compare_prompts[0], prompts_origin="A"
        )
        return _run(suite, replace(settings, options=options), "baseline")
    from drafter.evals.results import load_run

    return load_run(baseline) if baseline is not None else None


def _run(suite: Suite, settings: RunSettings, label: str) -> RunResult:
    err = state.stderr()
    options = settings.options
    announced = False

    def progress(case_id: str, done: int, total: int) -> None:
        nonlocal announced
        if not announced:  # only once drafting is under way, so that bad input stays a one-line error
            err.print(f"{label}: {total} cases of {suite.path}", markup=False, soft_wrap=True)
            if settings.drafts_dir is not None:
                err.print(f"drafts: {settings.drafts_dir}", markup=False, soft_wrap=True)
            elif options is not None:
                first = suite.cases[0].facts.report
                announce(options, first.kind, first.language)
            announced = True
        err.print(f"  [{done}/{total}] {case_id}", markup=False, soft_wrap=True)

    from drafter.evals.run import run_suite

    return run_suite(suite, settings, on_case=progress)


def _print(run: RunResult, outcome: Verdict, base: RunResult | None, fmt: str) -> None:
    from drafter.evals import report

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
