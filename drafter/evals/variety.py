"""``variety``: how much of a draft is boilerplate shared with other reports.

The share of a draft's sentences (figures masked) that also occur in the offline draft of another case
of the suite. A writer who reads the facts says different things of different organisations; a template
set says the same sentence in every report. Lower is better; the suite's goal is at most 0.10.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from drafter.evals import style

_FIGURE = re.compile(r"\d[\d,.]*")
# A point's number at the start of a sentence ((一) / 1.) is layout, not wording.
_MARKER = re.compile(r"^(?:（[一二三四五六七八九十百]+）|\d+\.\s+)")


def masked_sentences(text: str, language: str) -> set[str]:
    """Return the draft's prose sentences, figures masked as ``#``, points' numbers dropped.

    Headings are not sentences; sentences shorter than the style rules' ``min_repeat`` (short formulae)
    do not count.
    """
    rules = style.load_rules(language)
    found: set[str] = set()
    for start, end in style.sentences(text, rules):
        sentence = re.sub(r"\s+", " ", _FIGURE.sub("#", _MARKER.sub("", text[start:end].strip())))
        # Sized with figures masked, so a date line (#年#月#日) is no sentence of the prose.
        if style.sentence_size(sentence.replace("#", ""), rules) >= rules.min_repeat:
            found.add(sentence)
    return found


def variety(text: str, language: str, others: Mapping[str, set[str]], case_id: str) -> float:
    """Return the share of ``text``'s sentences found in another case's offline draft (0 for none).

    Args:
        text: The draft being scored.
        language: Its language.
        others: Masked sentences of each case's offline draft, by case id.
        case_id: The draft's own case, whose offline draft does not count.
    """
    mine = masked_sentences(text, language)
    if not mine:
        return 0.0
    shared = set().union(*(s for cid, s in others.items() if cid != case_id))
    return round(len(mine & shared) / len(mine), 6)
