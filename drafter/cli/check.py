"""`drafter check DRAFT --facts FACTS`: prove every number in a draft against the facts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from drafter.cli import state
from drafter.errors import InputError


def check(
    draft: Annotated[Path, typer.Argument(help="The draft to check (.md, .txt or .docx).")],
    facts: Annotated[Path, typer.Option("--facts", help="The facts file the draft must be faithful to.")],
    fmt: Annotated[str, typer.Option("--format", help="text (coloured draft and table) or json.")] = "text",
) -> None:
    """Check every number in DRAFT against FACTS (exit 1 when any is unsupported or misattributed)."""
    from drafter.document.reading import read_draft
    from drafter.facts import load_facts
    from drafter.numbers import check as check_text

    if fmt not in ("text", "json"):
        raise InputError(f"unknown format '{fmt}'", field="--format", hint="use text or json")
    loaded = load_facts(facts)
    report = check_text(read_draft(draft), loaded)
    if fmt == "json":
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_text(report, loaded)
    if not report.ok:
        raise typer.Exit(1)


def _print_text(report: object, facts: object) -> None:
    from drafter.numbers.render import check_table, highlight
    from drafter.text import visible_rich

    console = state.stdout()
    console.print(visible_rich(highlight(report)), soft_wrap=True)  # type: ignore[arg-type]
    summary = report.summary()  # type: ignore[attr-defined]
    if summary["unsupported"] or summary["misattributed"]:
        console.print(check_table(report, facts))  # type: ignore[arg-type]
    console.print(", ".join(f"{v} {k}" for k, v in summary.items()))


def register(app: typer.Typer) -> None:
    """Add ``check`` to ``app``."""
    app.command("check")(check)
