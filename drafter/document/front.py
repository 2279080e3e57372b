"""What a document carries besides its sections, taken from the facts: the date line, the document
number, the recipients, an English sign-off and the English "Year at a glance" table.

Every figure the table writes is checked with the checker before it is used: a compact money figure
($8.45 million) falls back to the full one ($8,450,000), and a row the checker cannot prove is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from drafter.facts.models import Fact, Facts
from drafter.realize.figures import decimal_text, grouped, plain_number
from drafter.resources import load_yaml
from drafter.sections import Draft

LAYOUT_PACKAGE = "drafter.document.data"
_WHOLE_YEAR = re.compile(r"\d{4}年?")
_APPROX = {"exact": "", "more-than": "more than ", "about": "about ", "nearly": "nearly ",
           "at-least": "at least ", "at-most": "at most "}  # fmt: skip


@dataclass(frozen=True)
class KeyFigures:
    """The "Year at a glance" table.

    Attributes:
        heading: The table's heading (``Year at a glance``).
        columns: The header cells (measure, this period, previous period, change).
        rows: One row of four cells per fact.
    """

    heading: str
    columns: list[str]
    rows: list[list[str]]


def settings() -> dict[str, Any]:
    """Return the key-figures settings of ``word_layout.yaml``."""
    data: dict[str, Any] = load_yaml(LAYOUT_PACKAGE, "word_layout.yaml")
    return dict(data["key_figures"])


def date_line(draft: Draft) -> str | None:
    """Return the English date under the title (``3 February 2026``); Chinese dates go in the signature."""
    facts = draft.facts
    if facts is None or facts.report.date is None or draft.language == "zh":
        return None
    day = facts.report.date
    return f"{day.day} {day:%B} {day.year}"


def document_number(draft: Draft) -> str | None:
    """Return the document number (发文字号) printed under the title, if the facts give one."""
    return draft.facts.report.document_number if draft.facts else None


def recipients_line(draft: Draft) -> str | None:
    """Return the recipients line (主送机关) before the body: ``县委、县政府：`` / ``To: the Board``."""
    if draft.facts is None or not draft.facts.report.recipients:
        return None
    names = draft.facts.report.recipients.strip().rstrip(":：")
    return f"{names}：" if draft.language == "zh" else f"To: {names}"


def sign_off(draft: Draft) -> list[str]:
    """Return the closing lines: the Chinese signature block, or an English report's named signatory."""
    if draft.signature or draft.facts is None or draft.language == "zh":
        return list(draft.signature)
    return [draft.facts.report.signatory] if draft.facts.report.signatory else []


def key_figures(draft: Draft) -> KeyFigures | None:
    """Return the English "Year at a glance" table, or ``None`` (Chinese, or too few important facts)."""
    facts = draft.facts
    if facts is None or draft.language == "zh":
        return None
    conf = settings()
    candidates = _candidates(facts, draft)
    if len(candidates) < conf["min_facts"]:
        return None
    year = "year" if _WHOLE_YEAR.fullmatch(facts.report.period.strip()) else "other"
    table = KeyFigures(conf["heading"][year], list(conf["columns"][year]), [])
    for fact in candidates:
        row = _proven_row(fact, facts, table, conf)
        if row is not None:
            table.rows.append(row)
        if len(table.rows) == conf["max_rows"]:
            break
    return table if len(table.rows) >= conf["min_facts"] else None


def table_markdown(table: KeyFigures) -> str:
    """Return ``table`` as a Markdown pipe table under a ``##`` heading."""
    lines = [f"## {table.heading}", "", _pipe(table.columns), "|---|---:|---:|---:|"]
    lines += [_pipe(row) for row in table.rows]
    return "\n".join(lines)


def table_text(table: KeyFigures) -> str:
    """Return ``table`` as plain text: the heading, then columns aligned with spaces."""
    rows = [table.columns, *table.rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(table.columns))]
    lines = [table.heading, ""]
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


def section_styles(draft: Draft) -> dict[str, str]:
    """Return each section id's style in the draft's kind (``topics``, ``points``, ``paragraph``)."""
    from drafter.errors import DrafterError
    from drafter.kind import load_kind

    try:
        kind = load_kind(draft.kind)
    except DrafterError:  # a draft of a kind no longer installed: plain paragraphs
        return {}
    return {spec.id: spec.style for spec in kind.sections} | {"": kind.default_section()}


def _candidates(facts: Facts, draft: Draft) -> list[Fact]:
    """Important facts of the achievements (the sections drafted by topic), those with a previous first."""
    styles = section_styles(draft)
    default = styles.get("", "")
    important = [f for f in facts.facts if f.important and styles.get(f.section or default) == "topics"]
    return [f for f in important if f.previous is not None] + [f for f in important if f.previous is None]


def _proven_row(fact: Fact, facts: Facts, table: KeyFigures, conf: dict[str, Any]) -> list[str] | None:
    """Return ``fact``'s row, compact or else in full: the first wording the checker proves throughout."""
    from drafter.numbers import check

    label = fact.label[:1].upper() + fact.label[1:]
    for compact in (True, False):
        row = [label, *_cells(fact, conf, compact=compact)]
        text = table_markdown(KeyFigures(table.heading, table.columns, [row]))
        if not check(text, facts).unsupported:
            return row
    return None


def _cells(fact: Fact, conf: dict[str, Any], *, compact: bool) -> list[str]:
    """Return the figure, previous and change cells of ``fact``."""
    figure = _APPROX[fact.approx] + amount(_stated(fact), fact.unit, conf, compact=compact)
    if fact.previous is None:
        return [figure, conf["none"], conf["none"]]
    previous = amount(fact.previous, fact.unit, conf, compact=compact)
    return [figure, previous, _change(fact.value, fact.previous, fact.unit, conf)]


def amount(value: float, unit: str | None, conf: dict[str, Any], *, compact: bool = False) -> str:
    """Return an English amount: ``412,380``, ``15.8%``, ``$8,450,000`` or, compact, ``$8.45 million``."""
    symbol: str | None = conf["currencies"].get(unit or "")
    if symbol is not None:
        if compact:
            for scale, word in conf["scales"]:
                if abs(value) >= scale:
                    return f"{symbol}{_decimals(Decimal(str(value)) / scale, 2)} {word}"
        return symbol + _grouped(value)
    if unit == "%":
        return _grouped(value) + "%"
    return _grouped(value) + (f" {unit}" if unit else "")


def _change(value: float, previous: float, unit: str | None, conf: dict[str, Any]) -> str:
    """Return the change: ``+6.0%``, ``−3.2%``; for a percentage, ``+2.6 points``."""
    diff = Decimal(str(value)) - Decimal(str(previous))
    if unit == "%":
        return _signed(diff, 1) + f" {conf['points']}"
    if previous <= 0:
        return str(conf["none"])
    return _signed(diff / Decimal(str(previous)) * 100, 1) + "%"


def _signed(number: Decimal, places: int) -> str:
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "+" if rounded > 0 else ("−" if rounded < 0 else "")
    return sign + f"{abs(rounded):,.{places}f}"


def _decimals(number: Decimal, places: int) -> str:
    """``8.45``, ``1.2``, ``12``: at most ``places`` decimals, no trailing zeros."""
    return decimal_text(number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _grouped(value: float) -> str:
    # The digits as the facts state them (15.0 stays 15.0 in a table of exact figures), grouped.
    return grouped(plain_number(value))


def _stated(fact: Fact) -> float:
    # An approximate 48000.0 reads 48,000: a trailing .0 would claim a precision it lacks.
    value = fact.value
    return int(value) if fact.approx != "exact" and float(value).is_integer() else value
