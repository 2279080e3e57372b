"""The types the judging stage passes between its modules: what the words around a figure say, and what
the checker concluded. They sit below both ``match`` and ``derive`` so that neither imports the other."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Reading(NamedTuple):
    """What the words around one mention say, read by the bind stage and the cue tables (a named tuple:
    immutable, built and hashed fast, and part of the key of every verdict).

    Attributes:
        cues: Kinds of computation announced around the figure (``sum``, ``difference``, ``mean``).
        frame: ``rise``, ``fall`` or ``share`` when the words around a derived rate say what it is.
        anchors: Facts a derived change or share must be computed from: the fact its clause speaks of, or
            (when the clause names none) those cited just before it in its sentence.
        claimed: The fact the mention's clause clearly speaks of, if any: a share, sum, difference or
            mean must then be computed with it.
    """

    cues: frozenset[str] = frozenset()
    frame: str = ""
    anchors: frozenset[str] = frozenset()
    claimed: str | None = None


@dataclass(frozen=True)
class Verdict:
    """What the checker concluded about one mention.

    Attributes:
        status: supported, derived, misattributed or unsupported.
        sources: The source ids that state (or, for a derived figure, compute) the figure.
        formula: For a derived figure, how it is computed.
        reason: Why, in one line.
        op: For a derived verdict, the operation (growth, share, sum, …).
    """

    status: str
    sources: list[str] = field(default_factory=list)
    formula: str | None = None
    reason: str = ""
    op: str | None = None
