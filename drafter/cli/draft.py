"""`drafter draft FACTS`: draft a report and print or write it.

Exit codes: 0 all well; 1 the document was written but a section failed or figures stay unsupported;
2 bad input or configuration.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from drafter.atomic import check_writable, refuse_inputs
from drafter.backends import is_chat, make_backend
from drafter.cli import state
from drafter.cli.options import (
    BackendOpt,
    BaseUrlOpt,
    MaxConcurrencyOpt,
    MaxRepairsOpt,
    ModelOpt,
    NoCacheOpt,
    PromptsOpt,
    TemperatureOpt,
    TimeoutOpt,
)
from drafter.document import choose_format, render_markdown, render_text, write_document
from drafter.drafting import draft as draft_report
from drafter.facts import Facts, load_facts
from drafter.progress import Progress
from drafter.sections import Draft
from drafter.settings import BackendOptions, resolve_options


def draft(
    facts: Annotated[Path, typer.Argument(help="Facts file (.yaml, .json or .toml).")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here (.md, .txt, .docx).")
    ] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="md, txt or docx.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    temperature: TemperatureOpt = None,
    timeout: TimeoutOpt = None,
    max_concurrency: MaxConcurrencyOpt = None,
    max_repairs: MaxRepairsOpt = None,
    prompts: PromptsOpt = None,
    no_cache: NoCacheOpt = False,
    no_key_figures: Annotated[
        bool, typer.Option("--no-key-figures", help='Leave out the English "Year at a glance" table.')
    ] = False,
) -> None:
    """Draft a report from a facts file (Markdown to stdout without -o)."""
    if output is not None:
        refuse_inputs(output, facts)
    chosen = choose_format(output, fmt)
    if output is not None:  # fail before spending model requests
        check_writable(output, force=force)
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
    result = _draft(load_facts(facts), options)
    if output is None:
        render = render_text if chosen == "txt" else render_markdown
        text = render(result, key_figures=not no_key_figures)
        state.stdout().out(text, end="", highlight=False)
    else:
        write_document(result, output, chosen, force=force, key_figures=not no_key_figures)
        state.stderr().print(
            f"wrote {output} ({chosen}, backend {result.backend})", markup=False, soft_wrap=True
        )
    if _report_problems(result):
        raise typer.Exit(1)


def _draft(facts: Facts, options: BackendOptions) -> Draft:
    """Say which backend is used, then draft (with a progress display for a model)."""
    err = state.stderr()
    err.print(f"backend: {options.describe()}; {options.source}", markup=False, soft_wrap=True)
    backend = make_backend(options)
    if not is_chat(backend):
        return draft_report(facts, backend=backend)
    with Progress(err) as progress:
        return draft_report(
            facts, backend=backend, max_repairs=options.max_repairs, on_event=progress.on_event
        )


def _report_problems(result: Draft) -> bool:
    """Print failed sections and unsupported figures to stderr; return True if there were any."""
    err = state.stderr()
    lines: list[Text] = []
    for section in result.sections:
        name = section.heading or section.id
        if section.origin == "failed":
            lines.append(Text.assemble(("failed: ", "bold red"), f"{name}: {section.error}"))
        if section.unsupported:
            lines.append(
                Text.assemble(
                    ("unsupported figures ", "bold yellow"), f"in {name}: {', '.join(section.unsupported)}"
                )
            )
    if result.failed():
        lines.append(
            Text("run drafter draft again to retry the failed sections (the rest come from the cache)")
        )
    for line in lines:
        err.print(line, highlight=False, soft_wrap=True)
    return bool(lines)


def register(app: typer.Typer) -> None:
    """Add ``draft`` to ``app``."""
    app.command("draft")(draft)
