"""The embedded offline backend: deterministic, rule-based realisation of the facts, no model."""

from __future__ import annotations

from drafter.plan import Plan, SectionPlan
from drafter.realize import realize_section


class OfflineBackend:
    """Drafts every section with the rule-based realiser; same input, same output, byte for byte."""

    name = "offline"

    def draft_section(self, plan: Plan, section: SectionPlan) -> str:
        """Return the realised body of ``section``."""
        return realize_section(plan, section)
