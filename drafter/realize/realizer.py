"""The offline realiser: the body of each planned section, and the title, from phrase tables."""

from __future__ import annotations

from drafter.plan import Plan, SectionPlan, zh_period
from drafter.realize import en, zh
from drafter.realize.common import Context


def realize_section(plan: Plan, section: SectionPlan) -> str:
    """Return the body of ``section`` (no section heading), deterministically.

    Paragraphs are separated by a blank line; each topic's sub-heading is a line of its own
    (``### （一）师资建设`` / ``### Programmes``). Same plan, same text, byte for byte.
    """
    ctx = Context.of(plan, section)
    return zh.realize(ctx) if plan.language == "zh" else en.realize(ctx)


def realize_title(plan: Plan) -> str:
    """Return the report's title: the facts' title, or the kind's title template when that is blank."""
    title = plan.facts.report.title.strip()
    if title:
        return title
    report = plan.facts.report
    template = plan.kind.title.get(plan.language, "{organization} {period}")
    period = zh_period(report.period) if plan.language == "zh" else report.period.strip()
    return template.replace("{organization}", report.organization).replace("{period}", period)
