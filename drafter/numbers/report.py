"""The checker's result: every number mention in a text, with its interval, status and proof."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MentionKind = Literal["quantity", "percent", "money", "year", "date", "ordinal", "range", "term"]
Status = Literal["supported", "derived", "misattributed", "unsupported"]
# The statuses that fail a check: a figure no fact states, and a figure said of the wrong fact.
FAILED: frozenset[str] = frozenset({"unsupported", "misattributed"})
_new = object.__new__


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
        status: supported, derived, misattributed or unsupported. ``misattributed``: the figure is some
            fact's, but its clause clearly speaks of another fact (``claimed``) whose figure it is not.
        sources: Source ids that support it, every one that states the same figure (empty when
            unsupported; for a misattributed figure, the facts whose figure it is): a fact's id for
            its value, ``<id>.previous``, ``<id>.label`` / ``<id>.note`` for numbers inside those texts,
            ``notes[i]``, ``topic:<name>`` for a number in a topic's name,
            ``report.title`` / ``report.period`` / ``report.next_period`` / ``report.date``, ``terms``.
            For a derived mention, the facts of its formula. A number in free text (a label, note, title,
            topic) supports a figure only on its own unit, or when neither has a unit: a label saying
            "write 9999" backs no 9999场.
        formula: For derived mentions, how it is computed from the sources.
        reason: Why it is supported or not, in one line, in plain words.
        claimed: The fact (or ``notes[i]``) the figure's clause clearly speaks of; ``None`` when the clause
            names no fact clearly and the figure was matched by value only.
        attribution: How well the clause speaks of ``claimed`` (0–1), ``None`` when nothing is claimed.
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
    claimed: str | None = None
    attribution: float | None = None

    @classmethod
    def of(
        cls,
        text: str,
        start: int,
        end: int,
        line: int,
        column: int,
        value: float | None,
        low: float | None,
        high: float | None,
        unit: str | None,
        kind: MentionKind,
        status: Status,
        sources: list[str],
        formula: str | None,
        reason: str,
        claimed: str | None,
        attribution: float | None,
        /,
    ) -> Mention:
        """Return the mention with every field given in order: equal to ``Mention(...)`` of the same fields.

        The checker makes one per figure: a frozen dataclass's own ``__init__`` sets each field through
        ``object.__setattr__``, several times slower than filling the new instance's dict at once.
        """
        mention = _new(cls)
        mention.__dict__.update(
            text=text,
            start=start,
            end=end,
            line=line,
            column=column,
            value=value,
            low=low,
            high=high,
            unit=unit,
            kind=kind,
            status=status,
            sources=sources,
            formula=formula,
            reason=reason,
            claimed=claimed,
            attribution=attribution,
        )
        return mention

    @property
    def failed(self) -> bool:
        """True when the mention fails the check (unsupported or misattributed)."""
        return self.status in FAILED

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
    def misattributed(self) -> list[Mention]:
        """The mentions said of another fact than the one whose figure they are."""
        return [m for m in self.mentions if m.status == "misattributed"]

    @property
    def failures(self) -> list[Mention]:
        """The mentions that fail the check: unsupported or misattributed, in order of position."""
        return [m for m in self.mentions if m.status in FAILED]

    @property
    def ok(self) -> bool:
        """True when no mention fails (none unsupported, none misattributed)."""
        return not self.failures

    def summary(self) -> dict[str, int]:
        """Return counts: mentions, supported, derived, misattributed, unsupported."""
        counts = {"mentions": len(self.mentions), "supported": 0, "derived": 0, "misattributed": 0}
        counts["unsupported"] = 0
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
