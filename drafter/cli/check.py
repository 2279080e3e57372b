"""`drafter check DRAFT FACTS`: prove every number in a draft against the facts.

Text output lists only the problems, each as ``file:line:column``, one line of context with the figure
highlighted, the reason and the figures of a compatible unit the writer may have meant; the summary comes
last. ``--show-draft`` prints the whole draft, coloured, first. Exit 1 when a figure is unsupported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from drafter.cli import state
from drafter.cli.arguments import argument_or_option

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from drafter.facts import Facts
    from drafter.numbers import CheckReport
    from drafter.numbers.report import Mention

# The checker's reason may end with its own nearest figures, whatever their unit; the hints replace them.
_NEAREST = re.compile(r"\s*\(nearest: [^()]*\)\s*$")
_NO_VALUE = re.compile(r"no source value in [\[(]")
_SENTENCE_END = ("。", "；", "！", "？", ".", ";", "!", "?", "，", ",")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
CONTEXT_WIDTH = 72


def check(
    draft: Annotated[Path, typer.Argument(metavar="DRAFT", help="The draft to check (.md, .txt or .docx).")],
    facts: Annotated[
        Path | None,
        typer.Argument(
            metavar="FACTS", help="The facts file the draft must be faithful to.", show_default=False
        ),
    ] = None,
    facts_option: Annotated[
        Path | None, typer.Option("--facts", metavar="FACTS", help="The facts file (same as the argument).")
    ] = None,
    fmt: Annotated[
        Literal["text", "json"], typer.Option("--format", help="text (problems and hints) or json.")
    ] = "text",
    show_draft: Annotated[
        bool, typer.Option("--show-draft", help="Also print the draft with every figure coloured.")
    ] = False,
) -> None:
    """Check every number in DRAFT against FACTS (exit 1 when any is unsupported or misattributed)."""
    from drafter.document.reading import read_draft
    from drafter.facts import load_facts
    from drafter.numbers import check as check_text

    facts_path = argument_or_option(
        facts, facts_option, flag="--facts", what="facts file", usage="drafter check DRAFT FACTS"
    )
    loaded = load_facts(facts_path)
    report = check_text(read_draft(draft), loaded)
    if fmt == "json":
        import json

        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for warning in header_warnings(report.text, loaded):
            from drafter.text import printable

            state.stderr().print(
                f"warning: {printable(warning)}", markup=False, style="yellow", soft_wrap=True
            )
        print_problems(state.stdout(), report, loaded, draft, show_draft=show_draft)
    if not report.ok:
        raise typer.Exit(1)


def print_problems(
    console: Console, report: CheckReport, facts: Facts, draft: Path, *, show_draft: bool
) -> None:
    """Print each failed figure (unsupported or misattributed): context, reason, hints; the summary last."""
    from drafter.numbers.hints import hints
    from drafter.numbers.render import highlight
    from drafter.text import printable, visible_rich

    if show_draft:
        console.print(visible_rich(highlight(report)), soft_wrap=True)
        console.print()
    from drafter.numbers.render import MAX_ROWS

    lines = report.text.splitlines()
    failures = report.failures
    for mention in failures[:MAX_ROWS]:
        console.print(
            f"{draft}:{mention.line}:{mention.column}: {printable(mention.text)} {mention.status}",
            style="bold",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        context = context_line(lines[mention.line - 1] if mention.line <= len(lines) else "", mention)
        console.print(visible_rich(context), soft_wrap=True)
        why = printable(plain_reason(mention))
        console.print(f"  why: {why}", markup=False, highlight=False, soft_wrap=True)
        for i, hint in enumerate(hints(mention, facts)):
            lead = "  did you mean " if i == 0 else "            or "
            console.print(f"{lead}{printable(str(hint))}", markup=False, highlight=False, soft_wrap=True)
    if len(failures) > MAX_ROWS:
        more = f"… and {len(failures) - MAX_ROWS} more (--format json lists them all)"
        console.print(more, markup=False, highlight=False, soft_wrap=True)
    console.print(summary_line(report), markup=False, highlight=False, soft_wrap=True)


def plain_reason(mention: Mention) -> str:
    """The checker's reason, without its own nearest figures and its interval arithmetic."""
    reason = _NEAREST.sub("", mention.reason)
    if not reason or _NO_VALUE.match(reason):
        return f"no fact, and no sum, difference, share or growth of facts, gives {mention.text}"
    return reason


def context_line(line: str, mention: Mention, width: int = CONTEXT_WIDTH) -> Text:
    """Return the line around ``mention``, cut to ``width`` terminal cells, with the figure highlighted."""
    from rich.cells import cell_len
    from rich.text import Text

    start = mention.column - 1
    end = min(len(line), start + len(mention.text))
    left, right = start, end
    # Grow the window a character at a time on each side until it is as wide as allowed.
    while cell_len(line[left:right]) < width and (left > 0 or right < len(line)):
        if left > 0:
            left -= 1
        if right < len(line) and cell_len(line[left : right + 1]) <= width:
            right += 1
    text = Text("  ")
    text.append("…" if left > 0 else "")
    text.append(line[left:start].lstrip() if left == 0 else line[left:start])
    text.append(line[start:end], style="bold red reverse")
    text.append(line[end:right])
    text.append("…" if right < len(line) else "")
    return text


def summary_line(report: CheckReport) -> str:
    """Return ``12 figures: 9 supported, 2 derived, 1 unsupported, 0 misattributed``."""
    counts = report.summary()
    return (
        f"{counts['mentions']} figures: {counts['supported']} supported, {counts['derived']} derived, "
        f"{counts['unsupported']} unsupported, {counts['misattributed']} misattributed"
    )


def header_warnings(text: str, facts: Facts) -> list[str]:
    """Warn when the draft's title, or the years it names, do not match the facts file's report."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    # A title is a Markdown heading, or a short first line that is not a sentence (.txt, .docx drafts).
    is_title = first.startswith("#") or (len(first) <= 60 and not first.endswith(_SENTENCE_END))
    title = first.lstrip("#").strip() if is_title else ""
    report = facts.report
    warnings = []
    if title and _plain(title) != _plain(report.title):
        warnings.append(f"the draft's title '{title}' is not the facts' title '{report.title}'")
    years = set(_YEAR.findall(title))
    period_years = set(_YEAR.findall(report.period)) | set(_YEAR.findall(report.title))
    if years and period_years and not years & period_years:
        warnings.append(
            f"the draft's title names {', '.join(sorted(years))} but the facts' period is {report.period}; "
            "is this the right facts file?"
        )
    return warnings


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def register(app: typer.Typer) -> None:
    """Add ``check`` to ``app``."""
    app.command("check")(check)
