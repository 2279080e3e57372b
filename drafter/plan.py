"""Plan a report: facts + kind → ordered sections, each with its topics, facts and notes.

The plan is the single place that decides what goes where; the offline realiser, the prompts and the
document all read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from drafter.facts.models import Fact, Facts, Note
from drafter.kind import Kind, SectionSpec, load_kind

ZH_NUMERALS = "一二三四五六七八九十"


class TopicPlan(BaseModel):
    """A topic inside a section: its name (``None`` for facts with no topic), facts and notes."""

    model_config = ConfigDict(frozen=True)

    name: str | None
    facts: list[Fact]
    notes: list[Note]


class SectionPlan(BaseModel):
    """One section to draft: its spec, rendered heading (numbered for Chinese) and topics in order."""

    model_config = ConfigDict(frozen=True)

    id: str
    heading: str | None
    spec: SectionSpec
    topics: list[TopicPlan]

    def facts(self) -> list[Fact]:
        """Return every fact of the section, topic by topic."""
        return [f for t in self.topics for f in t.facts]

    def notes(self) -> list[Note]:
        """Return every note of the section, topic by topic."""
        return [n for t in self.topics for n in t.notes]


class Plan(BaseModel):
    """The whole report: facts, kind, title and sections in order."""

    model_config = ConfigDict(frozen=True)

    facts: Facts
    kind: Kind
    title: str
    sections: list[SectionPlan]
    signature: list[str] = []

    @property
    def language(self) -> str:
        """The report language (``zh`` or ``en``)."""
        return self.facts.report.language

    def section(self, section_id: str) -> SectionPlan:
        """Return the section ``section_id``; raises ``KeyError`` if the kind has none."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)


def zh_numeral(n: int) -> str:
    """Return the Chinese numeral for ``n`` as used in 一、 and （一）: 十一, 二十三, 一百零五, 一千零一十.

    Numbers from 10,000 on (no report has that many headings) are written in Arabic digits.
    """
    if n <= 10:
        return ZH_NUMERALS[n - 1]
    if n < 20:
        return "十" + ZH_NUMERALS[n - 11]
    if n >= 10_000:
        return str(n)
    digits = [int(d) for d in str(n)]
    places = ["千", "百", "十", ""][-len(digits) :]
    out, zero = "", False
    for digit, place in zip(digits, places, strict=True):
        if digit == 0:
            zero = True
            continue
        out += ("零" if zero and out else "") + ZH_NUMERALS[digit - 1] + place
        zero = False
    return out


def plan_report(facts: Facts, kind: Kind | None = None) -> Plan:
    """Return the plan of ``facts`` for its kind (or ``kind`` when given)."""
    kind = kind or load_kind(facts.report.kind)
    default = kind.default_section()
    sections: list[SectionPlan] = []
    number = 0
    for spec in kind.sections:
        heading = section_heading(spec, facts)
        if heading and facts.report.language == "zh":
            number += 1
            heading = f"{zh_numeral(number)}、{heading}"
        facts_here = [f for f in facts.facts if (f.section or default) == spec.id]
        notes_here = [n for n in facts.notes if (n.section or default) == spec.id]
        topics = _topics(facts_here, notes_here)
        sections.append(SectionPlan(id=spec.id, heading=heading, spec=spec, topics=topics))
    return Plan(
        facts=facts, kind=kind, title=facts.report.title, sections=sections, signature=signature_lines(facts)
    )


def signature_lines(facts: Facts) -> list[str]:
    """Return the closing issuer and date lines (发文机关署名, 成文日期) of a Chinese report with a date.

    GB/T 9704-2012 ends a document with the issuer and the date written out (2026年1月12日); English annual
    reports carry no such block, and without a date there is nothing to sign off.
    """
    report = facts.report
    if report.language != "zh" or report.date is None:
        return []
    day = report.date
    return [report.signatory or report.organization, f"{day.year}年{day.month}月{day.day}日"]


def section_heading(spec: SectionSpec, facts: Facts) -> str | None:
    """Render the heading of ``spec`` for the report's language and periods (without its number)."""
    lang = facts.report.language
    template = spec.heading.get(lang)
    if template is None:
        return None
    values = {"period": facts.report.period, "next_period": facts.report.next_period}
    for name in re.findall(r"\{(\w+)\}", template):
        value = values.get(name)
        if not value:
            return spec.fallback.get(lang, template.replace("{" + name + "}", "").strip())
        template = template.replace("{" + name + "}", _period_text(value, lang))
    return template


def _period_text(period: str, lang: str) -> str:
    # A bare Chinese year needs 年 ("2025" → "2025年"); "2025年上半年" already has it.
    if lang == "zh" and "年" not in period:
        return period + "年"
    return period


def _topics(facts: Iterable[Fact], notes: Iterable[Note]) -> list[TopicPlan]:
    """Group facts and notes by topic, topics in the order they first appear (facts first, then notes)."""
    order: list[str | None] = []
    by_topic: dict[str | None, tuple[list[Fact], list[Note]]] = {}
    items: list[Fact | Note] = [*facts, *notes]
    for item in items:
        if item.topic not in by_topic:
            order.append(item.topic)
            by_topic[item.topic] = ([], [])
        fact_list, note_list = by_topic[item.topic]
        if isinstance(item, Fact):
            fact_list.append(item)
        else:
            note_list.append(item)
    return [TopicPlan(name=t, facts=by_topic[t][0], notes=by_topic[t][1]) for t in order]
