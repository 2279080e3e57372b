"""Draft and its sections: the result of drafting, ready for the document writers.

A draft is a title and sections of Markdown-ish text. Section text is the body only (no section
heading). Paragraphs are separated by a blank line; a topic sub-heading is a line of its own starting with
``### `` (Chinese: ``### （一）…``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from drafter.facts.models import Facts

Origin = Literal["offline", "generated", "repaired", "instruction", "edited", "failed"]


class DraftSection(BaseModel):
    """One drafted section.

    Attributes:
        id: The kind's section id.
        heading: The rendered heading (``一、2025年主要工作``), or ``None`` for a headless opening.
        text: The section body.
        origin: How the text came to be.
        error: Why drafting failed, when ``origin`` is ``failed``.
        unsupported: Figures the checker could not prove, left in after the repair rounds.
    """

    id: str
    heading: str | None
    text: str
    origin: Origin = "offline"
    error: str | None = None
    unsupported: list[str] = []


class Draft(BaseModel):
    """A whole drafted report.

    Attributes:
        signature: Closing lines after the last section (a Chinese report's issuer and date), if any.
        facts: The facts the draft was written from: the document writers take the date, signatory,
            document number, recipients and the key-figures table from them.
    """

    title: str
    language: str
    kind: str
    backend: str
    sections: list[DraftSection]
    signature: list[str] = []
    facts: Facts | None = None

    def section(self, section_id: str) -> DraftSection:
        """Return the section ``section_id``; raises ``KeyError`` if absent."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def failed(self) -> list[DraftSection]:
        """Return the sections whose drafting failed."""
        return [s for s in self.sections if s.origin == "failed"]
