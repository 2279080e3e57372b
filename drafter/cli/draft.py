"""`drafter draft FACTS`: draft a report and print or write it.

Exit codes: 0 all well; 1 the document was written but a section failed, figures stay unsupported or a
section keeps form problems; 2 bad input or configuration; 3 the disk refused; 4 the model failed (no
section could be drafted); 130 interrupted (Ctrl-C or SIGTERM; finished sections stay in the cache).
The library is imported inside the command, so that ``drafter --help`` loads none of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from drafter.cli import state
from drafter.cli.options import ForceOpt, announce, model_options
from drafter.settings import BackendOptions

if TYPE_CHECKING:
    from drafter.facts import Facts
    from drafter.sections import Draft


@model_options()
def draft(
    facts: Annotated[Path, typer.Argument(metavar="FACTS", help="Facts file (.yaml, .json or .toml).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", metavar="FILE", help="The file to write; .md, .txt or .docx says how."
        ),
    ] = None,
    fmt: Annotated[
        Literal["md", "txt", "docx"] | None,
        typer.Option("--format", help="Without -o: md or txt to stdout. With -o: must match its extension."),
    ] = None,
    force: ForceOpt = False,
    no_key_figures: Annotated[
        bool, typer.Option("--no-key-figures", help='Leave out the English "Year at a glance" table.')
    ] = False,
    *,
    options: BackendOptions,
) -> None:
    """Draft a report from FACTS (Markdown to stdout without -o)."""
    from drafter.atomic import check_writable, refuse_inputs
    from drafter.cli.interrupt import interrupt_as_error
    from drafter.document import choose_format, render_markdown, render_text, write_document
    from drafter.facts import load_facts

    if output is not None:
        refuse_inputs(output, facts)
    chosen = choose_format(output, fmt)
    if output is not None:  # fail before spending model requests
        check_writable(output, force=force)
    with interrupt_as_error():
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
    from drafter.backends import is_chat, make_backend
    from drafter.cli.progress import Progress
    from drafter.drafting import draft as draft_report

    err = state.stderr()
    announce(options, facts.report.kind, facts.report.language)
    backend = make_backend(options)
    if not is_chat(backend):
        return draft_report(facts, backend=backend)
    with Progress(err) as progress:
        return draft_report(
            facts, backend=backend, max_repairs=options.max_repairs, on_event=progress.on_event
        )


def _report_problems(result: Draft) -> bool:
    """Print failed sections and unsupported figures to stderr; return True if there were any."""
    from rich.text import Text

    err = state.stderr()
    lines: list[Text] = []
    for section in result.sections:
        name = section.heading or section.id
        if section.origin == "failed":
            lines.append(Text.assemble(("failed: ", "bold red"), f"{name}: {section.error}"))
        if section.form:
            lines.append(
                Text.assemble(("form problems ", "bold yellow"), f"in {name}: {'; '.join(section.form)}")
            )
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
