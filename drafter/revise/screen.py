"""What revise shows (rich) and how it reads the user's keys and text.

Two inputs share one interface: :class:`TerminalInput` (prompt_toolkit, when stdin is a terminal: single
keys, line history, multi-line instructions) and :class:`LineInput` (stdin is a pipe or file: one command
per line, its argument — an instruction, a path, a number, a y/n answer — on the following line(s)).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from drafter.numbers.report import CheckReport
from drafter.revise.diff import Segment, changed_lines
from drafter.revise.session import SectionState

STATUS_STYLE = {
    "supported": "green",
    "derived": "cyan",
    "misattributed": "bold magenta",
    "unsupported": "bold red",
}
KEYS_LINE = (
    "a accept · r regenerate · i instruct · e edit · d diff · u/U undo/redo · c check · v view · "
    "n/p next/prev · g go to · w write · q quit · ? help"
)
INSTRUCTION_PROMPT = "instruction (Enter on an empty line sends, Esc or Ctrl-G cancels): "
CONTINUATION = "… (empty line sends) "
# Lines kept for the header (rule) and footer (check, version, keys, prompt) around a section's text.
CHROME_LINES = 7


class Cancelled(Exception):
    """The user cancelled a text entry (Esc or Ctrl-G)."""


class Input(Protocol):
    """Where revise reads commands and their arguments from."""

    def key(self, prompt: str) -> str:
        """Return the next command key; raises EOFError when input ends, KeyboardInterrupt on Ctrl-C."""
        ...

    def line(self, prompt: str, default: str = "") -> str:
        """Return one line of text (``default`` when left empty)."""
        ...

    def text(self, prompt: str) -> str:
        """Return a possibly multi-line text; empty when the user gives none."""
        ...

    def confirm(self, prompt: str) -> bool:
        """Return True when the user answers yes."""
        ...


class LineInput:
    """Commands read line by line from a stream, for scripts and tests.

    A command is a line holding its key (``a``, ``i``, ``w``…); blank lines between commands are skipped.
    The argument follows on the next line: a path, a number or ``y``/``n``. An instruction may span several
    lines and ends at an empty line, a line holding a single ``.``, or the end of input.
    """

    def __init__(self, stream: TextIO, console: Console) -> None:
        self.stream = stream
        self.console = console

    def _read(self) -> str:
        line = self.stream.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    def _echo(self, prompt: str, value: str) -> None:
        # Echo what was read so a transcript of a scripted session reads like the interactive one.
        self.console.print(Text(prompt, style="bold") + Text(value))

    def key(self, prompt: str) -> str:
        """Return the next non-blank line, stripped."""
        while not (line := self._read().strip()):
            pass
        self._echo(prompt, line)
        return line

    def line(self, prompt: str, default: str = "") -> str:
        """Return the next line, stripped, or ``default`` if it is blank."""
        value = self._read().strip() or default
        self._echo(prompt, value)
        return value

    def text(self, prompt: str) -> str:
        """Return the lines up to an empty line, a ``.`` line or the end of input."""
        lines: list[str] = []
        while True:
            try:
                line = self._read()
            except EOFError:
                break
            if line.strip() in ("", "."):
                break
            lines.append(line)
        value = "\n".join(lines).strip()
        self._echo(prompt, value)
        return value

    def confirm(self, prompt: str) -> bool:
        """Return True when the next line is ``y`` or ``yes``."""
        return self.line(prompt).lower() in ("y", "yes")


class TerminalInput:
    """Interactive input with prompt_toolkit: single-key commands, history, multi-line instructions."""

    def __init__(self, console: Console) -> None:
        from prompt_toolkit.history import InMemoryHistory

        self.console = console
        self._histories: dict[str, Any] = {"line": InMemoryHistory(), "text": InMemoryHistory()}

    def key(self, prompt: str) -> str:
        """Return one command key (no Enter needed; Enter and spaces alone are ignored)."""
        while not (pressed := self._one_key(prompt)):
            pass
        return pressed

    def _one_key(self, prompt: str) -> str:
        """Return one key press, stripped; Ctrl-C interrupts, Ctrl-D ends."""
        from prompt_toolkit.application import Application
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.layout import FormattedTextControl, Layout, Window

        bindings = KeyBindings()
        bindings.add("c-c")(lambda event: event.app.exit(exception=KeyboardInterrupt()))
        bindings.add("c-d")(lambda event: event.app.exit(exception=EOFError()))
        bindings.add("<any>")(lambda event: event.app.exit(result=event.data))
        app: Application[str] = Application(
            layout=Layout(Window(FormattedTextControl(prompt), height=1)),
            key_bindings=bindings,
            erase_when_done=True,
        )
        pressed = app.run()
        self.console.print(Text(prompt, style="bold") + Text(pressed.strip()))
        return pressed.strip()

    def line(self, prompt: str, default: str = "") -> str:
        """Return one line of text, with history (``default`` when left empty)."""
        from prompt_toolkit import prompt as ask

        return ask(prompt, history=self._histories["line"]).strip() or default

    def text(self, prompt: str) -> str:
        """Return a multi-line text: Enter on an empty line sends it; Esc or Ctrl-G cancels.

        Raises:
            Cancelled: Esc or Ctrl-G was pressed (so later keys are not typed into the text).
        """
        from prompt_toolkit import prompt as ask
        from prompt_toolkit.key_binding import KeyBindings

        bindings = KeyBindings()

        def _cancel(event: Any) -> None:
            event.app.exit(exception=Cancelled())

        bindings.add("escape", eager=True)(_cancel)  # eager: not taken as the start of Alt+key
        bindings.add("c-g")(_cancel)

        @bindings.add("enter")
        def _enter(event: Any) -> None:
            buffer = event.current_buffer
            if not buffer.document.current_line.strip():
                buffer.validate_and_handle()
            else:
                buffer.insert_text("\n")

        value = ask(
            prompt,
            multiline=True,
            key_bindings=bindings,
            history=self._histories["text"],
            prompt_continuation=lambda width, line, wrap: CONTINUATION.rjust(width),
        )
        return str(value).strip()

    def confirm(self, prompt: str) -> bool:
        """Return True when the user presses ``y``."""
        return self._one_key(prompt).lower() == "y"


def make_input(stream: TextIO, console: Console) -> Input:
    """Return a :class:`TerminalInput` when ``stream`` is a terminal, else a :class:`LineInput`."""
    if stream.isatty():
        return TerminalInput(console)
    return LineInput(stream, console)


def show_section(
    console: Console,
    *,
    number: int,
    total: int,
    heading: str | None,
    state: SectionState,
    report: CheckReport,
) -> None:
    """Show one section on a cleared screen: header, text (wrapped by 禁则, cut to fit), check, keys.

    On a terminal a section longer than the screen shows its first lines and says how many follow
    (``v`` pages through the whole text); elsewhere (a pipe, a script) the whole text is printed.
    """
    mark = "  [green]✓ accepted[/]" if state.accepted else ""
    title = Text(f"{number}/{total}  {heading or '(opening paragraph)'}").markup
    if console.is_terminal:
        console.clear()
    console.rule(f"[bold]{title}[/]{mark}", align="left")
    lines = section_lines(report, console.width)
    room = max(3, console.height - CHROME_LINES) if console.is_terminal else len(lines)
    for line in lines[:room]:
        console.print(line, soft_wrap=True)
    if len(lines) > room:
        console.print(f"… {len(lines) - room} more lines (v: view all)", style="yellow")
    console.print(check_line(report))
    console.print(version_line(state), style="dim")
    console.print(KEYS_LINE, style="dim", markup=False)


def section_lines(report: CheckReport, width: int) -> list[Text]:
    """Return the section's text, numbers coloured, broken into lines of ``width`` cells by 禁则."""
    from drafter.numbers.render import highlight
    from drafter.revise.wrap import break_points
    from drafter.text import visible_rich

    if not report.text.strip():
        return [Text("(empty)", style="dim")]
    text = visible_rich(highlight(report))
    pieces = text.divide(break_points(text.plain, width))
    return [line for piece in pieces for line in piece.split("\n", allow_blank=True)]


def page(console: Console, report: CheckReport) -> None:
    """Show the whole section: through $PAGER on a terminal (colours kept), else printed."""
    lines = section_lines(report, console.width)
    if not console.is_terminal:
        for line in lines:
            console.print(line, soft_wrap=True)
        return
    with console.pager(styles=True):
        for line in lines:
            console.print(line, soft_wrap=True)


def check_line(report: CheckReport) -> Text:
    """Return the one-line check summary: numbers, supported, derived, misattributed, unsupported."""
    counts = report.summary()
    line = Text(f"numbers {counts['mentions']}: ")
    parts = [Text(f"{counts[s]} {s}", style=STATUS_STYLE[s] if counts[s] else "dim") for s in STATUS_STYLE]
    return line + Text(" · ").join(parts)


def version_line(state: SectionState) -> str:
    """Return ``version 2 of 3 · instruction "…" · 2026-11-28T10:00:00Z``."""
    version = state.version
    origin = version.origin
    if version.instruction:
        origin += f' "{version.instruction.splitlines()[0]}"'
    return f"version {state.current + 1} of {len(state.versions)} · {origin} · {version.created}"


def show_diff(console: Console, segments: Sequence[Segment], old_number: int, new_number: int) -> None:
    """Show the changed lines: deletions red and struck through, insertions green and underlined.

    Without colour (a pipe, NO_COLOR) deletions are marked ``[-old-]`` and insertions ``{+new+}``.
    """
    console.print(f"diff version {old_number} → {new_number}", style="bold")
    plain = console.color_system is None
    styles = {"equal": "", "delete": "red strike", "insert": "green underline"}
    marks = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}
    previous = -2
    for number, line in changed_lines(list(segments)):
        if previous >= 0 and number != previous + 1:
            console.print("…", style="dim")
        text = Text()
        for segment in line:
            before, after = marks[segment.op] if plain else ("", "")
            text.append(before + segment.text + after, style=styles[segment.op])
        console.print(text)
        previous = number
    deleted = sum(1 for s in segments if s.op == "delete")
    inserted = sum(1 for s in segments if s.op == "insert")
    console.print(f"{deleted} deleted, {inserted} inserted", style="dim")


def show_help(console: Console, keys: Sequence[tuple[str, str]]) -> None:
    """Show the keys and what they do."""
    table = Table(title="keys", show_header=False, box=None)
    for key, meaning in keys:
        table.add_row(Text(key, style="bold"), meaning)
    console.print(table)


def show_summary(console: Console, accepted: int, total: int, unsupported: int) -> None:
    """Show the end-of-pass summary: sections accepted, wrong numbers left (unsupported, misattributed)."""
    style = "green" if unsupported == 0 and accepted == total else "yellow"
    console.rule("[bold]summary[/]", align="left")
    console.print(
        f"{accepted} of {total} sections accepted; {unsupported} unsupported numbers left"
        " (misattributed counted with them).",
        style=style,
    )
    console.print("w to write the document, q to save and quit, or keep revising.", style="dim")


def show_check(console: Console, report: CheckReport) -> None:
    """Show every number of the text: where, status, sources and formula (or the reason it is unsupported)."""
    from drafter.numbers.render import style_of

    table = Table(title="numbers", title_justify="left")
    for column in ("line:col", "number", "status", "sources", "formula / reason"):
        table.add_column(column, overflow="fold")
    for mention in report.mentions:
        table.add_row(
            f"{mention.line}:{mention.column}",
            Text(mention.text, style=style_of(mention)),
            mention.status,
            ", ".join(mention.sources),
            mention.formula or mention.reason,
        )
    console.print(table if report.mentions else Text("no numbers in this section", style="dim"))
