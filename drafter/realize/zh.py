"""The Chinese realiser: facts and notes → 公文-style paragraphs, enumerations and numbered points."""

from __future__ import annotations

from typing import Any

from drafter.facts.models import Fact
from drafter.plan import TopicPlan, zh_numeral
from drafter.realize.common import Context, is_first_section, note_text, pairs, topic_names
from drafter.realize.figures import growth_rate, is_rate, trend, zh_amount, zh_figure
from drafter.realize.phrases import fill, pick

ENDS = "。！？…”』」）)"


def period_text(period: str) -> str:
    """Return the period as running text: ``2025`` → ``2025年``; ``2025年上半年`` unchanged."""
    period = period.strip()
    return period if "年" in period else period + "年"


def realize(ctx: Context) -> str:
    """Return the Chinese body of ``ctx.section`` according to its style."""
    style = ctx.section.spec.style
    if style == "points":
        return "\n\n".join(_points(ctx))
    if style == "paragraph" and is_first_section(ctx.plan, ctx.section):
        return _opening(ctx)
    return "\n\n".join(_topic_blocks(ctx))


# ---- facts ---------------------------------------------------------------------------------------------


def fact_clause(ctx: Context, fact: Fact, position: int, key: str = "") -> str:
    """Return one fact as a clause: frame + figure (+ comparison with the previous period, + its note).

    Args:
        ctx: The section being realised.
        fact: The fact.
        position: The fact's position among its neighbours; neighbours get different frames.
        key: What the neighbours share (their topic), so that frames rotate among them.
    """
    family = _family(ctx, fact)
    frame = pick(ctx.phrases["facts"][family], ctx.key(key, family), position)
    text = fill(frame, label=fact.label.strip(), fig=zh_figure(fact, ctx.phrases, position))
    if fact.previous is not None:
        text += _comparison(ctx, fact, position)
    if fact.note:
        text += fill(ctx.phrases["facts"]["note"], note=fact.note.strip().rstrip("。"))
    return text


def _family(ctx: Context, fact: Fact) -> str:
    # The label decides the frame family: 举办培训109期 (verb) vs 覆盖率达到91.5% (noun).
    label = fact.label.strip()
    if any(label.startswith(v) for v in ctx.phrases["verbs"]):
        return "verb"
    if any(label.endswith(s) for s in ctx.phrases["noun_suffixes"]):
        if fact.approx != "exact":
            return "noun_approx"
        down = fact.previous is not None and fact.value < fact.previous
        return "noun_down" if down else "noun"
    return "plain"


def _comparison(ctx: Context, fact: Fact, position: int) -> str:
    assert fact.previous is not None
    direction = trend(fact.value, fact.previous)
    rate = growth_rate(fact.value, fact.previous)
    # Rates of percentages and of approximate figures would claim a precision the facts lack.
    if rate is None or is_rate(fact.unit, ctx.phrases) or fact.approx != "exact":
        direction += "_norate"
    frame = pick(ctx.phrases["previous"][direction], fact.id, position)
    return fill(
        frame, prev_period=ctx.prev_period(), prev=zh_amount(fact.previous, fact.unit), rate=rate or ""
    )


def enumeration(ctx: Context, facts: list[Fact], key: str = "") -> str:
    """Return the facts as one sentence: ``一是……；二是……。`` (a single fact: just its clause)."""
    spec = ctx.phrases["enumeration"]
    items = pairs(facts, int(spec["max_single"]))
    clauses = []
    position = 0
    for i, group in enumerate(items):
        body = spec["pair_joiner"].join(fact_clause(ctx, f, position + j, key) for j, f in enumerate(group))
        position += len(group)
        clauses.append(body if len(items) == 1 else fill(spec["marker"], n=zh_numeral(i + 1)) + body)
    return spec["separator"].join(clauses) + "。" if clauses else ""


# ---- sections ------------------------------------------------------------------------------------------


def _opening(ctx: Context) -> str:
    p = ctx.phrases["opening"]
    report = ctx.plan.facts.report
    period = period_text(report.period)
    parts = [fill(pick(p["lead"], ctx.org), period=period, org=ctx.org)]
    parts += [note_text(n, ENDS, "。") for n in ctx.section.notes()]
    facts = ctx.section.facts()
    if facts:
        lead = fill(pick(p["facts_lead"], ctx.org), period=period)
        parts.append(lead + "，".join(fact_clause(ctx, f, i, "opening") for i, f in enumerate(facts)) + "。")
    topics = topic_names(ctx.plan)
    if topics:
        frames = p["topics"] if ctx.whole_year else p["topics_other"]
        parts.append(fill(pick(frames, ctx.org), topics="、".join(topics)))
    parts.append(p["close"])
    return "".join(parts)


def _topic_blocks(ctx: Context) -> list[str]:
    blocks: list[str] = []
    number = 0
    for topic in ctx.section.topics:
        if topic.name:
            number += 1
            blocks.append(f"### （{zh_numeral(number)}）{topic.name.strip()}")
        blocks.append(topic_paragraph(ctx, topic, number))
    return blocks


def topic_paragraph(ctx: Context, topic: TopicPlan, index: int) -> str:
    """Return a topic's paragraph: thematic lead, enumeration of its facts, its notes, closing effect."""
    p = ctx.phrases
    name = (topic.name or "").strip()
    short = name.removesuffix("工作")
    parts = [fill(pick(p["topic_lead"], ctx.key("lead"), index), topic=short)] if name else []
    parts.append(enumeration(ctx, topic.facts, name))
    for i, note in enumerate(topic.notes):
        lead = pick(p["note_connectives"], ctx.key(name, "note"), i) if parts[-1:] != [""] else ""
        parts.append(lead + note_text(note, ENDS, "。"))
    if name:
        parts.append(fill(pick(p["topic_close"], ctx.key("close"), index), topic=short))
    return "".join(parts)


def _points(ctx: Context) -> list[str]:
    p = ctx.phrases["points"]
    role = p.get(ctx.section.id, p["generic"])
    report = ctx.plan.facts.report
    period = period_text(report.period)
    nxt = period_text(report.next_period) if report.next_period else ctx.phrases["period"]["next_fallback"]
    bodies = [body for topic in ctx.section.topics for body in _point_bodies(ctx, role, topic)]
    if not bodies:
        return []
    blocks = (
        [fill(pick(role["opener"], ctx.org), period=period, next_period=nxt, org=ctx.org)]
        if role["opener"]
        else []
    )
    for i, body in enumerate(bodies):
        blocks.append(fill(p["marker"], n=zh_numeral(i + 1)) + body)
    return blocks


def _point_bodies(ctx: Context, role: dict[str, Any], topic: TopicPlan) -> list[str]:
    # A named topic is one point; items with no topic are one point each.
    sentences = [note_text(n, ENDS, "。") for n in topic.notes]
    sentences += [_point_fact(ctx, role, f, i) for i, f in enumerate(topic.facts)]
    if not topic.name:
        return sentences
    name = topic.name.strip()
    if "verbs" in role:
        index = [t.name for t in ctx.section.topics].index(topic.name)
        verb = pick(role["verbs"], ctx.key("verbs"), index)
        head = fill(str(role["topic"]), verb=verb, topic=name.removesuffix("工作"))
        return [head + "".join(sentences)]
    return [fill(str(role["topic"]), topic=name) + "".join(sentences)]


def _point_fact(ctx: Context, role: dict[str, Any], fact: Fact, position: int) -> str:
    if "facts" in role:
        fig = zh_figure(fact, ctx.phrases, position)
        frame = pick(role["facts"], fact.id, position)
        return fill(frame, label=fact.label.strip(), fig=fig) + "。"
    tail = pick(role["fact_tail"], fact.id, position)
    return fact_clause(ctx, fact, position, str(fact.topic)) + tail + "。"
