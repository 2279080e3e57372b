"""What the Chinese and English realisers share: the section context and the grouping of items."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from drafter.facts.models import Fact, Note
from drafter.plan import Plan, SectionPlan
from drafter.realize.phrases import table

YEAR = re.compile(r"\d{4}年?")


@dataclass(frozen=True)
class Context:
    """One section being realised: the plan, the section and the language's phrase table."""

    plan: Plan
    section: SectionPlan
    phrases: dict[str, Any]

    @classmethod
    def of(cls, plan: Plan, section: SectionPlan) -> Context:
        """Return the context of ``section`` in ``plan``."""
        return cls(plan=plan, section=section, phrases=table(plan.language))

    @property
    def org(self) -> str:
        """The issuer, as the facts name it."""
        return self.plan.facts.report.organization

    @property
    def whole_year(self) -> bool:
        """True when the period is a whole year (``2025``), so "the previous year" is meant."""
        return YEAR.fullmatch(self.plan.facts.report.period.strip()) is not None

    def prev_period(self) -> str:
        """The name of the previous period (上年 / 上年同期, the previous year / …)."""
        names = self.phrases["period"]
        return str(names["previous_year"] if self.whole_year else names["previous_other"])

    def key(self, *parts: object) -> str:
        """A stable key for frame choice within this section."""
        return "|".join([self.section.id, *(str(p) for p in parts)])


def is_first_section(plan: Plan, section: SectionPlan) -> bool:
    """True for the kind's first section, which opens the report."""
    return plan.sections[0].id == section.id


def topic_names(plan: Plan) -> list[str]:
    """Return the named topics of the report's ``topics``-style sections, in order."""
    return [t.name for s in plan.sections if s.spec.style == "topics" for t in s.topics if t.name]


def pairs(facts: list[Fact], max_single: int) -> list[list[Fact]]:
    """Group ``facts`` into enumeration items: one fact each, or two each when there are many."""
    if len(facts) <= max_single:
        return [[f] for f in facts]
    return [facts[i : i + 2] for i in range(0, len(facts), 2)]


def note_text(note: Note, ends: str, stop: str) -> str:
    """Return a note's text as one or more whole sentences, ending with ``stop`` when it lacks an end."""
    text = note.text.strip()
    if text and text[-1] not in ends:
        text = text.rstrip(";；,，:：") + stop
    return text
