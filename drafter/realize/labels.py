"""What a label is, so that its sentence fits it: an action, a stock, a rate, money, events or a measure.

- ``action``: a verb with its object (举办教师培训; *events and classes held*): 举办教师培训109期.
- ``stock``: people or things counted (在校学生, *active members*): 在校学生5.2万人.
- ``rate``: a rate or ratio (覆盖率, *share of loans*): 覆盖率达到91.5%，比上年提高3.3个百分点.
- ``money``: an amount of money (教育投入, *operating budget*): 投入资金6.82亿元.
- ``events``: a count of events (客户投诉, *visits*): 客户投诉23件.
- ``measure``: any other quantity (面积, 货运量, *opening hours*).

The vocabulary (verbs, suffixes, units) is data in the language's phrase table (``labels``).
"""

from __future__ import annotations

import re
from typing import Any

from drafter.facts.models import Fact

LABEL_CLASSES = ("action", "stock", "rate", "money", "events", "measure")
# A label ending in a digit, a Latin letter or a dot (国道G320, PM2.5, ISO9001) must not touch a figure.
_GLUE = re.compile(r"[0-9A-Za-z.％%]$")


def label_class(fact: Fact, phrases: dict[str, Any]) -> str:
    """Return the class of ``fact``'s label (one of :data:`LABEL_CLASSES`)."""
    vocab = phrases["labels"]
    lower = fact.label.strip().lower()
    head = label_head(lower, vocab)
    unit = fact.unit or ""
    if unit in phrases["rate_units"] or _ends(head, vocab["rate_words"]):
        return "rate"
    if _is_action(lower, vocab):
        return "action"
    if is_money(fact, phrases):
        return "money"
    if _ends(head, vocab.get("measure_words", [])):
        return "measure"
    if unit in vocab["event_units"] or _ends(head, vocab["event_words"]):
        return "events"
    if unit in vocab["stock_units"] or _ends(head, vocab["stock_words"]):
        return "stock"
    return "measure"


def is_money(fact: Fact, phrases: dict[str, Any]) -> bool:
    """True when ``fact`` is an amount of money (unit 元/万元/USD, or a label such as 投入资金, *budget*)."""
    vocab = phrases["labels"]
    unit = fact.unit or ""
    head = label_head(fact.label.strip().lower(), vocab)
    return unit in vocab["money_units"] or unit.endswith("元") or _ends(head, vocab["money_words"])


def label_head(label: str, vocab: dict[str, Any]) -> str:
    """Return the words before the first preposition or relative word (*visits* in *visits to the …*)."""
    words = label.split(" ")
    for i, word in enumerate(words):
        if i and word in vocab.get("head_breaks", []):
            return " ".join(words[:i])
    return label


def bare_label(fact: Fact, language: str) -> str:
    """Return the label without the unit word it already carries, so the unit is written once.

    门急诊人次 + 人次 → 门急诊 (门急诊61.23万人次); 在校学生人数 + 人 → 在校学生; *opening hours* keeps its
    words (the English writer drops the unit from the figure instead).
    """
    label = fact.label.strip()
    unit = (fact.unit or "").strip()
    if language != "zh" or not unit:
        return label
    tails = [unit + "数", unit, *(["人数"] if unit in ("人", "人次", "名") else [])]
    for tail in tails:
        if label.endswith(tail) and len(label) > len(tail):
            return label[: -len(tail)]
    return label


def glued(label: str) -> bool:
    """True when ``label`` ends in a digit, Latin letter or dot, so a figure written after it would fuse."""
    return _GLUE.search(label) is not None


def unit_in_label(fact: Fact) -> bool:
    """True when an English label already names the unit (*weekly opening hours* with unit *hours*)."""
    unit = (fact.unit or "").strip().lower()
    return bool(unit) and re.search(rf"\b{re.escape(unit)}\b", fact.label.lower()) is not None


def _is_action(label: str, vocab: dict[str, Any]) -> bool:
    if any(label.startswith(v) for v in vocab["verbs"]):
        return True
    last = label.rsplit(" ", 1)[-1]
    return last in vocab.get("participles", [])


def _ends(label: str, words: list[str]) -> bool:
    return any(label.endswith(w) for w in words)
