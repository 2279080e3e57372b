"""Cue words that announce a computed figure (共 / 合计 / total → a sum; 增加 / more than → a difference;
平均 / per → an average), read from the words shortly before and after a mention in its sentence."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from drafter.cjk import CJK
from drafter.numbers.claims import trie_pattern
from drafter.numbers.found import Found
from drafter.numbers.guard import guarded
from drafter.numbers.zh_numerals import parse_zh
from drafter.resources import load_yaml

DATA = "drafter.numbers.data"
LOOK_BEHIND = 16
LOOK_AHEAD = 8
COMPARED_BEHIND = 14
# A sentence ends at 。；！？ or an English full stop before a space (1.1 and e-mail.com go on).
SENTENCE_END = guarded(r"[。；;！？!?\n]|\.(?=\s)")  # guarded: an alternation is tried at every character
_AFTER_END = re.compile(r"[。；;！？!?\n，,、]|\.(?=\s)")
# A count of the items listed right before it: 蔬菜、茶叶两大特色产业, 胸痛、卒中、创伤三大中心.
_LISTED = re.compile(r"(?:[\u3400-\u9fff“”]{1,8}、)+[\u3400-\u9fff“”]{1,8}$")
_LEADING_NUMERAL = re.compile(r"[一二两三四五六七八九十]{1,2}")
COMPUTED_KINDS = frozenset({"quantity", "money"})
FRAMES = ("rise", "fall", "share")


@cache
def cue_patterns() -> dict[str, re.Pattern[str]]:
    """Return one compiled regex per cue kind (sum, difference, mean)."""
    patterns = {}
    for kind, words in load_yaml(DATA, "derivation_cues.yaml").items():
        zh = [w for w in words if CJK.search(w)]
        en = [w for w in words if not CJK.search(w)]
        parts = [trie_pattern(zh)] if zh else []
        if en:
            parts.append(rf"(?<![A-Za-z])(?:{trie_pattern(en)})(?![A-Za-z])")
        patterns[kind] = re.compile("|".join(parts), re.IGNORECASE)
    return patterns


def look_behind(item: Found, previous_end: int) -> int:
    """Return where the words read before ``item`` start: a few characters back, after ``previous_end``."""
    return max(previous_end, item.start - LOOK_BEHIND)


def cues_at(text: str, item: Found, since: int = 0) -> frozenset[str]:
    """Return the cue kinds announced around ``item`` (words from ``since`` on, within its sentence)."""
    if item.kind not in COMPUTED_KINDS:
        return frozenset()
    return _cues_in(_window(text, since, item.start, item.end))


@lru_cache(maxsize=4096)
def _cues_in(window: str) -> frozenset[str]:
    """The cue kinds said in ``window`` (memoised: the words around figures repeat, 同比增长 | %，)."""
    return frozenset(kind for kind, regex in cue_patterns().items() if regex.search(window))


def _window(text: str, low: int, start: int, end: int) -> str:
    before = text[low:start]
    stops = list(SENTENCE_END.finditer(before))
    if stops:
        before = before[stops[-1].end() :]
    after = text[end : end + LOOK_AHEAD]
    cut = _AFTER_END.search(after)  # "$2.46 million, up 6.5%": the words after a comma are the next figure's
    return before + " | " + (after[: cut.start()] if cut else after)


def compared_at(text: str, item: Found) -> bool:
    """Return True when a comparison word stands next to ``item`` in its sentence (比2024年, 2024年同期)."""
    # Wide enough for "more than in 2024" and "compared with 2024", within the sentence.
    window = _window(text, max(0, item.start - COMPARED_BEHIND), item.start, item.end)
    regex = cue_patterns().get("comparison")
    return regex is not None and regex.search(window) is not None


def frame_at(text: str, item: Found, since: int = 0) -> str:
    """Return ``rise``, ``fall`` or ``share`` from the nearest framing word before ``item`` (or after it),
    or ``""`` when the words say none."""
    window = _window(text, since, item.start, item.end)
    before, _, after = window.partition(" | ")
    patterns = cue_patterns()
    for part in (before, after):
        best, frame = -1, ""
        for kind in FRAMES:
            for match in patterns[kind].finditer(part):
                # Nearest wins: the latest start before the figure, the earliest after it.
                place = match.start() if part is before else len(part) - match.start()
                if place > best:
                    best, frame = place, kind
        if frame:
            return frame
    return ""


def counts_the_list(text: str, item: Found) -> bool:
    """Whether ``item`` (两大, 三个) counts the items listed just before it, separated by 、 in its clause:
    the text itself states the number (蔬菜、茶叶两大特色产业)."""
    numeral = _LEADING_NUMERAL.match(text, item.start)
    if numeral is None:
        return False
    run = numeral.group()
    value = 2.0 if run == "两" else parse_zh(run)
    listed = _LISTED.search(text, max(0, item.start - 60), item.start)
    if value is None or listed is None:
        return False
    # the list starts after the clause's last punctuation, so its first item may carry a verb (加快胸痛)
    return listed.group().count("、") + 1 == value
