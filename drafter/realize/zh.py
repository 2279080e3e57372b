"""The Chinese writer: facts and notes → 工作总结 paragraphs, enumerations and numbered points."""

from __future__ import annotations

from typing import Any

from drafter.facts.models import FIGURE_SLOT, Fact
from drafter.plan import TopicPlan, zh_numeral, zh_period
from drafter.realize.common import (
    Context,
    PointsWriter,
    is_first_section,
    note_text,
    pairs,
    points,
    topic_names,
)
from drafter.realize.figures import (
    decimal_text,
    difference,
    growth_rate,
    is_rate,
    trend,
    zh_amount,
    zh_figure,
)
from drafter.realize.labels import bare_label, glued, label_class
from drafter.realize.phrases import fill, pick, pick_fresh

ENDS = "。！？…”』」）)"
RESULT_SECTIONS = ("overview", "achievements")


def realize(ctx: Context) -> str:
    """Return the Chinese body of ``ctx.section`` according to its style."""
    style = ctx.section.spec.style
    if style == "points":
        return "\n\n".join(_points(ctx))
    if style == "paragraph" and is_first_section(ctx.plan, ctx.section):
        return _opening(ctx)
    return "\n\n".join(_topic_blocks(ctx))


# ---- facts ---------------------------------------------------------------------------------------------


def fact_clause(ctx: Context, fact: Fact, position: int, used: set[str]) -> str:
    """Return one fact as a clause, in the frame of its label's class (+ its change, + its note).

    Args:
        ctx: The section being written.
        fact: The fact.
        position: The fact's position among its neighbours (rotates 5000多/5000余).
        used: Frames already used in this paragraph; a frame is not used twice while others remain.
    """
    fig = zh_figure(fact, ctx.phrases, position, plan=ctx.is_plan)
    label = bare_label(fact, "zh")
    if fact.say:
        text = fact.say.strip().replace(FIGURE_SLOT, fig)
        return text + _change(ctx, fact, used) + _note(ctx, fact)
    frames = ctx.phrases["facts"]
    kind = label_class(fact, ctx.phrases)
    rate_move = kind == "rate" and fact.previous is not None and fact.approx == "exact"
    if rate_move:
        return _rate_move(ctx, fact, label, fig, used) + _note(ctx, fact)
    # Outside the results (problems), a figure is stated plainly: 大班额37个, not 达到37个.
    options = _options(frames, kind, fact) if ctx.section.id in RESULT_SECTIONS else frames[kind][:1]
    if glued(label):
        options = frames["glued_action" if kind == "action" else "glued"]
    frame = pick_fresh(options, ctx.key(fact.id, kind), used) or pick(options, fact.id)
    return fill(frame, label=label, fig=fig) + _change(ctx, fact, used) + _note(ctx, fact)


def _options(frames: dict[str, Any], kind: str, fact: Fact) -> list[str]:
    # 达到 suits an exact figure that did not fall; an approximation or a bound reads in the plain frame.
    options: list[str] = frames[kind]
    if fact.approx != "exact":
        return options[:1]
    if fact.previous is not None and fact.value < fact.previous:
        return list(frames.get(f"{kind}_down", options[:1]))
    return options


def _note(ctx: Context, fact: Fact) -> str:
    return fill(ctx.phrases["facts"]["note"], note=fact.note.strip().rstrip("。")) if fact.note else ""


def _rate_move(ctx: Context, fact: Fact, label: str, fig: str, used: set[str]) -> str:
    # A rate compared with the previous period: 覆盖率达到91.5%，比上年提高3.3个百分点 (no growth rate).
    assert fact.previous is not None
    direction = trend(fact.value, fact.previous)
    options = ctx.phrases["rate_change"][direction]
    frame = pick_fresh(options, ctx.key(fact.id, "rate"), used) or pick(options, fact.id)
    diff = difference(fact.value, fact.previous)
    percent = fact.unit in ("%", "％")
    # 3.3个百分点 for percentages; another rate unit states its difference in that unit.
    points = (
        fill(ctx.phrases["percent_point"], n=decimal_text(diff)) if percent else zh_amount(diff, fact.unit)
    )
    return fill(
        frame,
        label=label,
        fig=fig,
        prev=zh_amount(fact.previous, fact.unit),
        prev_period=ctx.prev_period(),
        points=points,
        sep="，" if glued(label) else "",
    )


def _change(ctx: Context, fact: Fact, used: set[str]) -> str:
    # 比上年增加4所、增长50%: the difference and the rate, both derived from the facts exactly.
    if fact.previous is None:
        return ""
    direction = trend(fact.value, fact.previous)
    rate = growth_rate(fact.value, fact.previous)
    if rate is None or is_rate(fact.unit, ctx.phrases) or fact.approx != "exact":
        direction += "_norate"
    options = ctx.phrases["previous"][direction]
    frame = pick_fresh(options, ctx.key(fact.id, "prev"), used) or pick(options, fact.id)
    return fill(
        frame,
        prev_period=ctx.prev_period(),
        prev=zh_amount(fact.previous, fact.unit, like=fact.value),
        diff=zh_amount(difference(fact.value, fact.previous), fact.unit, like=fact.value),
        rate=rate or "",
    )


def enumeration(ctx: Context, facts: list[Fact], used: set[str]) -> str:
    """Return the facts as one sentence: ``一是……；二是……。`` (one or two facts: plain clauses)."""
    spec = ctx.phrases["enumeration"]
    if len(facts) <= 2:
        body = spec["separator"].join(fact_clause(ctx, f, i, used) for i, f in enumerate(facts))
        return body + "。" if body else ""
    items = pairs(facts, int(spec["max_single"]))
    clauses = []
    position = 0
    for i, group in enumerate(items):
        body = spec["pair_joiner"].join(fact_clause(ctx, f, position + j, used) for j, f in enumerate(group))
        position += len(group)
        clauses.append(fill(spec["marker"], n=zh_numeral(i + 1)) + body)
    return str(spec["separator"]).join(clauses) + "。"


# ---- sections ------------------------------------------------------------------------------------------


def _opening(ctx: Context) -> str:
    p = ctx.phrases["opening"]
    report = ctx.plan.facts.report
    values = {"period": zh_period(report.period), "org": ctx.org, "short": ctx.short_org}
    frames = p["lead"] if ctx.whole_year else p.get("lead_other", p["lead"])
    parts = [fill(pick(frames, ctx.org), **values)]
    parts += [note_text(n, ENDS, "。") for n in ctx.section.notes()]
    facts = ctx.section.facts()
    if facts:
        used: set[str] = set()
        clauses = "，".join(fact_clause(ctx, f, i, used) for i, f in enumerate(facts))
        parts.append(fill(pick(p["facts_lead"], ctx.org), **values) + clauses + "。")
    # The closing sentence names the topics when there are any (现将……在学前教育、……等方面的工作情况总结如下).
    topics = topic_names(ctx.plan)
    if topics:
        parts.append(fill(pick(p["topics"], ctx.org), topics="、".join(topics), **values))
    else:
        parts.append(fill(pick(p["close"], ctx.org), **values))
    return "".join(parts)


def _topic_blocks(ctx: Context) -> list[str]:
    blocks: list[str] = []
    number = 0
    for topic in ctx.section.topics:
        if topic.name:
            number += 1
            blocks.append(f"### （{zh_numeral(number)}）{topic.name.strip()}")
        blocks.append(topic_paragraph(ctx, topic))
    return blocks


def topic_paragraph(ctx: Context, topic: TopicPlan) -> str:
    """Return a topic's paragraph: a lead chosen by its content, its facts, its notes, a closer by trend."""
    name = (topic.name or "").strip()
    frames = ctx.topic_frames.get((ctx.section.id, topic.name or ""))
    values = {"topic": name, "org": ctx.org, "prev_period": ctx.prev_period()}
    used: set[str] = set()
    parts = [fill(frames.lead, **values)] if frames and frames.lead else []
    parts.append(enumeration(ctx, topic.facts, used))
    for note in topic.notes:
        lead = pick_fresh(ctx.phrases["note_connectives"], ctx.key(name, "note"), used) if parts[-1] else ""
        parts.append((lead or "") + note_text(note, ENDS, "。"))
    if frames and frames.close:
        parts.append(fill(frames.close, **values))
    return "".join(parts)


def _points(ctx: Context) -> list[str]:
    report = ctx.plan.facts.report
    nxt = zh_period(report.next_period) if report.next_period else ctx.phrases["period"]["next_fallback"]
    values = {"period": zh_period(report.period), "next_period": nxt, "org": ctx.org, "short": ctx.short_org}
    writer = PointsWriter(
        numeral=zh_numeral, ends=ENDS, stop="。", joiner="", fact=_point_fact, head=_point_head
    )
    return points(ctx, writer, values)


def _point_head(ctx: Context, role: dict[str, Any], topic: TopicPlan, index: int) -> str:
    name = (topic.name or "").strip()
    if "verbs" in role:
        # 继续抓好市场开拓。: a verb phrase that reads with any topic; 工作 is not pasted after it.
        short = name.removesuffix("工作")
        fitting = [v for end, vs in role["verbs_by_ending"].items() if short.endswith(end) for v in vs]
        verb = pick_fresh(fitting, ctx.key("verbs", short), ctx.used) or pick_fresh(
            role["verbs"], ctx.key("verbs", short), ctx.used
        )
        return fill(str(role["topic"]), verb=verb or pick(role["verbs"], short), topic=short)
    return fill(str(role["topic"]), topic=name)


def _point_fact(ctx: Context, role: dict[str, Any], fact: Fact, position: int) -> str:
    used: set[str] = set()
    if "facts" in role and not fact.say:
        fig = zh_figure(fact, ctx.phrases, position, plan=ctx.is_plan)
        label = bare_label(fact, "zh")
        frame = pick(role["facts_glued"] if glued(label) else role["facts"], fact.id, position)
        return fill(frame, label=label, fig=fig) + "。"
    tail = pick_fresh(role.get("fact_tail", []), fact.id, ctx.used) or ""
    return fact_clause(ctx, fact, position, used) + tail + "。"
