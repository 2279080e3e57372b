"""`drafter draft FACTS`: draft a report and print or write it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from drafter.cli import state
from drafter.document import choose_format, render_markdown, render_text, write_document
from drafter.drafting import draft as draft_report
from drafter.facts import load_facts


def draft(
    facts: Annotated[Path, typer.Argument(help="Facts file (.yaml, .json or .toml).")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here (.md, .txt, .docx).")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="md, txt or docx.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
) -> None:
    """Draft a report from a facts file (Markdown to stdout without -o)."""
    chosen = choose_format(output, fmt)
    result = draft_report(load_facts(facts))
    if output is None:
        text = render_text(result) if chosen == "txt" else render_markdown(result)
        state.stdout().out(text, end="", highlight=False)
        return
    write_document(result, output, chosen, force=force)
    state.stderr().print(f"wrote {output} ({chosen}, backend {result.backend})")


def register(app: typer.Typer) -> None:
    """Add ``draft`` to ``app``."""
    app.command("draft")(draft)
