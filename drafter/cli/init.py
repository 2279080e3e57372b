"""`drafter init PATH`: write a commented starter facts file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from drafter.cli import state
from drafter.facts.starter import write_starter


def init(
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="Where to write the starter facts file (.yaml).")
    ],
    language: Annotated[
        Literal["zh", "en"], typer.Option("--language", "-l", help="The report's language.")
    ] = "zh",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter facts file that validates and drafts at once."""
    written = write_starter(path, language, force=force)
    state.stderr().print(f"wrote {written}; edit it, then run: drafter draft {written}", markup=False)


def register(app: typer.Typer) -> None:
    """Add ``init`` to ``app``."""
    app.command("init")(init)
