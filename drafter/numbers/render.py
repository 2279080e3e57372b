"""Rich rendering of a check report: the text with numbers coloured, and a table of mentions."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from drafter.facts.models import Facts
from drafter.numbers.check import sources_for
from drafter.numbers.interval import fmt_number
from drafter.numbers.report import CheckReport, Mention

MAX_ROWS = 100  # a table of every figure of a long draft is unreadable, and rich lays it out in O(rows²)
STYLES = {"supported": "green", "derived": "cyan", "approximate": "cyan", "unsupported": "bold red"}


def style_of(mention: Mention) -> str:
    """Return the rich style of ``mention``: green, cyan (derived or approximate) or red."""
    if mention.status == "supported" and mention.low is not None and mention.low != mention.high:
        return STYLES["approximate"]
    return STYLES[mention.status]


def highlight(report: CheckReport) -> Text:
    """Return the checked text with every number mention coloured by its status."""
    text = Text(report.text)
    for mention in report.mentions:
        text.stylize(style_of(mention), mention.start, mention.end)
    return text


def check_table(
    report: CheckReport, facts: Facts, only_unsupported: bool = True, max_rows: int = MAX_ROWS
) -> Table:
    """Return a table of the mentions (by default only the unsupported ones) with the nearest facts.

    At most ``max_rows`` rows are shown; a caption counts the rest and points to the JSON output.
    """
    table = Table(title="Unsupported numbers" if only_unsupported else "Numbers", title_justify="left")
    for column in ("line:col", "number", "status", "reason", "nearest facts"):
        table.add_column(column, overflow="fold")
    mentions = report.unsupported if only_unsupported else report.mentions
    if len(mentions) > max_rows:
        table.caption = f"… and {len(mentions) - max_rows} more (--format json lists them all)"
        table.caption_justify = "left"
    for mention in mentions[:max_rows]:
        table.add_row(
            f"{mention.line}:{mention.column}",
            Text(mention.text, style=style_of(mention)),
            mention.status,
            mention.reason,
            nearest_facts(mention, facts),
        )
    return table


def nearest_facts(mention: Mention, facts: Facts, count: int = 2) -> str:
    """Return the facts whose values are nearest to the mention's, as ``id: label = value unit`` lines."""
    if mention.value is None or mention.kind in ("term", "year", "date"):
        return ""
    sources = sources_for(facts)
    lines = []
    for source in sources.nearest(mention.value, count):
        label = source.fact.label if source.fact is not None else ""
        unit = f" {source.unit.name}" if source.unit else ""
        lines.append(f"{source.id}: {label} = {fmt_number(source.value)}{unit}".replace(":  =", " ="))
    return "\n".join(lines)
