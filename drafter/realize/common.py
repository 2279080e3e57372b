"""What the Chinese and English writers share: the section context, the report-wide choice of openers and
closers (by content, never the same frame twice), and the points renderer (problems, plans)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from drafter.facts.models import Fact, Note
from drafter.facts.sector import report_sector
from drafter.plan import Plan, SectionPlan, TopicPlan
from drafter.realize.figures import trend
from drafter.realize.phrases import fill, pick_fresh, table

YEAR = re.compile(r"\d{4}年?")
PLAN_SECTIONS = ("plans",)  # where targets are written (不少于, at least)


@dataclass(frozen=True)
class TopicFrames:
    """The lead and closing sentences chosen for one topic (``None``: the topic has none)."""

    lead: str | None = None
    close: str | None = None


@dataclass
class Context:
    """One section being written: the plan, the section, the sector and its merged phrase table."""

    plan: Plan
    section: SectionPlan
    sector: str
    phrases: dict[str, Any]
    used: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, plan: Plan, section: SectionPlan) -> Context:
        """Return the context of ``section`` in ``plan``."""
        sector = report_sector(plan.facts.report)
        return cls(plan=plan, section=section, sector=sector, phrases=table(plan.language, sector))

    @property
    def org(self) -> str:
        """The issuer, as the facts name it."""
        return self.plan.facts.report.organization.strip()

    @property
    def short_org(self) -> str:
        """How the report names its issuer after the opening sentence (我局, 我院, 分公司)."""
        for ending, short in self.phrases.get("short_names", []):
            if self.org.endswith(ending) and self.org != ending:
                return str(short)
        return self.org

    @property
    def whole_year(self) -> bool:
        """True when the period is a whole year (``2025``), so "the previous year" is meant."""
        return YEAR.fullmatch(self.plan.facts.report.period.strip()) is not None

    @property
    def is_plan(self) -> bool:
        """True in the plans section, where figures are targets (不少于, at least)."""
        return self.section.id in PLAN_SECTIONS

    def prev_period(self) -> str:
        """The name of the previous period (上年 / 上年同期, the previous year / …).

        Not the year's number: 2024 is no figure of the facts, so the checker could not prove it.
        """
        names = self.phrases["period"]
        return str(names["previous_year"] if self.whole_year else names["previous_other"])

    def key(self, *parts: object) -> str:
        """A stable key for frame choice within this section (and this organisation's report)."""
        return "|".join([self.org, self.section.id, *(str(p) for p in parts)])

    @cached_property
    def topic_frames(self) -> dict[tuple[str, str], TopicFrames]:
        """The leads and closers of every named topic of the report, chosen once for the whole report."""
        return choose_topic_frames(self.plan, self.phrases)


def is_first_section(plan: Plan, section: SectionPlan) -> bool:
    """True for the kind's first section, which opens the report."""
    return plan.sections[0].id == section.id


def topic_names(plan: Plan) -> list[str]:
    """Return the named topics of the report's ``topics``-style sections, in order."""
    return [t.name.strip() for s in plan.sections if s.spec.style == "topics" for t in s.topics if t.name]


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


# ---- openers and closers by content --------------------------------------------------------------------


def topic_trend(topic: TopicPlan) -> str | None:
    """Return ``up`` or ``down`` when every compared figure of the topic (two at least) moved that way."""
    moves = {trend(f.value, f.previous) for f in topic.facts if f.previous is not None}
    compared = sum(1 for f in topic.facts if f.previous is not None)
    if compared >= 2 and len(moves) == 1:
        move = moves.pop()
        return move if move in ("up", "down") else None
    return None


def topic_themes(topic: TopicPlan, phrases: dict[str, Any]) -> list[str]:
    """Return the themes a topic is about, by its name first, then by its facts' labels and notes."""
    themes: dict[str, Any] = phrases.get("themes", {})
    name = (topic.name or "").lower()
    # A sector's own themes first: 教育教学质量 in a school is about teaching before it is about service.
    preferred = list(phrases.get("preferred_themes", []))
    rank = {t: (preferred.index(t) if t in preferred else len(preferred)) for t in themes}
    named = [t for t, spec in themes.items() if any(w in name for w in spec["words"])]
    found = sorted(named, key=rank.__getitem__)
    if found:
        return found
    # By content: the themes its labels and notes touch, the most touched first.
    texts = [t.lower() for t in [*(f.label for f in topic.facts), *(n.text for n in topic.notes)]]
    counts = {t: sum(any(w in x for w in spec["words"]) for x in texts) for t, spec in themes.items()}
    return sorted((t for t, n in counts.items() if n), key=lambda t: -counts[t])


def choose_topic_frames(plan: Plan, phrases: dict[str, Any]) -> dict[tuple[str, str], TopicFrames]:
    """Choose a lead and a closer for every named topic, report-wide and deterministically.

    A topic's lead comes from its themes' frames, then the sector's general ones; its closer from the
    frames of its trend (every figure up, or every one down), naming the topic. No frame is used twice
    in the report; when a table runs out, the topic has no lead (or no closer) rather than a repeat.
    """
    used: set[str] = set()
    chosen: dict[tuple[str, str], TopicFrames] = {}
    leads: dict[str, Any] = phrases.get("topic_lead", {})
    themes: dict[str, Any] = phrases.get("themes", {})
    closes: dict[str, list[str]] = phrases.get("topic_close", {})
    for section in plan.sections:
        if section.spec.style != "topics":
            continue
        for topic in section.topics:
            if not topic.name:
                continue
            key = "|".join([plan.facts.report.organization, topic.name, *(f.label for f in topic.facts)])
            # Halves pair within one theme only: a safety approach never meets a teaching action.
            groups = [themes[t].get("lead", []) for t in topic_themes(topic, phrases)]
            groups.append(leads.get("general", []))
            lead = next((made for g in groups if (made := paired_lead(g, key, used))), None)
            direction = topic_trend(topic)
            close = pick_fresh(closes.get(direction, []), key, used) if direction else None
            chosen[(section.id, topic.name)] = TopicFrames(lead=lead, close=close)
    return chosen


def paired_lead(frames: list[str], key: str, used: set[str]) -> str | None:
    """Return a lead sentence built from ``frames``: the approach of one and the actions of another.

    A lead reads "approach，actions。" (坚持安全第一、预防为主，压实安全责任。). Pairing the first clause of
    one frame with the rest of another turns N frames of a theme into N×N sentences, so two reports on the
    same theme rarely share one. Neither half is used twice in a report; ``None`` when none is left.
    """
    halves = [f.split("，", 1) for f in frames]
    approaches = [h[0] for h in halves if len(h) == 2]
    actions = [h[1] for h in halves if len(h) == 2]
    whole = [f for f, h in zip(frames, halves, strict=True) if len(h) == 1]
    approach = pick_fresh(approaches, key + "|approach", used)
    # Not the same verb twice (加强……，加强……): the action must open differently from the approach.
    fitting = [a for a in actions if not approach or a[:2] != approach[:2]]
    action = pick_fresh(fitting, key + "|action", used) if approach else None
    if approach and action:
        return f"{approach}，{action}"
    return pick_fresh(whole, key, used)


# ---- points: problems and plans ------------------------------------------------------------------------


@dataclass(frozen=True)
class PointsWriter:
    """What a language gives the points renderer: its numbering, sentence ends and fact sentence."""

    numeral: Callable[[int], str]
    ends: str
    stop: str
    joiner: str
    fact: Callable[[Context, dict[str, Any], Fact, int], str]
    head: Callable[[Context, dict[str, Any], TopicPlan, int], str]


def points(ctx: Context, writer: PointsWriter, values: dict[str, str]) -> list[str]:
    """Return a points section (problems, plans): an opener, then one numbered point per topic.

    A named topic is one point (its head, its notes, its facts); items with no topic are one point each.
    """
    p = ctx.phrases["points"]
    role = p.get(ctx.section.id, p["generic"])
    bodies: list[str] = []
    named = 0
    for topic in ctx.section.topics:
        sentences = [note_text(n, writer.ends, writer.stop) for n in topic.notes]
        sentences += [writer.fact(ctx, role, f, i) for i, f in enumerate(topic.facts)]
        if topic.name:
            bodies.append(writer.head(ctx, role, topic, named) + writer.joiner.join(sentences))
            named += 1
        else:
            bodies += sentences
    if not bodies:
        return []
    opener = paired_lead(role.get("opener") or [], ctx.key("opener"), ctx.used)
    blocks = [fill(opener, **values)] if opener else []
    blocks += [fill(p["marker"], n=writer.numeral(i + 1)) + body for i, body in enumerate(bodies)]
    return blocks
