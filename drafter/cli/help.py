"""Command help drawn with rich's console, panel, table and text only.

typer draws ``--help`` with ``typer.rich_utils``, which imports rich's Markdown (markdown-it, pygments),
traceback, syntax and pretty-printing modules: a tenth of a second at every ``drafter --help``, for
features drafter's help does not use (its help texts are rich markup, never Markdown). drafter's commands
(:mod:`drafter.cli.app`) print the same screen with :func:`print_help`: the usage line,
the description, the Arguments and Options panels, a panel for each ``rich_help_panel`` name (Model),
the Commands panel, defaults, required markers, metavars and deprecated commands, in typer's styles.

One difference is deliberate: the type column shows what to type after an option (its metavar or its
choices), nothing for a flag and nothing for an argument, whose name (FACTS, DRAFT) says what it is;
typer would show ``<bool>`` and ``<path>``.
"""

from __future__ import annotations

import inspect
import os
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group, RenderableType
from rich.highlighter import RegexHighlighter
from rich.text import Text
from rich.theme import Theme
from typer.core import TyperArgument, TyperGroup, TyperOption

if TYPE_CHECKING:
    from rich.table import Table
    from typer import _click as click  # typer's own click, for the types of format_help's arguments

# typer's help styles (typer.rich_utils), so that the screen looks as it always has.
STYLE_OPTION = "bold cyan"
STYLE_SWITCH = "bold green"
STYLE_NEGATIVE_OPTION = "bold magenta"
STYLE_NEGATIVE_SWITCH = "bold red"
STYLE_TYPES = "bold yellow"
STYLE_TYPES_SEPARATOR = "dim"
STYLE_USAGE = "yellow"
STYLE_USAGE_COMMAND = "bold"
STYLE_DEPRECATED = "red"
STYLE_DEPRECATED_COMMAND = "dim"
STYLE_HELPTEXT = "dim"
STYLE_OPTION_DEFAULT = "dim"
STYLE_OPTION_ENVVAR = "dim yellow"
STYLE_REQUIRED_SHORT = "red"
STYLE_REQUIRED_LONG = "dim red"
STYLE_PANEL_BORDER = "dim"
STYLE_COMMANDS_FIRST_COLUMN = "bold cyan"
DEPRECATED = "(deprecated) "
ARGUMENTS = "Arguments"
OPTIONS = "Options"
COMMANDS = "Commands"


class OptionHighlighter(RegexHighlighter):
    """Option names (``-o``, ``--format``) and ``<types>`` in the usage line, name columns and help."""

    highlights = [  # noqa: RUF012 (rich's class attribute)
        r"(^|\W)(?P<switch>\-\w+)(?![a-zA-Z0-9])",
        r"(^|\W)(?P<option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
        r"(?P<types>\<[^\>]+\>)",
        r"(?P<usage>Usage: )",
    ]


class NegativeOptionHighlighter(RegexHighlighter):
    """The ``--no-x`` half of an ``--x/--no-x`` flag."""

    highlights = [  # noqa: RUF012
        r"(^|\W)(?P<negative_switch>\-\w+)(?![a-zA-Z0-9])",
        r"(^|\W)(?P<negative_option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
    ]


class TypesHighlighter(RegexHighlighter):
    """The ``<``, ``|`` and ``>`` around choices, dimmed."""

    highlights = [r"^(?P<types_sep>(\[|<))", r"(?P<types_sep>\|)", r"(?P<types_sep>(\]|>))(\.\.\.)?$"]  # noqa: RUF012


OPTION = OptionHighlighter()
NEGATIVE = NegativeOptionHighlighter()
TYPES = TypesHighlighter()
THEME = {
    "option": STYLE_OPTION,
    "switch": STYLE_SWITCH,
    "negative_option": STYLE_NEGATIVE_OPTION,
    "negative_switch": STYLE_NEGATIVE_SWITCH,
    "types": STYLE_TYPES,
    "types_sep": STYLE_TYPES_SEPARATOR,
    "usage": STYLE_USAGE,
}


def print_help(command: click.Command, ctx: click.Context) -> None:
    """Print ``command``'s help to stdout: usage, description, parameter panels, then its commands.

    Args:
        command: A typer command or group.
        ctx: The context it runs in (its parameters and subcommands are read from it).
    """
    from rich.padding import Padding

    console = _console()
    console.print(Padding(OPTION(command.get_usage(ctx)), 1), style=STYLE_USAGE_COMMAND)
    if command.help:
        console.print(Padding(_description(command), (0, 1, 1, 1)))
    arguments: defaultdict[str, list[TyperArgument | TyperOption]] = defaultdict(list)
    options: defaultdict[str, list[TyperArgument | TyperOption]] = defaultdict(list)
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument) and not param.hidden:
            arguments[param.rich_help_panel or ARGUMENTS].append(param)
        elif isinstance(param, TyperOption) and not param.hidden:
            options[param.rich_help_panel or OPTIONS].append(param)
    for panels, first in ((arguments, ARGUMENTS), (options, OPTIONS)):
        for title in _default_first(first, panels):
            if panels.get(title):
                console.print(_panel(_parameters_table(panels[title], ctx), title))
    if isinstance(command, TyperGroup):
        _print_commands(command, ctx, console)
    if command.epilog:
        console.print(Padding(_markup(command.epilog), 1))


def _default_first(name: str, panels: dict[str, Any]) -> list[str]:
    # The default panel comes first, then the named ones in the order their first member was declared.
    return [name, *(other for other in panels if other != name)]


def _console() -> Console:
    """A console like typer's: its theme and highlighter; colour forced as typer forces it (CI)."""
    force: bool | None = True if any(map(os.getenv, ("GITHUB_ACTIONS", "FORCE_COLOR", "PY_COLORS"))) else None
    if os.getenv("_TYPER_FORCE_DISABLE_TERMINAL"):
        force = False
    width = os.getenv("TERMINAL_WIDTH")
    # No emoji codes: rich need not load its emoji table for a help screen that has none.
    return Console(
        theme=Theme(THEME),
        highlighter=OPTION,
        force_terminal=force,
        width=int(width) if width else None,
        emoji=False,
    )


def _markup(text: str, style: str = "") -> Text:
    """Help text as rich markup, dedented, option names highlighted."""
    # Not emoji: ":cd:" in a help text is text (and rich need not load its emoji table).
    return OPTION(Text.from_markup(inspect.cleandoc(text), style=style, emoji=False))


def _description(command: click.Command) -> RenderableType:
    """The command's help: its first paragraph as one line, the rest dimmed; ``(deprecated)`` first."""
    parts: list[RenderableType] = [Text(DEPRECATED, style=STYLE_DEPRECATED)] if command.deprecated else []
    text = inspect.cleandoc(command.help or "").partition("\f")[0]
    first, *rest = text.split("\n\n")
    if not first.startswith("\b"):
        first = first.replace("\n", " ")
    parts.append(_markup(first.strip()))
    if rest:
        parts += [Text(""), _markup("\n\n".join(rest), STYLE_HELPTEXT)]
    return Group(*parts)


def _panel(table: RenderableType, title: str) -> RenderableType:
    from rich.panel import Panel

    heading = Text.from_markup(title, emoji=False)
    return Panel(table, border_style=STYLE_PANEL_BORDER, title=heading, title_align="left")


def _table() -> Table:
    from rich.table import Table  # not at start-up: `check` draws no table

    return Table(highlight=True, show_header=False, expand=True, box=None, pad_edge=False, padding=(0, 1))


def _parameters_table(params: Iterable[TyperArgument | TyperOption], ctx: click.Context) -> RenderableType:
    """A panel's table: a required mark (when any is required), the names, the type and the help."""
    rows: list[list[RenderableType]] = []
    required: list[RenderableType] = []
    for param in params:
        shown = param.display_name_raw if isinstance(param, TyperArgument) else None
        kind = Text(_value_type(param, ctx) or "", style=STYLE_TYPES, overflow="fold")
        span = param._get_number_range_help_str()
        if span:
            kind.append(f" [{span}]")
        required.append(Text("*", style=STYLE_REQUIRED_SHORT) if param.required else "")
        rows.append(
            [
                OPTION(",".join(name for name in param.opts if "--" in name)),
                OPTION(",".join(shown or name for name in param.opts if "--" not in name)),
                NEGATIVE(",".join(name for name in param.secondary_opts if "--" in name)),
                NEGATIVE(",".join(name for name in param.secondary_opts if "--" not in name)),
                TYPES(kind),
                _parameter_help(param, ctx),
            ]
        )
    table = _table()
    for mark, row in zip(required, rows, strict=True):
        table.add_row(*([mark, *row] if any(required) else row))
    return table


def _value_type(param: TyperArgument | TyperOption, ctx: click.Context) -> str | None:
    """What to type after an option: its metavar or its choices; nothing for a flag or an argument."""
    if isinstance(param, TyperArgument) or param.is_flag:
        return None
    return param.display_type_rich(ctx)


def _parameter_help(param: TyperArgument | TyperOption, ctx: click.Context) -> RenderableType:
    """The help column: the help text, then ``[env var: …]``, ``[default: …]`` and ``[required]``."""
    from rich.columns import Columns

    items: list[RenderableType] = []
    if param.help:
        paragraphs = [
            part.replace("\n", " ").strip() if not part.startswith("\b") else part.strip("\b\n") + "\n"
            for part in param.help.split("\n\n")
        ]
        items.append(_markup("\n".join(paragraphs).strip()))
    envvar = param.envvar
    automatic = getattr(param, "allow_from_autoenv", False) and ctx.auto_envvar_prefix and param.name
    if envvar is None and automatic:
        envvar = f"{ctx.auto_envvar_prefix}_{param.name.upper()}"
    if envvar and getattr(param, "show_envvar", False):
        names = envvar if isinstance(envvar, str) else ", ".join(map(str, envvar))
        items.append(Text(f"[env var: {names}]", style=STYLE_OPTION_ENVVAR))
    default = _default(param, ctx)
    if default:
        items.append(Text(f"[default: {default}]", style=STYLE_OPTION_DEFAULT))
    if param.required:
        items.append(Text("[required]", style=STYLE_REQUIRED_LONG))
    return Columns(items)


def _default(param: TyperArgument | TyperOption, ctx: click.Context) -> str:
    """The default as typer words it (an enum's value, a flag's name), or "" when it is not shown."""
    value = param._extract_default_help_str(ctx=ctx)
    as_text = isinstance(param.show_default, str)
    if not as_text and (value is None or not (param.show_default or ctx.show_default)):
        return ""
    return param._get_default_string(ctx=ctx, show_default_is_str=as_text, default_value=value)


def _print_commands(group: TyperGroup, ctx: click.Context, console: Console) -> None:
    """Print the group's commands, one panel per ``rich_help_panel`` name, their names in one column."""
    panels: defaultdict[str, list[click.Command]] = defaultdict(list)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None and not command.hidden:
            panels[getattr(command, "rich_help_panel", None) or COMMANDS].append(command)
    width = max((len(c.name or "") for commands in panels.values() for c in commands), default=0)
    for title in _default_first(COMMANDS, panels):
        commands = panels.get(title, [])
        if not commands:
            continue
        table = _table()
        table.highlight = False
        table.add_column(style=STYLE_COMMANDS_FIRST_COLUMN, no_wrap=True, width=width)
        table.add_column("Description", justify="left", no_wrap=False, ratio=10)
        deprecated = any(c.deprecated for c in commands)
        for command in commands:
            label = Text(command.name or "", style=STYLE_DEPRECATED_COMMAND if command.deprecated else "")
            row: list[RenderableType | None] = [label, _summary(command)]
            if deprecated:
                row.append(Text(DEPRECATED, style=STYLE_DEPRECATED) if command.deprecated else None)
            table.add_row(*row)
        console.print(_panel(table, title))


def _summary(command: click.Command) -> Text:
    """A command's line in its group's list: the first paragraph of its short help or help."""
    first = inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0]
    if first.startswith("\b"):
        first = first.replace("\b\n", "")
    return _markup(first.strip())
