"""Find a planned report's sections in a draft document (Markdown or plain text).

A section starts at the line holding its heading (``## 二、存在的问题和不足`` or the bare heading in a
``.txt`` draft) and runs to the next section heading. A headless first section (the Chinese opening) is
the text between the title and the first heading. Scoring always works on the whole document, so the
same code scores drafts made in this run and drafts read from files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from drafter.plan import Plan

# A Chinese sub-heading number (（一）) or an English/Arabic one (1. / 1)), at the start of a line.
_NUMBERING = re.compile(r"^(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.)、]\s*)")
_SENTENCE_END = re.compile(r"[。！？.!?;；]$")


@dataclass(frozen=True)
class SectionSpan:
    """Where one planned section is in the document.

    Attributes:
        id: The kind's section id.
        heading: The heading the plan expects (``None`` for a headless opening).
        found: Whether the section is in the document.
        start: Offset of its heading line (of its body, when headless); -1 when not found.
        body_start: Offset where its body starts.
        end: Offset where it ends (exclusive).
    """

    id: str
    heading: str | None
    found: bool
    start: int = -1
    body_start: int = -1
    end: int = -1

    def body(self, text: str) -> str:
        """Return the section's body in ``text`` (empty when not found)."""
        return text[self.body_start : self.end] if self.found else ""


@dataclass(frozen=True)
class Segments:
    """A document split into its title and planned sections (in the kind's order)."""

    text: str
    title_end: int
    sections: list[SectionSpan]

    def span(self, section_id: str) -> SectionSpan:
        """Return the span of ``section_id``; raises ``KeyError`` for a section the plan lacks."""
        for span in self.sections:
            if span.id == section_id:
                return span
        raise KeyError(section_id)

    def section_at(self, offset: int) -> str | None:
        """Return the id of the section holding ``offset`` (``None`` in the title or outside sections)."""
        for span in self.sections:
            if span.found and span.start <= offset < span.end:
                return span.id
        return None


def normalise(line: str) -> str:
    """Return a heading line without Markdown marks, surrounding blanks or a trailing colon, casefolded."""
    text = re.sub(r"^\s*#+\s*", "", line).strip().rstrip(":：").strip()
    return re.sub(r"\s+", " ", text).casefold()


def lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, line)`` for each line of ``text`` (end excludes the newline)."""
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line), line
        start += len(line) + 1


def segment(text: str, plan: Plan) -> Segments:
    """Return where the title and each planned section are in ``text``."""
    title_end = _title_end(text, plan)
    wanted = {normalise(s.heading): s.id for s in plan.sections if s.heading}
    found: dict[str, tuple[int, int]] = {}
    for start, end, line in lines(text):
        if start >= title_end and (section_id := wanted.get(normalise(line))) and section_id not in found:
            found[section_id] = (start, min(end + 1, len(text)))
    starts = sorted(start for start, _ in found.values())
    spans = [
        _span(s.id, s.heading, index, found, starts, title_end, text) for index, s in enumerate(plan.sections)
    ]
    return Segments(text=text, title_end=title_end, sections=spans)


def _title_end(text: str, plan: Plan) -> int:
    """Return the offset after the title line (0 when the document has no recognisable title)."""
    for _, end, line in lines(text):
        if not line.strip():
            continue
        is_title = line.lstrip().startswith("# ") or normalise(line) == normalise(plan.title)
        return min(end + 1, len(text)) if is_title else 0
    return 0


def _span(
    section_id: str,
    heading: str | None,
    index: int,
    found: dict[str, tuple[int, int]],
    starts: list[int],
    title_end: int,
    text: str,
) -> SectionSpan:
    if heading is None:
        # Only a headless first section can be located: the text before the first heading.
        end = starts[0] if starts else len(text)
        body = text[title_end:end]
        if index != 0 or not body.strip():
            return SectionSpan(section_id, None, False)
        begin = title_end + len(body) - len(body.lstrip())
        return SectionSpan(section_id, None, True, begin, begin, end)
    if section_id not in found:
        return SectionSpan(section_id, heading, False)
    start, body_start = found[section_id]
    end = next((s for s in starts if s > start), len(text))
    return SectionSpan(section_id, heading, True, start, body_start, end)


def subheadings(body: str) -> list[tuple[str, str]]:
    """Return ``(number, text)`` of each sub-heading line of a section body, in order.

    A sub-heading is a ``### …`` line or a short line starting with a number (``（一）…``); a short line
    without closing punctuation counts too, as plain-text drafts lose the ``###`` marks. ``number`` is the
    numbering prefix as written (``（一）``, ``1.``) or ``""``; ``text`` is normalised, without it.
    """
    found = []
    for _, _, line in lines(body):
        stripped = re.sub(r"^#+\s*", "", line.strip())
        if not stripped:
            continue
        marked = line.strip().startswith("#") or bool(_NUMBERING.match(stripped))
        short = len(stripped) <= 60 and not _SENTENCE_END.search(stripped)
        if (marked and len(stripped) <= 80) or short:
            number = match.group(0).strip() if (match := _NUMBERING.match(stripped)) else ""
            found.append((number, normalise(stripped[len(number) :] if number else stripped)))
    return found
