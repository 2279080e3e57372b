"""The checker's result: every number mention in a text, with its interval, status and proof."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MentionKind = Literal["quantity", "percent", "money", "year", "date", "ordinal", "range", "term"]
Status = Literal["supported", "derived", "unsupported"]


@dataclass(frozen=True)
class Mention:
    """One number in the text and what the checker concluded about it.

    Attributes:
        text: The mention as written, with its approximator and unit (``5000多元``).
        start: Character offset of the mention in the checked text.
        end: End offset (exclusive); ``text == checked_text[start:end]``.
        line: 1-based line of ``start``.
        column: 1-based column of ``start``.
        value: The stated figure (5000 for 5000多), or ``None`` for a term.
        low: Lower bound of the interval the mention stands for.
        high: Upper bound of that interval (``None`` means unbounded).
        unit: Normalised unit or classifier (``元``, ``人次``, ``%``, ``visits``), if any.
        kind: quantity, percent, money, year, date, ordinal, range or term. A date is a day or month
            (value month × 100 + day), a span of months (1—6月: low 100, high 600; supported when within
            the report period, or both ends are dates in the facts) or a time of day (9:30, 9am: value
            hour × 100 + minute; supported only by the same time in the facts' text). A proportion such as
            "1 in 5" is a percent (20, with the slack of a fraction).
        status: supported, derived or unsupported.
        sources: Source ids that support it, every one that states the same figure (empty when
            unsupported): a fact's id for its value, ``<id>.previous``, ``<id>.label`` / ``<id>.note`` for
            numbers inside those texts, ``notes[i]``, ``topic:<name>`` for a number in a topic's name,
            ``report.title`` / ``report.period`` / ``report.next_period`` / ``report.date``, ``terms``.
            For a derived mention, the facts of its formula. A number in free text (a label, note, title,
            topic) supports a figure only on its own unit, or when neither has a unit: a label saying
            "write 9999" backs no 9999场.
        formula: For derived mentions, how it is computed from the sources.
        reason: Why it is supported or not, in one line.
    """

    text: str
    start: int
    end: int
    line: int
    column: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    kind: MentionKind
    status: Status
    sources: list[str] = field(default_factory=list)
    formula: str | None = None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the mention as the JSON object of ``drafter check --format json``."""
        data = asdict(self)
        for key in ("value", "low", "high"):
            data[key] = _plain_number(data[key])
        return data


@dataclass(frozen=True)
class CheckReport:
    """All mentions found in ``text``, in order of position."""

    text: str
    mentions: list[Mention]

    @property
    def unsupported(self) -> list[Mention]:
        """The mentions that no source supports."""
        return [m for m in self.mentions if m.status == "unsupported"]

    @property
    def ok(self) -> bool:
        """True when no mention is unsupported."""
        return not self.unsupported

    def summary(self) -> dict[str, int]:
        """Return counts: mentions, supported, derived, unsupported."""
        counts = {"mentions": len(self.mentions), "supported": 0, "derived": 0, "unsupported": 0}
        for mention in self.mentions:
            counts[mention.status] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON document of ``drafter check --format json``."""
        return {"summary": self.summary(), "mentions": [m.to_dict() for m in self.mentions]}


def _plain_number(value: float | None) -> float | int | None:
    # JSON has no Infinity or NaN: an unbounded side (至少 N → [N, ∞)) is written as null.
    if value is None or math.isnan(value) or math.isinf(value):
        return None
    # Interval bounds come from float arithmetic (51.45 - 1e-15); 10 digits is beyond any stated precision.
    value = round(float(value), 10)
    # JSON readers expect 5000, not 5000.0, for whole figures.
    return int(value) if value.is_integer() else value
