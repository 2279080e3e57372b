"""The English realiser: facts and notes → formal annual-report paragraphs and numbered points."""

from __future__ import annotations

from typing import Any

from drafter.facts.models import Fact
from drafter.plan import TopicPlan
from drafter.realize.common import Context, is_first_section, note_text, topic_names
from drafter.realize.figures import en_amount, en_figure, growth_rate, is_rate, trend
from drafter.realize.phrases import fill, pick

ENDS = ".?!\"')"


def realize(ctx: Context) -> str:
    """Return the English body of ``ctx.section`` according to its style."""
    style = ctx.section.spec.style
    if style == "points":
        return "\n\n".join(_points(ctx))
    if style == "paragraph" and is_first_section(ctx.plan, ctx.section):
        return _opening(ctx)
    return "\n\n".join(_topic_blocks(ctx))


def capitalize(text: str) -> str:
    """Upper-case the first letter only (``e-book loans`` → ``E-book loans``)."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (``Use of`` → ``use of``; ``ICT``)."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def series(items: list[str]) -> str:
    """Join ``items`` as ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# ---- facts ---------------------------------------------------------------------------------------------


def fact_sentence(ctx: Context, fact: Fact, position: int, frames: list[str] | None = None) -> str:
    """Return one fact as a sentence body (no full stop): frame + figure (+ comparison, + note)."""
    if frames is None:
        family = "count" if fact.unit is None else "measure"
        frames = ctx.phrases["facts"][family]
    label = fact.label.strip()
    frame = pick(frames, fact.id, position)
    text = fill(
        frame,
        label=lower_first(label),
        Label=capitalize(label),
        org=ctx.org,
        fig=en_figure(fact, ctx.phrases, position),
    )
    if fact.previous is not None:
        text += _comparison(ctx, fact, position)
    if fact.note:
        text += fill(ctx.phrases["facts"]["note"], note=fact.note.strip().rstrip("."))
    return capitalize(text)


def _comparison(ctx: Context, fact: Fact, position: int) -> str:
    assert fact.previous is not None
    direction = trend(fact.value, fact.previous)
    rate = growth_rate(fact.value, fact.previous)
    # Rates of percentages and of approximate figures would claim a precision the facts lack.
    if rate is None or is_rate(fact.unit, ctx.phrases) or fact.approx != "exact":
        direction += "_norate"
    frame = pick(ctx.phrases["previous"][direction], fact.id, position)
    prev = en_amount(fact.previous, fact.unit, ctx.phrases)
    return fill(frame, prev_period=ctx.prev_period(), prev=prev, rate=rate or "")


def _this(ctx: Context) -> str:
    names = ctx.phrases["period"]
    return str(names["this_year"] if ctx.whole_year else names["this_other"])


# ---- sections ------------------------------------------------------------------------------------------


def _opening(ctx: Context) -> str:
    p = ctx.phrases["opening"]
    report = ctx.plan.facts.report
    frames = p["lead"] if ctx.whole_year else p["lead_other"]
    parts = [fill(pick(frames, ctx.org), period=report.period, org=ctx.org)]
    parts += [note_text(n, ENDS, ".") for n in ctx.section.notes()]
    parts += [fact_sentence(ctx, f, i) + "." for i, f in enumerate(ctx.section.facts())]
    topics = topic_names(ctx.plan)
    if topics:
        parts.append(
            fill(pick(p["topics"], ctx.org), this=_this(ctx), topics=series([lower_first(t) for t in topics]))
        )
    close = fill(p["close"], next_period=report.next_period) if report.next_period else p["close_no_next"]
    parts.append(close)
    return " ".join(parts)


def _topic_blocks(ctx: Context) -> list[str]:
    blocks: list[str] = []
    for index, topic in enumerate(ctx.section.topics):
        if topic.name:
            blocks.append(f"### {topic.name.strip()}")
        blocks.append(topic_paragraph(ctx, topic, index))
    return blocks


def topic_paragraph(ctx: Context, topic: TopicPlan, index: int) -> str:
    """Return a topic's paragraph: lead sentence, its facts with connectives, its notes, a closing line."""
    p = ctx.phrases
    name = (topic.name or "").strip()
    values = {
        "topic": lower_first(name),
        "Topic": capitalize(name),
        "org": ctx.org,
        "period": ctx.plan.facts.report.period,
        "this": _this(ctx),
    }
    parts = [fill(pick(p["topic_lead"], ctx.key("lead"), index), **values)] if name else []
    for i, fact in enumerate(topic.facts):
        lead = pick(p["connectives"], ctx.key(name, "conn"), i) if i else ""
        sentence = fact_sentence(ctx, fact, i)
        parts.append((lead + lower_first(sentence) if lead else sentence) + ".")
    parts += [note_text(n, ENDS, ".") for n in topic.notes]
    if name:
        parts.append(fill(pick(p["topic_close"], ctx.key("close"), index), **values))
    return " ".join(parts)


def _points(ctx: Context) -> list[str]:
    p = ctx.phrases["points"]
    role = p.get(ctx.section.id, p["generic"])
    report = ctx.plan.facts.report
    nxt = report.next_period or ctx.phrases["period"]["next_fallback"]
    bodies = [body for topic in ctx.section.topics for body in _point_bodies(ctx, role, topic)]
    if not bodies:
        return []
    blocks = (
        [fill(pick(role["opener"], ctx.org), period=report.period, next_period=nxt, org=ctx.org)]
        if role["opener"]
        else []
    )
    for i, body in enumerate(bodies):
        blocks.append(fill(p["marker"], n=str(i + 1)) + body)
    return blocks


def _point_bodies(ctx: Context, role: dict[str, Any], topic: TopicPlan) -> list[str]:
    # A named topic is one point; items with no topic are one point each.
    sentences = [note_text(n, ENDS, ".") for n in topic.notes]
    for i, fact in enumerate(topic.facts):
        tail = pick(role["fact_tail"], fact.id, i)
        sentences.append(fact_sentence(ctx, fact, i, role["fact_frames"]) + tail + ".")
    if not topic.name:
        return sentences
    head = fill(str(role["topic"]), Topic=capitalize(topic.name.strip()))
    return [head + " ".join(sentences)]
