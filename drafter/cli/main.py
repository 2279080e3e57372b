"""The ``drafter`` command: a typer app with one small module per command.

The CLI only parses options, calls the library and turns :class:`DrafterError` into a one-line message
with exit code 2 (``--debug`` shows the traceback). Nothing here imports langchain or openai at start-up.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from drafter.cli import check as check_cmd
from drafter.cli import draft as draft_cmd
from drafter.cli import eval as eval_cmd
from drafter.cli import init as init_cmd
from drafter.cli import kinds as kinds_cmd
from drafter.cli import prompts as prompts_cmd
from drafter.cli import revise as revise_cmd
from drafter.cli import state
from drafter.cli import store as store_cmd
from drafter.cli import validate as validate_cmd
from drafter.errors import DrafterError
from drafter.version import __version__

app = typer.Typer(
    name="drafter",
    help="Draft formal reports from a facts file and prove every number in them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"drafter {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    """Draft formal reports from a facts file and prove every number in them."""
    state.debug = debug


for _module in (
    draft_cmd,
    check_cmd,
    validate_cmd,
    init_cmd,
    kinds_cmd,
    prompts_cmd,
    store_cmd,
    revise_cmd,
    eval_cmd,
):
    _module.register(app)


def main() -> None:
    """Console-script entry point: run the app, turning DrafterError into one line and exit code."""
    try:
        app()
    except DrafterError as exc:
        if state.debug:
            raise
        from rich.markup import escape

        # The message may quote user text with [brackets]; it must not be read as rich markup.
        state.stderr().print(
            f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False, soft_wrap=True
        )
        sys.exit(exc.exit_code)
