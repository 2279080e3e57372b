"""`drafter validate FACTS`: check a facts file and say what it holds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from drafter.cli import state


def validate(
    facts: Annotated[Path, typer.Argument(metavar="FACTS", help="Facts file (.yaml, .json or .toml).")],
) -> None:
    """Validate a facts file; exit 0 when it is valid, 2 with a one-line error when not."""
    from drafter.facts import load_facts

    loaded = load_facts(facts)
    state.stdout().print(
        f"{facts}: valid ({len(loaded.facts)} facts, {len(loaded.notes)} notes, "
        f"kind {loaded.report.kind}, language {loaded.report.language})",
        markup=False,
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    """Add ``validate`` to ``app``."""
    app.command("validate")(validate)
