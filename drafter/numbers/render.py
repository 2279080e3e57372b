"""Rich rendering of a check report: the text with numbers coloured, and a table of mentions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from drafter.facts.models import Fact, Facts
from drafter.numbers.check import sources_for
from drafter.numbers.report import CheckReport, Mention
from drafter.numbers.units import compatible, same_known, unit_of
from drafter.numbers.wording import figure_of

if TYPE_CHECKING:
    from rich.table import Table  # imported by check_table: `drafter check` prints no table

MAX_ROWS = 100  # a table of every figure of a long draft is unreadable, and rich lays it out in O(rows²)
STYLES = {
    "supported": "green",
    "derived": "cyan",
    "approximate": "cyan",
    "misattributed": "bold magenta",
    "unsupported": "bold red",
}


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
    """Return a table of the mentions (by default only the failed ones: unsupported or misattributed)
    with the facts a writer may have meant.

    At most ``max_rows`` rows are shown; a caption counts the rest and points to the JSON output.
    """
    from rich.table import Table

    table = Table(title="Wrong numbers" if only_unsupported else "Numbers", title_justify="left")
    for column in ("line:col", "number", "status", "reason", "facts it may be"):
        table.add_column(column, overflow="fold")
    mentions = report.failures if only_unsupported else report.mentions
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
    """Return the facts a writer may have meant, as ``id: label = figure`` lines: the fact the mention's
    clause speaks of first, then the facts whose values are nearest, of the same unit when it has one."""
    if mention.value is None or mention.kind in ("term", "year", "date"):
        return ""
    sources = sources_for(facts)
    unit = unit_of(mention.unit) if mention.unit else None
    shown: list[Fact] = []
    if mention.claimed is not None:
        shown += [f for f in facts.facts if f.id == mention.claimed]
    pool = [s for s in sources.nearest(mention.value, 12) if s.fact is not None and s.kind == "value"]
    same = [
        s
        for s in pool
        if unit is None
        or (compatible(unit, s.unit) and (s.unit is None or same_known(unit, s.unit) or unit.dim == "*"))
    ]
    for source in same or pool:
        assert source.fact is not None
        if source.fact not in shown and len(shown) < count + (mention.claimed is not None):
            shown.append(source.fact)
    language = facts.report.language
    return "\n".join(f"{f.id}: {f.label} = {figure_of(f, language)}" for f in shown)
