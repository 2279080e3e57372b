"""What ``--help`` shows: usage, description, the Arguments/Options/Model/Commands panels, defaults, required
markers, metavars, colour and width; drawn by drafter/cli/help.py, it reads as typer's own help did."""

from __future__ import annotations

import io
import re
import sys
from typing import Annotated

import pytest
import typer
from rich.cells import cell_len
from runner import Cli

from drafter.cli.app import App
from drafter.cli.help import print_help
from drafter.cli.options import MODEL_OPTIONS

COMMANDS = [
    "draft",
    "check",
    "validate",
    "init",
    "kinds",
    "revise",
    "eval",
    "prompts",
    "cache",
    "logs",
    "facts",
]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def panel(out: str, title: str) -> list[str]:
    """The inner lines of the panel titled ``title``, without its border (wrapped lines start with spaces)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"╭─ {title} "))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("╰"))
    return [line[2:-1].rstrip() for line in lines[start + 1 : end]]


def entry(rows: list[str], name: str) -> list[str]:
    """The row of option or command ``name`` and the rows its help wraps onto."""
    start = next(i for i, row in enumerate(rows) if row.split()[:1] == [name])
    end = next((i for i in range(start + 1, len(rows)) if not rows[i].startswith(" ")), len(rows))
    return rows[start:end]


def titles(out: str) -> list[str]:
    return re.findall(r"^╭─ (.+?) ─", out, re.MULTILINE)


def test_root_help_lists_every_command_with_its_summary_in_one_column(cli: Cli) -> None:
    done = cli("--help")
    assert done.code == 0
    assert "Usage: drafter [OPTIONS] COMMAND [ARGS]..." in done.out
    assert "Draft formal reports from a facts file and prove every number in them." in done.out
    assert titles(done.out) == ["Options", "Commands"]
    assert [row.split()[0] for row in panel(done.out, "Options")] == ["--version", "--debug", "--help"]
    rows = [row for row in panel(done.out, "Commands") if row and not row.startswith(" ")]
    assert [row.split()[0] for row in rows] == COMMANDS
    assert "check     Check every number in DRAFT against FACTS" in done.out
    starts = {len(row) - len(row.split(maxsplit=1)[1]) for row in rows}
    assert len(starts) == 1  # every summary starts in the same column


def test_draft_help_has_its_arguments_options_and_the_model_panel(cli: Cli) -> None:
    out = cli("draft", "--help").out
    assert out.splitlines()[1].strip() == "Usage: drafter draft [OPTIONS] {FACTS}"
    assert titles(out) == ["Arguments", "Options", "Model"]
    (facts,) = panel(out, "Arguments")
    assert facts.split()[:2] == ["*", "FACTS"] and facts.endswith("[required]")
    options = panel(out, "Options")
    assert options[0].split()[:3] == ["--output", "-o", "FILE"]
    model = [row.split()[0] for row in panel(out, "Model") if row.startswith("--")]
    assert model == [option.flag for option in MODEL_OPTIONS]
    assert not any(row.startswith("--backend") for row in options)  # each option in its one panel
    timeout = next(row for row in panel(out, "Model") if row.startswith("--timeout"))
    assert timeout.split()[:3] == ["--timeout", "SECONDS", "Seconds"]


@pytest.mark.parametrize(
    ("command", "option", "shown"),
    [
        (["check"], "--format", "[default: text]"),
        (["logs"], "--limit", "[default: 20]"),
        (["eval"], "--format", "[default: table]"),
    ],
)
def test_defaults_are_shown_beside_the_help(cli: Cli, command: list[str], option: str, shown: str) -> None:
    out = cli(*command, "--help").out
    assert " ".join(entry(panel(out, "Options"), option)).endswith(shown)


def test_flags_show_neither_a_type_nor_a_default(cli: Cli) -> None:
    rows = panel(cli("draft", "--help").out, "Options")
    force = next(row for row in rows if row.startswith("--force"))
    assert force.split() == ["--force", "Overwrite", "an", "existing", "output", "file."]


def test_help_fits_the_terminal_width(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    wrapped = {}
    for width in (80, 120):
        monkeypatch.setenv("COLUMNS", str(width))
        out = cli("draft", "--help").out
        assert {cell_len(line) for line in out.splitlines() if line} == {width}  # panels span the width
        wrapped[width] = len(entry(panel(out, "Model"), "--prompts"))
    assert wrapped[80] > wrapped[120] > 1  # a long help wraps onto fewer lines on a wider terminal


def test_colour_only_when_asked_for(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    plain = cli("check", "--help").out
    assert "\x1b[" not in plain  # not a terminal: no escape codes
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = cli("check", "--help").out
    assert "\x1b[1;36m-format\x1b[0m" in coloured  # option names bold cyan, as typer drew them
    assert "\x1b[1;2;33m<\x1b[0m\x1b[1;33mtext\x1b[0m" in coloured  # choices bold yellow, their <|> dim
    assert ANSI.sub("", coloured) == plain


def test_usage_error_and_no_arguments_stay_one_line_or_the_help(cli: Cli) -> None:
    done = cli("cache")  # a group without its command: its help, and no error line
    assert done.code == 2
    assert "clear  Delete every cached model reply." in done.out
    assert done.err == ""
    bad = cli("check", "--bogus")
    assert bad.code == 2 and bad.err == "error: No such option: --bogus; see drafter check --help\n"


def _features() -> typer.Typer:
    """An app with what drafter's own commands do not use yet: deprecated and hidden commands, an
    environment variable shown, a hidden option, a command panel of its own, an epilog."""
    app = App(
        help="A test app.\n\nIts second paragraph is dimmed.",
        epilog="See the [bold]manual[/].",
        add_completion=False,
    )

    @app.command("new")
    def new(
        name: Annotated[
            str, typer.Option("--name", metavar="NAME", envvar="APP_NAME", show_envvar=True)
        ] = "x",
        secret: Annotated[str, typer.Option("--secret", hidden=True)] = "",
    ) -> None:
        """Make a new thing."""

    @app.command("old", deprecated=True)
    def old() -> None:
        """Make an old thing."""

    @app.command("ghost", hidden=True)
    def ghost() -> None:
        """Never listed."""

    @app.command("tidy", rich_help_panel="Upkeep")
    def tidy() -> None:
        """Tidy things up."""

    return app


def _help(app: typer.Typer, *args: str) -> str:
    command = typer.main.get_command(app)
    ctx = command.make_context("app", [*args], resilient_parsing=True)
    if args:
        sub = command.get_command(ctx, args[0])  # type: ignore[attr-defined]
        assert sub is not None
        command, ctx = sub, sub.make_context(args[0], [], parent=ctx, resilient_parsing=True)
    buffer = io.StringIO()
    sys_stdout, sys.stdout = sys.stdout, buffer
    try:
        print_help(command, ctx)
    finally:
        sys.stdout = sys_stdout
    return buffer.getvalue()


def test_deprecated_hidden_envvar_panels_and_epilog() -> None:
    app = _features()
    out = _help(app)
    assert titles(out) == ["Options", "Commands", "Upkeep"]
    commands = panel(out, "Commands")
    assert [row.split()[0] for row in commands] == ["new", "old"]  # the hidden one is not listed
    assert commands[1].split() == ["old", "Make", "an", "old", "thing.", "(deprecated)"]
    assert panel(out, "Upkeep")[0].split()[0] == "tidy"
    assert "Its second paragraph is dimmed." in out
    assert out.rstrip().endswith("See the manual.")
    new = _help(app, "new")
    options = panel(new, "Options")
    assert options[0].split()[:2] == ["--name", "NAME"]
    assert "[env var: APP_NAME]" in options[0] and "[default: x]" in options[0]
    assert "--secret" not in new


def test_the_help_renderer_is_typers_help_without_its_markdown_machinery(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Given drafter's one deliberate change (no type for a flag or an argument), the screens are typer's."""
    from typer import rich_utils
    from typer.core import TyperArgument, TyperOption

    typed = TyperOption.display_type_rich

    def shown(self: TyperOption | TyperArgument, ctx: object) -> str | None:
        return None if isinstance(self, TyperArgument) or self.is_flag else typed(self, ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(TyperOption, "display_type_rich", shown)
    monkeypatch.setattr(TyperArgument, "display_type_rich", shown)
    app = _features()
    for args in ([], ["new"]):
        ours = _help(app, *args)
        command = typer.main.get_command(app)
        ctx = command.make_context("app", [*args], resilient_parsing=True)
        if args:
            command = command.get_command(ctx, args[0])  # type: ignore[attr-defined]
            ctx = command.make_context(args[0], [], parent=ctx, resilient_parsing=True)
        buffer = io.StringIO()
        sys_stdout, sys.stdout = sys.stdout, buffer
        try:
            rich_utils.rich_format_help(obj=command, ctx=ctx, markup_mode="rich")
        finally:
            sys.stdout = sys_stdout
        assert ours == buffer.getvalue()
