"""The English writer: facts and notes → an annual report (overview, achievements by theme, problems, plans).

Sentences follow what a label is (see :mod:`drafter.realize.labels`): "The library registered 6,320 new
members", "The total operating budget was $8.45 million, up 4.1% from $8.12 million in 2024", "There were
about 48,000 active members"; a label is never echoed by its unit.
"""

from __future__ import annotations

from typing import Any

from drafter.facts.models import FIGURE_SLOT, Fact
from drafter.plan import TopicPlan
from drafter.realize.common import (
    Context,
    PointsWriter,
    is_first_section,
    note_text,
    points,
    topic_names,
)
from drafter.realize.figures import en_amount, en_figure, growth_rate, is_rate, trend
from drafter.realize.labels import is_money, label_class, label_head, unit_in_label
from drafter.realize.phrases import fill, pick, pick_fresh

ENDS = ".?!\"')"
_YEAR_MARK = "\x00year"  # in ``used``: the previous year has been named once in this paragraph
_SUBJECT_MARK = "\x00subject"  # in ``used``: the last sentence began with the organisation


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
    """Lower-case the first letter unless the first word is an acronym or a name (``ICT``, ``Wi-Fi``)."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and any(c.isupper() for c in word[1:]):
        return text
    return text[:1].lower() + text[1:]


def series(items: list[str]) -> str:
    """Join ``items`` as ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def subject(ctx: Context) -> str:
    """Return how sentences name the organisation: ``the library`` for Riverside Public Library."""
    words = ctx.org.lower().split()
    for tail in (" ".join(words[-2:]), words[-1] if words else ""):
        if tail in ctx.phrases["subject_nouns"]:
            return f"the {tail}"
    return ctx.org


def _the(label: str, phrases: dict[str, Any]) -> str:
    """Return the label with "the" when its head noun needs it: *the total operating budget*, *the share
    of loans*; not for plurals or mass nouns (*weekly opening hours*, *attendance at events*, *grant funding*)
    nor a label that starts with a determiner or a name."""
    first = label.split(" ", 1)[0].lower()
    if first in ("the", "a", "an", "our", "its", "all", "each", "every") or label[:1].isupper():
        return label
    words = label_head(label.lower(), phrases["labels"]).split(" ")
    while len(words) > 1 and words[-1] in phrases["labels"]["postmodifiers"]:
        words.pop()  # hours given (by volunteers): the noun is "hours"
    head = words[-1]
    if head.endswith("s") or head in phrases["labels"]["mass_nouns"]:
        return label
    return "the " + label


def _names(ctx: Context, label: str) -> dict[str, str]:
    who, the = subject(ctx), _the(label, ctx.phrases)
    return {"subject": who, "Subject": capitalize(who), "the_label": the, "The_label": capitalize(the)}


def _article(label: str) -> str:
    return ("an " if label[:1].lower() in "aeiou" else "a ") + label


# ---- facts ---------------------------------------------------------------------------------------------


def fact_sentence(ctx: Context, fact: Fact, position: int, used: set[str]) -> str:
    """Return one fact as a sentence (no full stop), in the frame of its label's class, with its change."""
    label = lower_first(fact.label.strip())
    fig = en_figure(fact, ctx.phrases, plan=ctx.is_plan, unit=not unit_in_label(fact))
    values = {"label": label, "Label": capitalize(label), "fig": fig, "Fig": capitalize(fig)}
    values |= _names(ctx, label)
    if fact.say:
        say = fact.say.strip().replace(FIGURE_SLOT, fig)
        text = say if say[:1].isupper() else f"{capitalize(subject(ctx))} {say}"
        return text + _change(ctx, fact, used) + _note(ctx, fact)
    kind = label_class(fact, ctx.phrases)
    if kind == "rate" and fact.previous is not None and fact.approx == "exact":
        return capitalize(_rate_move(ctx, fact, values, used)) + _note(ctx, fact)
    frame = _frame(ctx, fact, kind, label, values, used)
    # Right after a sentence about the organisation, the next one says "It" (not "The library" again).
    if _SUBJECT_MARK in used:
        values["Subject"] = "It"
    used.discard(_SUBJECT_MARK)
    if frame.startswith("{Subject}"):
        used.add(_SUBJECT_MARK)
    return capitalize(fill(frame, **values)) + _change(ctx, fact, used) + _note(ctx, fact)


def _frame(ctx: Context, fact: Fact, kind: str, label: str, values: dict[str, str], used: set[str]) -> str:
    frames = ctx.phrases["facts"]
    words = label.split(" ")
    if words[-1] in ctx.phrases["labels"]["participles"] and len(words) > 1:
        # "events and classes held" → the library held 2,145 events and classes
        values |= {"verb": words[-1], "object": " ".join(words[:-1])}
        kind = "money_action" if is_money(fact, ctx.phrases) else "action"
    elif " who " in f" {label} ":
        head, _, rest = label.partition(" who ")
        values |= {"rel": f"{head} {rest}"}
        kind = "relative_exact" if fact.approx == "exact" else "relative"
    elif label.split(" ", 1)[0] in ctx.phrases["labels"]["average_words"]:
        kind = "level"  # an average is a level: it "was", it does not "total"
    elif fact.unit and not unit_in_label(fact) and kind not in ("money", "rate"):
        kind = "measure"  # 326 hours: the unit follows the figure, so the label comes first
    elif kind == "action":
        kind = "events"
    options = frames[kind]
    return pick_fresh(options, ctx.key(fact.id, kind), used) or pick(options, fact.id)


def _note(ctx: Context, fact: Fact) -> str:
    return fill(ctx.phrases["facts"]["note"], note=fact.note.strip().rstrip(".")) if fact.note else ""


def _year(ctx: Context, used: set[str]) -> str:
    # Name the previous year once per paragraph ("up 6% from 389,150 in 2024"), not in every sentence.
    if _YEAR_MARK in used:
        return ""
    used.add(_YEAR_MARK)
    return fill(ctx.phrases["period"]["in_previous"], prev_period=ctx.prev_period())


def _rate_move(ctx: Context, fact: Fact, values: dict[str, str], used: set[str]) -> str:
    assert fact.previous is not None
    options = ctx.phrases["rate_change"][trend(fact.value, fact.previous)]
    frame = pick_fresh(options, ctx.key(fact.id, "rate"), used) or pick(options, fact.id)
    prev = en_amount(fact.previous, fact.unit, ctx.phrases)
    return fill(frame, **values, prev=prev, year=_year(ctx, used), prev_period=ctx.prev_period())


def _change(ctx: Context, fact: Fact, used: set[str]) -> str:
    if fact.previous is None:
        return ""
    direction = trend(fact.value, fact.previous)
    rate = growth_rate(fact.value, fact.previous)
    # Rates of percentages and of approximate figures would claim a precision the facts lack.
    if rate is None or is_rate(fact.unit, ctx.phrases) or fact.approx != "exact":
        direction += "_norate"
    options = ctx.phrases["previous"][direction]
    frame = pick_fresh(options, ctx.key(fact.id, "prev"), used) or pick(options, fact.id)
    unit = None if unit_in_label(fact) else fact.unit
    prev = en_amount(fact.previous, unit, ctx.phrases)
    return fill(frame, prev=prev, rate=rate or "", year=_year(ctx, used), prev_period=ctx.prev_period())


def headline(ctx: Context, fact: Fact) -> str:
    """Return a fact as a noun phrase for the overview: ``412,380 visits…``, ``a budget of $8.45 million``."""
    label = lower_first(fact.label.strip())
    kind = label_class(fact, ctx.phrases)
    if kind in ("rate", "money") or (fact.unit and not unit_in_label(fact)):
        return _article(label) + " of " + en_figure(fact, ctx.phrases)
    return en_figure(fact, ctx.phrases, unit=False) + " " + label


# ---- sections ------------------------------------------------------------------------------------------


def _values(ctx: Context) -> dict[str, str]:
    report = ctx.plan.facts.report
    nxt = report.next_period or ctx.phrases["period"]["next_fallback"]
    return {"period": report.period.strip(), "next_period": nxt.strip(), "org": ctx.org}


def _opening(ctx: Context) -> str:
    p = ctx.phrases["opening"]
    values = _values(ctx)
    parts = [fill(pick(p["lead"], ctx.org), **values)]
    parts += [note_text(n, ENDS, ".") for n in ctx.section.notes()]
    used: set[str] = set()
    parts += [fact_sentence(ctx, f, i, used) + "." for i, f in enumerate(ctx.section.facts())]
    heads = [headline(ctx, t.facts[0]) for t in _achievement_topics(ctx) if t.facts]
    if heads:
        parts.append(fill(pick(p["headlines"], ctx.org), items=series(heads), **values))
    topics = topic_names(ctx.plan)
    if topics:
        names = series([lower_first(t) for t in topics])
        parts.append(fill(pick(p["topics"], ctx.org), topics=names, **values))
    parts.append(fill(pick(p["close"], ctx.org), **values))
    return " ".join(parts)


def _achievement_topics(ctx: Context) -> list[TopicPlan]:
    return [t for s in ctx.plan.sections if s.spec.style == "topics" for t in s.topics if t.name]


def _topic_blocks(ctx: Context) -> list[str]:
    blocks: list[str] = []
    for topic in ctx.section.topics:
        if topic.name:
            blocks.append(f"### {topic.name.strip()}")
        blocks.append(topic_paragraph(ctx, topic))
    return blocks


def topic_paragraph(ctx: Context, topic: TopicPlan) -> str:
    """Return a topic's paragraph: its facts in plain sentences, its notes, a closer when figures agree."""
    name = (topic.name or "").strip()
    frames = ctx.topic_frames.get((ctx.section.id, topic.name or ""))
    values = {"topic": lower_first(name), "Topic": capitalize(name), "prev_period": ctx.prev_period()}
    used: set[str] = set()
    parts = [fill(frames.lead, **values)] if frames and frames.lead else []
    for i, fact in enumerate(topic.facts):
        sentence = fact_sentence(ctx, fact, i, used)
        lead = pick_fresh(ctx.phrases["connectives"], ctx.key(name, i), used) if i % 2 == 0 and i else None
        parts.append((lead + lower_first(sentence) if lead else sentence) + ".")
    parts += [note_text(n, ENDS, ".") for n in topic.notes]
    if frames and frames.close:
        parts.append(fill(frames.close, **values))
    return " ".join(parts)


def _points(ctx: Context) -> list[str]:
    writer = PointsWriter(numeral=str, ends=ENDS, stop=".", joiner=" ", fact=_point_fact, head=_point_head)
    return points(ctx, writer, _values(ctx))


def _point_head(ctx: Context, role: dict[str, Any], topic: TopicPlan, index: int) -> str:
    return fill(str(role["topic"]), Topic=capitalize((topic.name or "").strip()))


def _point_fact(ctx: Context, role: dict[str, Any], fact: Fact, position: int) -> str:
    used: set[str] = set()
    if "fact_frames" in role and not fact.say:
        label = lower_first(fact.label.strip())
        fig = en_figure(fact, ctx.phrases, plan=ctx.is_plan, unit=not unit_in_label(fact))
        frame = pick(role["fact_frames"], fact.id, position)
        return capitalize(fill(frame, label=label, fig=fig, **_names(ctx, label))) + "."
    tail = pick_fresh(role.get("fact_tail", []), fact.id, ctx.used) or ""
    return fact_sentence(ctx, fact, position, used) + tail + "."
