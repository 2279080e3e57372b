"""The ``drafter`` command: a typer app with one small module per command.

The CLI only parses options, calls the library and turns :class:`DrafterError` into a one-line message
with exit code 2 (``--debug`` shows the traceback). Nothing here imports langchain or openai at start-up.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperOption

from drafter.cli import check as check_cmd
from drafter.cli import draft as draft_cmd
from drafter.cli import eval as eval_cmd
from drafter.cli import facts as facts_cmd
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
    facts_cmd,
):
    _module.register(app)


_type_of_option = TyperOption.display_type_rich


def _flag_shows_no_type(self: TyperOption, ctx: Any) -> str | None:
    # Help shows what to type after an option: a flag takes nothing (typer would show "<bool>"), and a
    # value its metavar (FILE, N) or its choices, never a Python type.
    return None if self.is_flag else _type_of_option(self, ctx)


def _argument_shows_no_type(self: TyperArgument, ctx: Any) -> str | None:
    return None  # an argument's name (FACTS, DRAFT) says what it is; typer would add "<path>"


TyperOption.display_type_rich = _flag_shows_no_type  # type: ignore[method-assign]
TyperArgument.display_type_rich = _argument_shows_no_type  # type: ignore[method-assign,assignment]


def main() -> None:
    """Console-script entry point: run the app; DrafterError and usage errors become one line and a code."""
    try:
        code = app(standalone_mode=False, prog_name="drafter")
    except DrafterError as exc:
        if state.debug:
            raise
        # Some errors list several places (every fact without a value): one line each.
        for line in str(exc).splitlines():
            _error_line(line)
        sys.exit(exc.exit_code)
    except typer.Abort:
        state.stderr().print("Aborted.", markup=False)
        sys.exit(1)
    except typer.TyperException as exc:  # click's usage errors: one line, not a box
        _error_line(_usage_message(exc))
        sys.exit(getattr(exc, "exit_code", 2))
    sys.exit(code if isinstance(code, int) else 0)


def _usage_message(exc: typer.TyperException) -> str:
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    message = message.replace("Value error, ", "").rstrip(".")
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return message
    return f"{message}; see {ctx.command_path} --help"


def _error_line(message: str) -> None:
    from rich.markup import escape

    # The message may quote user text with [brackets]; it must not be read as rich markup.
    text = " ".join(message.split())
    state.stderr().print(f"[bold red]error:[/] {escape(text)}", markup=True, highlight=False, soft_wrap=True)
