"""`drafter init PATH`: write a commented starter facts file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from drafter.cli import state
from drafter.cli.arguments import argument_or_option


def init(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE", help="Where to write the starter facts file (.yaml).", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help="The file to write (same as FILE).")
    ] = None,
    language: Annotated[
        Literal["zh", "en"], typer.Option("--language", "-l", help="The report's language.")
    ] = "zh",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter facts file that validates and drafts at once."""
    usage = "drafter init FILE [--language zh|en]"
    target = argument_or_option(path, output, flag="-o", what="file to write", usage=usage)
    from drafter.facts.starter import write_starter

    written = write_starter(target, language, force=force)
    state.stderr().print(f"wrote {written}; edit it, then run: drafter draft {written}", markup=False)


def register(app: typer.Typer) -> None:
    """Add ``init`` to ``app``."""
    app.command("init")(init)
