"""`drafter facts extract|import|merge`: a facts file from last year's report and this year's spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from drafter.cli import state
from drafter.cli.app import App
from drafter.cli.options import PANEL, BaseUrlOpt, NoCacheOpt, TimeoutOpt
from drafter.errors import ConfigError, InputError

if TYPE_CHECKING:
    from drafter.ingest.extract import Skeleton

app = App(
    name="facts",
    help="Make a facts file from last year's report and this year's spreadsheet.",
    no_args_is_help=True,
)

Output = Annotated[
    Path, typer.Option("--output", "-o", metavar="FILE", help="The facts file to write (.yaml).")
]
Force = Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")]


def _target(output: Path, *inputs: Path) -> Path:
    """Refuse an output that is not YAML or that is one of the inputs."""
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise InputError("the facts file is written as YAML", file=output, hint="give a name ending in .yaml")
    for source in inputs:
        if source.exists() and output.exists() and output.resolve() == source.resolve():
            raise InputError("refusing to write onto an input file", file=output, hint="choose another -o")
    return output


def extract(
    report: Annotated[Path, typer.Argument(help="Last year's report (.docx, .md or .txt).")],
    output: Output,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            metavar="NAME",
            help="Let this model tidy labels and ids (figures are still checked).",
            rich_help_panel=PANEL,
        ),
    ] = None,
    base_url: BaseUrlOpt = None,
    timeout: TimeoutOpt = None,
    no_cache: NoCacheOpt = False,
    force: Force = False,
) -> None:
    """Turn last year's report into a facts skeleton: each figure a fact with 'value' still empty."""
    from drafter.atomic import write_atomic
    from drafter.ingest.extract import extract_file, skeleton_text

    target = _target(output, report)
    skeleton = extract_file(report)
    if model is not None:
        _tidy(skeleton, model, base_url, timeout, no_cache)
    written = write_atomic(target, skeleton_text(skeleton), force=force)
    state.stderr().print(
        f"wrote {written}: {len(skeleton.facts)} facts, {len(skeleton.notes)} notes, "
        f"{len(skeleton.terms)} terms from {report}; "
        f"fill in the values (drafter facts merge {written} SHEET -o facts.yaml)",
        markup=False,
        soft_wrap=True,
    )
    if "period" not in skeleton.report:
        state.stderr().print(
            "no year in the report's title: fill in report.period and report.next_period", markup=False
        )


def _tidy(
    skeleton: Skeleton, model: str, base_url: str | None, timeout: float | None, no_cache: bool
) -> None:
    """Let ``model`` tidy the skeleton's labels and ids; say what it changed and what was refused."""
    from drafter.backends import is_chat, make_backend
    from drafter.backends.calling import call_model
    from drafter.ingest.tidy import tidy
    from drafter.settings import resolve_options
    from drafter.store import ResponseCache

    options = resolve_options(
        backend="openai", model=model, base_url=base_url, timeout=timeout, no_cache=no_cache
    )
    backend = make_backend(options)
    if not is_chat(backend):
        raise ConfigError(
            "--model needs a chat model", field="--model", hint="set --base-url or OPENAI_API_KEY"
        )
    cache = ResponseCache() if backend.options.use_cache else None
    state.stderr().print(f"model: {backend.options.describe()}", markup=False, soft_wrap=True)
    result = tidy(
        skeleton, lambda messages: call_model(backend, messages, {"temperature": 0}, cache=cache).text
    )
    for line in result.refused:
        state.stderr().print(f"refused: {line}", markup=False, soft_wrap=True)
    state.stderr().print(
        f"the model reworded {result.labels} labels and {result.ids} ids; "
        f"{len(result.refused)} answers refused",
        markup=False,
        soft_wrap=True,
    )


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        column, sep, name = pair.partition("=")
        if not sep or not column.strip() or not name.strip():
            raise ConfigError(
                f"bad --map '{pair}'", field="--map", hint="write COLUMN=FIELD, e.g. --map 'C=value'"
            )
        mapping[column.strip()] = name.strip()
    return mapping


Sheets = Annotated[
    list[str], typer.Option("--sheet", metavar="NAME", help="Read only this sheet (repeatable); default all.")
]
Maps = Annotated[
    list[str],
    typer.Option(
        "--map", metavar="COLUMN=FIELD", help="COLUMN=FIELD for a header drafter does not know (repeatable)."
    ),
]


def import_sheet(
    sheet: Annotated[Path, typer.Argument(help="This year's figures (.xlsx or .csv), one row a fact.")],
    output: Output,
    sheets: Sheets = [],  # noqa: B006 - typer reads the default, never mutates it
    maps: Maps = [],  # noqa: B006
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="The report's title.")] = None,
    organization: Annotated[
        str | None, typer.Option("--organization", metavar="TEXT", help="Who issues the report.")
    ] = None,
    period: Annotated[
        str | None, typer.Option("--period", metavar="TEXT", help="The period reported on (2025).")
    ] = None,
    language: Annotated[str, typer.Option("--language", "-l", metavar="zh|en", help="zh or en.")] = "zh",
    force: Force = False,
) -> None:
    """Turn a spreadsheet into a facts file, one fact per row."""
    from drafter.atomic import write_atomic
    from drafter.ingest.sheets import read_sheets, sheet_text

    if language not in ("zh", "en"):
        raise ConfigError(f"unknown language '{language}'", field="--language", hint="use zh or en")
    target = _target(output, sheet)
    rows = read_sheets(sheet, sheets, _mapping(maps))
    report = {"title": title, "organization": organization, "period": period}
    written = write_atomic(target, sheet_text(rows, report, sheet.name, language), force=force)
    missing = [f"--{k}" for k, v in report.items() if not v]
    tail = f"; fill in report {', '.join(k.lstrip('-') for k in missing)}" if missing else ""
    state.stderr().print(
        f"wrote {written}: {len(rows)} facts from {sheet}{tail}", markup=False, soft_wrap=True
    )


def merge(
    skeleton: Annotated[Path, typer.Argument(help="The skeleton 'drafter facts extract' wrote (.yaml).")],
    sheet: Annotated[Path, typer.Argument(help="This year's figures (.xlsx or .csv).")],
    output: Output,
    sheets: Sheets = [],  # noqa: B006
    maps: Maps = [],  # noqa: B006
    force: Force = False,
) -> None:
    """Fill the skeleton's empty values from the spreadsheet, matching labels; list what is left."""
    from drafter.atomic import write_atomic
    from drafter.ingest.merge import merge as merge_files
    from drafter.ingest.sheets import read_sheets

    target = _target(output, skeleton, sheet)
    result = merge_files(skeleton, read_sheets(sheet, sheets, _mapping(maps)))
    written = write_atomic(target, result.text, force=force)
    out = state.stdout()
    for match in result.matched:
        unit = f" {match.row.unit}" if match.row.unit else ""
        out.print(
            f"filled  {match.fact_id}: {match.label} = {match.row.value}{unit}  "
            f"(from '{match.row.label}', {match.row.where}, score {match.score:.2f})",
            markup=False,
            soft_wrap=True,
        )
    for _, value, row in result.kept:
        out.print(
            f"kept    {row.label} = {value} (already filled; the sheet says {row.value}, {row.where})",
            markup=False,
            soft_wrap=True,
        )
    for _, fact_id, label in result.empty:
        out.print(f"empty   {fact_id}: {label} (no row of the sheet matches)", markup=False, soft_wrap=True)
    for row in result.new:
        out.print(
            f"new     {row.label} = {row.value} ({row.where}; not in last year's report)",
            markup=False,
            soft_wrap=True,
        )
    state.stderr().print(
        f"wrote {written}: {len(result.matched)} filled, {len(result.empty)} still empty, "
        f"{len(result.new)} new"
        + (f"; fill the empty ones, then: drafter validate {written}" if result.empty else ""),
        markup=False,
        soft_wrap=True,
    )


app.command("extract")(extract)
app.command("import")(import_sheet)
app.command("merge")(merge)


def register(parent: typer.Typer) -> None:
    """Add the ``facts`` command group to ``parent``."""
    parent.add_typer(app, name="facts")
