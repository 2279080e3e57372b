"""Provisional realiser: one plain sentence per fact (replaced by the phrase-table realiser)."""

from __future__ import annotations

from drafter.plan import Plan, SectionPlan


def realize_section(plan: Plan, section: SectionPlan) -> str:
    """Return the body of ``section``."""
    lines = [f"{f.label}{f.value}{f.unit or ''}。" for f in section.facts()]
    lines += [n.text for n in section.notes()]
    return "\n\n".join(lines)
