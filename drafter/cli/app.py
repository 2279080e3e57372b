"""drafter's typer app, groups and commands: help drawn by :mod:`drafter.cli.help`, start-up ended once.

While drafter starts (imports, building the command line, parsing it) it only builds objects that live as
long as the process: typer's and rich's modules, pydantic's validators, the command tree. The cyclic garbage
collector finds nothing to free among them, yet walks them again and again (about 10 % of ``drafter check``'s
start-up). The console script (:mod:`drafter.cli.entry`) therefore starts with the collector off, and
:func:`started` turns it back on just before a command's own code runs, with what start-up built frozen out
of its reach (``gc.freeze``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from drafter.cli.help import print_help

if TYPE_CHECKING:
    from typer import _click as click  # typer's own click, for the types of the overridden methods

F = TypeVar("F", bound=Callable[..., Any])

_starting = [False]


def starting() -> None:
    """Turn the garbage collector off while drafter starts (the console script's first step)."""
    if gc.isenabled():
        gc.disable()
        _starting[0] = True


def started() -> None:
    """Start-up is over: freeze what it built out of the collector's reach and turn the collector back on.

    Does nothing unless :func:`starting` turned it off (an in-process caller keeps its own settings).
    """
    if _starting[0]:
        _starting[0] = False
        gc.freeze()
        gc.enable()


class _DrawsHelp:
    """Help drawn by :func:`print_help`; ``--help`` not given is False.

    False, not None: typer converts a flag's value unless it is a bool already, and its converter imports
    pydantic (a tenth of a second), so ``drafter check --help`` or ``drafter kinds`` would pay for it at the
    root's ``--help``.
    """

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Print this command's or group's help (typer would load its Markdown renderer to do it)."""
        print_help(self, ctx)  # type: ignore[arg-type]

    def get_help_option(self, ctx: click.Context) -> TyperOption | None:
        """The --help flag, False when not given."""
        option: TyperOption | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.default = False
        return option


class Command(_DrawsHelp, TyperCommand):
    """A typer command whose help is drawn by :func:`print_help` and whose code runs after start-up."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, the collector back on."""
        started()
        return super().invoke(ctx)


class Group(_DrawsHelp, TyperGroup):
    """A typer group whose help is drawn by :func:`print_help` (its commands listed)."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the group; one that runs without a command (``drafter logs``) runs after start-up."""
        if self.invoke_without_command:
            started()
        return super().invoke(ctx)


class App(typer.Typer):
    """A ``typer.Typer`` made of :class:`Group` and :class:`Command`."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(cls=Group, **settings)

    def command(self, *args: Any, **settings: Any) -> Callable[[F], F]:
        """Register a command, as ``typer.Typer.command`` does, as a :class:`Command`."""
        settings.setdefault("cls", Command)
        return super().command(*args, **settings)
