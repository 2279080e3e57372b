"""The ``drafter`` command: a typer app with one small module per command.

The CLI only parses options, calls the library and turns :class:`DrafterError` into a one-line message
with the error's exit code (2 bad input, 3 the model failed, 130 interrupted; ``--debug`` shows the
traceback). SIGTERM is handled like Ctrl-C. Nothing here imports langchain or openai at start-up, and a
run imports only the module of the command it names (:func:`build_app`).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import signal
import sys
import traceback
import warnings
from typing import Annotated, Any, NoReturn

import typer

from drafter.cli import state
from drafter.cli.app import App
from drafter.errors import DrafterError, DrafterWarning, StorageError
from drafter.text import printable
from drafter.version import __version__

# Each command and the module that registers it (one small module per command), in the order help lists them.
COMMANDS = {
    "draft": "draft",
    "check": "check",
    "validate": "validate",
    "init": "init",
    "kinds": "kinds",
    "prompts": "prompts",
    "cache": "store",
    "logs": "store",
    "revise": "revise",
    "eval": "eval",
    "facts": "facts",
}
# The root options that may come before a command (--version and --help end the run).
ROOT_FLAGS = ("--debug",)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"drafter {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    """Draft formal reports from a facts file and prove every number in them."""
    state.debug = debug


def build_app(command: str | None = None) -> typer.Typer:
    """Return the drafter app with every command, or with only ``command`` and its module.

    One run of drafter needs one command: importing the other command modules and building their click
    commands (typer inspects every signature) is a tenth of ``drafter check``'s start-up. The root help,
    a usage error and an unknown command get the whole app.
    """
    app = App(
        name="drafter",
        help="Draft formal reports from a facts file and prove every number in them.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )
    app.callback()(_root)
    modules = [COMMANDS[command]] if command in COMMANDS else dict.fromkeys(COMMANDS.values())
    for module in modules:
        importlib.import_module(f"drafter.cli.{module}").register(app)
    return app


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the whole app, for callers that run it themselves (tests, typer's own runner)
        return build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def asked_for(args: list[str]) -> str | None:
    """The command that the command line ``args`` runs, when nothing but root flags come before it."""
    for arg in args:
        if arg not in ROOT_FLAGS:
            return arg if arg in COMMANDS else None
    return None


class UsageProblem(Exception):
    """A usage error (unknown option, missing argument, bad choice), shown as one line."""


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM stops a run like Ctrl-C: finished sections kept, run marked


@functools.cache
def _command(name: str | None = None) -> Any:
    """The app (with only command ``name`` when given) as a click command, built once per process."""
    return typer.main.get_command(build_app(name))


def main() -> None:
    """Console-script entry point: run the app, turning DrafterError into one line and exit code.

    An OS error that escapes the library (stdout on a full disk, a closed pipe) is one line too, with the
    storage exit code 3; warnings (a corrupt cache rebuilt) are one ``warning:`` line each. SIGTERM stops a
    run like Ctrl-C.
    """
    signal.signal(signal.SIGTERM, _terminate)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", DrafterWarning)
            warnings.showwarning = _show_warning
            try:
                code = _command(asked_for(sys.argv[1:])).main(standalone_mode=False, prog_name="drafter")
            finally:
                sys.stdout.flush()  # a full disk shows here, inside the catch, not at interpreter exit
    except DrafterError as exc:
        _fail(exc, exc.exit_code)
    except OSError as exc:
        # Without a file name, a write error is the output stream's: a full disk or a closed pipe.
        where = f"cannot write to {exc.filename}" if exc.filename else "cannot write the output (stdout)"
        _fail(StorageError(f"{where}: {exc.strerror or exc}"), StorageError.exit_code)
    except typer.Abort as exc:  # click turns a Ctrl-C while it reads the command line into Abort
        _fail(_interrupted() if isinstance(exc.__context__, KeyboardInterrupt) else None, 130)
    except KeyboardInterrupt:  # before a command's own handler is in place (importing its library)
        _fail(_interrupted(), 130)
    except typer.TyperException as exc:  # usage errors (typer vendors click): one line, not a box
        if type(exc).__name__ == "NoArgsIsHelpError":  # `drafter` alone: help printed, no error
            sys.exit(getattr(exc, "exit_code", 2))
        _fail(UsageProblem(_usage_message(exc)), getattr(exc, "exit_code", 2))
    sys.exit(code if isinstance(code, int) else 0)


def _interrupted() -> DrafterError:
    from drafter.concurrency import Interrupted  # not at start-up: it loads the thread pool

    return Interrupted("interrupted")


def _usage_message(exc: Exception) -> str:
    """The usage error's message in one line, ending with where to read more."""
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    message = " ".join(message.replace("Value error, ", "").split()).rstrip(".")
    ctx = getattr(exc, "ctx", None)
    return f"{message}; see {ctx.command_path} --help" if ctx is not None else message


def _fail(exc: BaseException | None, code: int) -> NoReturn:
    """Print ``exc`` as one masked line (or, with --debug, its masked traceback) and exit with ``code``."""
    from drafter.redact import mask

    if exc is not None and state.debug:
        text = "".join(traceback.format_exception(exc))
        sys.stderr.write(printable(mask(text), keep="\n"))
    elif exc is not None:
        from rich.markup import escape

        # The message may quote user text with [brackets] or control characters: neither may reach the
        # terminal as markup or as escape sequences; a secret in it is masked.
        # Some errors list several places (every fact without a value): one line each.
        for text in mask(str(exc)).splitlines():
            line = escape(printable(text))
            with contextlib.suppress(OSError):
                state.stderr().print(
                    f"[bold red]error:[/] {line}", markup=True, highlight=False, soft_wrap=True
                )
    _silence_stdout()
    sys.exit(code)


def _show_warning(message: Warning | str, category: type[Warning], *args: object, **kwargs: object) -> None:
    from drafter.redact import mask

    with contextlib.suppress(OSError):
        state.stderr().print(
            f"warning: {printable(mask(str(message)))}", style="yellow", markup=False, soft_wrap=True
        )


def _silence_stdout() -> None:
    # What could not be written to a full disk or closed pipe must not fail again at interpreter exit.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
