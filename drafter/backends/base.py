"""The Backend protocol: something that writes the body of one planned section."""

from __future__ import annotations

from typing import Protocol

from drafter.plan import Plan, SectionPlan


class Backend(Protocol):
    """Writes the body text of one section of a planned report."""

    name: str

    def draft_section(self, plan: Plan, section: SectionPlan) -> str:
        """Return the body of ``section`` (no heading), in the report's language and register."""
        ...
