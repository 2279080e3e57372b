"""What an eval finds wrong in a draft: a violation with its metric, rule and place."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from drafter.lines import line_column


@dataclass(frozen=True)
class Violation:
    """One thing a metric holds against a draft.

    Attributes:
        metric: The metric that counts it (``style``, ``number_faithfulness``, ``structure``…).
        rule: The rule broken (``exclamation``, ``unsupported-number``, ``missing-fact``…).
        message: What is wrong, in one line.
        text: The offending text (or the missing item).
        section: The section it is in, when known.
        start: Character offset in the document (``None`` for something missing).
        end: End offset (exclusive).
        line: 1-based line of ``start``.
        column: 1-based column of ``start``.
    """

    metric: str
    rule: str
    message: str
    text: str
    section: str | None = None
    start: int | None = None
    end: int | None = None
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the violation as a JSON object."""
        return asdict(self)

    def placed(self, document: str, section: str | None) -> Violation:
        """Return a copy with line, column (from ``start`` in ``document``) and ``section`` filled in."""
        if self.start is None:
            return replace(self, section=section)
        line, column = line_column(document, self.start)
        return replace(self, section=section, line=line, column=column)
