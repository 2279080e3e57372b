"""Last year's report → a facts skeleton: the checker's extractor run the other way.

Every quantity, percent and money figure becomes a fact whose ``previous`` is the figure as written
(5000多人 → 5000, 人, more-than), labelled by the clause it stands in (一是举办培训班109期 → 举办培训班),
placed by the section and sub-heading it sits under, with ``value`` left empty for this year. Years, dates,
ordinals and figures of an earlier period (上年为8所) or changes (同比增长12%) are no facts; names with
numerals become ``terms``; sentences without figures become last year's ``notes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from drafter.cjk import CJK
from drafter.errors import InputError
from drafter.ingest.source import EN_NUMBERED, SECTION_HEADING, TOPIC_HEADING, Block, read_report, text_blocks
from drafter.numbers.cues import frame_at
from drafter.numbers.extract import extract
from drafter.numbers.found import Found
from drafter.numbers.units import is_measure, unit_of
from drafter.resources import load_yaml

FIGURE_KINDS = frozenset({"quantity", "percent", "money"})
_SENTENCES = re.compile(r"[^。！？；;!?]+[。！？；;!?]?")
_EN_SENTENCES = re.compile(r".+?(?:[.!?;](?=\s|$)|$)")
_CLAUSE_BREAK = re.compile(r"[，,；;：:（）()]|\s[-–—]\s")
_ARABIC = re.compile(r"\d[\d,，]*(?:\.\d+)?")
_PAREN_AFTER = re.compile(r"^\s*[（(]([^（）()]{1,80})[）)]")
_ZH_DIGITS = dict(zip("〇○零Ｏ0一二三四五六七八九", "00000123456789", strict=True))
_ZH_YEAR = re.compile(r"([二一][〇○零Ｏ0一二三四五六七八九]{3})年")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_MONEY_CODES = {"usd": "USD", "gbp": "GBP", "eur": "EUR", "cny": "CNY"}
_UNDER = {"under": "at-most"}  # the facts model has no strict "under": 不足100人 is at most 100


@dataclass
class SkeletonFact:
    """One fact of the skeleton: last year's figure and where it was found.

    Attributes:
        label: What is counted, from the figure's clause.
        previous: Last year's figure as written (5.2 for 5.2万人, with unit 万人).
        unit: The unit as written, or ``None``.
        approx: The approximation word's reading (``more-than`` for 5000多).
        section: The work-summary section id.
        topic: The sub-heading, if any.
        note: A parenthesis right after the figure (含学前和高中阶段).
        sentence: The source sentence, quoted in the skeleton's comment.
        where: ``line 12``, ``paragraph 12`` or ``table 1, row 3``.
        line: The line or paragraph number.
        id: A readable id (:func:`assign_ids`).
        report_label: The label as the report had it, when a model reworded it (``--model``).
    """

    label: str
    previous: int | float
    unit: str | None
    approx: str
    section: str
    topic: str | None
    note: str | None
    sentence: str
    where: str
    line: int
    id: str = ""
    report_label: str | None = None


@dataclass
class SkeletonNote:
    """A stretch of last year's text without figures, kept as a note to rewrite."""

    text: str
    section: str
    topic: str | None
    where: str


@dataclass
class Skeleton:
    """What ``facts extract`` found: the report block for this year, terms, facts and notes."""

    source: str
    report: dict[str, str]
    terms: list[str] = field(default_factory=list)
    facts: list[SkeletonFact] = field(default_factory=list)
    notes: list[SkeletonNote] = field(default_factory=list)


@cache
def _table() -> dict[str, list[str]]:
    data: dict[str, list[str]] = load_yaml("drafter.ingest", "extract.yaml")
    return data


@cache
def _words(key: str) -> tuple[str, ...]:
    """Return the phrase list ``key`` of extract.yaml, longest first (so 全年累计 is tried before 累计)."""
    return tuple(sorted((str(w) for w in _table()[key]), key=len, reverse=True))


@cache
def _sections() -> tuple[tuple[str, tuple[str, ...]], ...]:
    raw: dict[str, list[str]] = load_yaml("drafter.ingest", "extract.yaml")["sections"]
    return tuple((section, tuple(w.lower() for w in words)) for section, words in raw.items())


def extract_file(path: str | Path) -> Skeleton:
    """Return the facts skeleton of the report at ``path`` (.docx, .md or .txt).

    Raises:
        InputError: The report cannot be read or has no text.
    """
    blocks = read_report(path)
    if not blocks:
        raise InputError("the report has no text", file=path, hint="give last year's report with its text")
    return extract_blocks(blocks, Path(path).name)


def extract_text(text: str, source: str = "<text>", *, markdown: bool = True) -> Skeleton:
    """Return the facts skeleton of a report given as text."""
    return extract_blocks(text_blocks(text, markdown=markdown), source)


def section_of(heading: str) -> str | None:
    """Return the section a heading opens (主要工作 → achievements), or ``None`` for a theme heading."""
    lowered = heading.lower()
    for section, words in _sections():
        if any(word in lowered for word in words):
            return section
    return None


def extract_blocks(blocks: list[Block], source: str) -> Skeleton:
    """Return the facts skeleton of a report read into ``blocks``."""
    text = "".join(b.text for b in blocks)
    language = "zh" if len(CJK.findall(text)) * 4 > len(re.findall(r"[A-Za-z]", text)) else "en"
    body = _without_signature(blocks)
    title = next((b.text for b in blocks if b.role == "title"), blocks[0].text if blocks else source)
    skeleton = Skeleton(source, _report(title, blocks[len(body) :], language))
    section, topic = "overview", None
    for block in body:
        if block.role == "title":
            continue
        if block.role == "section":
            named = section_of(block.text)
            section, topic = (named, None) if named else ("achievements", _heading_topic(block.text))
            continue
        if block.role == "topic":
            topic = _heading_topic(block.text)
            continue
        lead = _lead_topic(block.text, language)
        if lead is not None:
            topic = lead
        _read_block(block, section, topic, language, skeleton)
    return skeleton


def _without_signature(blocks: list[Block]) -> list[Block]:
    """Drop the issuer and date that close a report (青溪县教育局 / 2026年1月12日)."""
    end = len(blocks)
    while end > 1 and blocks[end - 1].role == "text" and len(blocks[end - 1].text) <= 30:
        tail = blocks[end - 1].text
        if re.search(r"[。，,；;.!?！？]", tail):
            break
        end -= 1
        if len(blocks) - end >= 2:
            break
    return blocks[:end]


def _report(title: str, signature: list[Block], language: str) -> dict[str, str]:
    """Return this year's report block: last year's title, period and issuer advanced by one year."""
    plain = _ZH_YEAR.sub(lambda m: "".join(_ZH_DIGITS[c] for c in m[1]) + "年", title)
    found = _YEAR.search(plain)
    report: dict[str, str] = {}
    if found is None:
        report["title"] = plain
        organization = plain
    else:
        year = int(found[1])
        report["title"] = _YEAR.sub(lambda m: str(int(m[1]) + 1), plain)
        organization = plain[: found.start()].strip() or plain
        if language == "en":
            organization = re.split(r"\s+(?:annual|yearly|report|review)\b", plain, flags=re.IGNORECASE)[0]
        half = re.search(r"[上下]半年", plain[found.end() :])
        period = f"{year + 1}年{half[0]}" if half else str(year + 1)
        report["period"] = period
        report["next_period"] = (
            f"{year + 1}年下半年"
            if half and half[0] == "上半年"
            else f"{year + 2}" + ("年上半年" if half else "")
        )
    issuer = next((b.text for b in signature if not re.search(r"\d|[〇○零]", b.text)), None)
    report["organization"] = issuer or organization.strip() or title
    report["language"] = language
    return report


def _heading_topic(heading: str) -> str:
    text = TOPIC_HEADING.sub("", SECTION_HEADING.sub("", EN_NUMBERED.sub("", heading)))
    return text.strip().rstrip("。.：:；;，,").strip() or heading


def _lead_topic(text: str, language: str) -> str | None:
    """Return the theme a numbered paragraph opens with (（一）在办学条件方面，… → 办学条件), or ``None``."""
    if language == "en":
        numbered = EN_NUMBERED.match(text)
        lead = re.match(r"([^.:]{1,60})[.:]\s", text[numbered.end() :]) if numbered else None
        return lead[1].strip() if lead else None
    numbered = TOPIC_HEADING.match(text)
    if numbered is None:
        return None
    rest = text[numbered.end() :]
    aspect = re.match(r"(?:在|从)?([^，,。]{2,20}?)(?:方面|领域)[，,:：。]", rest)
    if aspect:
        return aspect[1]
    lead = re.match(r"([^。：:；;]{2,24})[。：:；;]", rest)
    if lead is None:
        return None
    topic = lead[1].strip("，, ")
    topic = _strip_start(topic, _words("topic_verbs_zh"), once=True)
    topic = _strip_end(topic, _words("topic_tails_zh"))
    return topic if len(topic) >= 2 else lead[1]


def _strip_start(text: str, words: tuple[str, ...], *, once: bool = False, fold: bool = False) -> str:
    changed = True
    while changed and text:
        changed = False
        for word in words:
            if word and (text.lower() if fold else text).startswith(word) and len(text) > len(word):
                rest = text[len(word) :]
                if fold and rest[:1].isalnum():  # English words end at a word boundary
                    continue
                text, changed = rest.lstrip(" ,，、"), True
                break
        if once:
            break
    return text


def _strip_end(text: str, words: tuple[str, ...], *, fold: bool = False) -> str:
    changed = True
    while changed and text:
        changed = False
        for word in words:
            if word and (text.lower() if fold else text).endswith(word) and len(text) > len(word):
                rest = text[: len(text) - len(word)]
                if fold and rest[-1:].isalnum():
                    continue
                text, changed = rest.rstrip(" ,，、"), True
                break
    return text


def _read_block(block: Block, section: str, topic: str | None, language: str, skeleton: Skeleton) -> None:
    """Add the facts, terms and notes of one paragraph or table row to ``skeleton``."""
    plain: list[str] = []
    splitter = _SENTENCES if language == "zh" else _EN_SENTENCES
    for match in splitter.finditer(block.text):
        sentence = match[0].strip()
        if not sentence:
            continue
        mentions = extract(sentence, tuple(skeleton.terms))
        for mention in mentions:
            if mention.kind == "term" and mention.figure and mention.figure not in skeleton.terms:
                skeleton.terms.append(mention.figure)
        facts = _facts(sentence, mentions, language, block.label)
        if not facts and block.role != "row":
            plain.append(sentence)
        for label, value, unit, item, note in facts:
            skeleton.facts.append(
                SkeletonFact(
                    label=label,
                    previous=value,
                    unit=unit,
                    approx=_UNDER.get(item.approx, item.approx),
                    section=section,
                    topic=topic,
                    note=note,
                    sentence=block.source if block.role == "row" else sentence,
                    where=block.where,
                    line=block.line,
                )
            )
    text = ("" if language == "zh" else " ").join(plain).strip()
    text = TOPIC_HEADING.sub("", EN_NUMBERED.sub("", text)).strip()
    if text and len(text) >= 6 and block.role != "row":
        skeleton.notes.append(SkeletonNote(text, section, topic, block.where))


Figure = tuple[str, int | float, str | None, Found, str | None]


def _facts(sentence: str, mentions: list[Found], language: str, given: str = "") -> list[Figure]:
    """Return (label, value, unit, mention, note) for each figure of ``sentence`` that is a fact.

    ``given`` is the label a table row gives its figure (the words around it are not read then).
    """
    figures = [m for m in mentions if m.kind in FIGURE_KINDS and m.value is not None]
    facts: list[Figure] = []
    earlier_end = 0
    for index, item in enumerate(figures):
        since = earlier_end
        earlier_end = item.end
        if _of_earlier_period(sentence, item, since, language):
            continue
        if index > 0 and _is_change(sentence, item, since):
            continue
        following = figures[index + 1] if index + 1 < len(figures) else None
        if language == "zh" and following is not None and _modifies(sentence, item, following):
            earlier_end = since  # the figure is part of the next one's label (56人以上大班额37个)
            continue
        if language == "zh" and sentence[item.end : item.end + 1] == "代":  # 九十年代 is a decade
            continue
        note_match = _PAREN_AFTER.match(sentence[item.end :])
        label, from_after = (given, False) if given else _label(sentence, item, since, language)
        if not label:
            continue
        value, unit = _written(sentence, item, language, unit_in_label=from_after)
        if language == "en" and unit is None and not from_after:
            unit = _head_measure(label)
        facts.append((label, value, unit, item, note_match[1].strip() if note_match else None))
    return facts


_PREPOSITION = re.compile(r"\s(?:across|at|by|for|from|in|of|on|per|to|who|with)\s")


def _head_measure(label: str) -> str | None:
    """Return the unit a label's head noun names (*weekly opening hours across all branches* → hours).

    A writer does not echo it after the figure (… came to 326), so the label carries it; a measure word
    after the head (*hours given by volunteers*: the head is "hours given") is not taken.
    """
    head = _PREPOSITION.split(f" {label} ", maxsplit=1)[0].split()
    return head[-1] if head and is_measure(unit_of(head[-1])) else None


def _clause_start(sentence: str, start: int, since: int) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, since, start)]
    return max([since, *breaks])


def _of_earlier_period(sentence: str, item: Found, since: int, language: str) -> bool:
    """Return True for a figure of the year before (上年为8所, up from 389,150 in the previous year)."""
    before = sentence[_clause_start(sentence, item.start, since) : item.start]
    if language == "zh":
        return any(word in before for word in _words("earlier_zh"))
    after = sentence[item.end : item.end + 40]
    after = after[: m.start()] if (m := _CLAUSE_BREAK.search(after)) else after
    lowered = (before + " | " + after).lower()
    return any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in _words("earlier_en"))


def _is_change(sentence: str, item: Found, since: int) -> bool:
    """Return True for the change of a figure just stated (109期，较上年增长25.3%)."""
    if item.unit is None or item.unit.dim not in ("percent", "points", "multiple"):
        return False
    return frame_at(sentence, item, since) in ("rise", "fall")


def _modifies(sentence: str, item: Found, following: Found) -> bool:
    """Return True when ``item`` qualifies the next figure's noun (56人以上大班额37个, 3年的项目12个)."""
    gap = sentence[item.end : following.start]
    if _CLAUSE_BREAK.search(gap) or not gap:
        return False
    return gap.startswith("的") or item.approx in ("at-least", "at-most")


def _label(sentence: str, item: Found, since: int, language: str) -> tuple[str, bool]:
    """Return the label of ``item`` from its clause, and whether it was taken from the words after it."""
    before = sentence[_clause_start(sentence, item.start, since) : item.start].strip()
    after = sentence[item.end :]
    after = _PAREN_AFTER.sub("", after)
    cut = _CLAUSE_BREAK.search(after)
    after = (after[: cut.start()] if cut else after).strip().rstrip("。.!?！？")
    if language == "zh":
        label = _strip_end(_strip_start(before.lstrip("、"), _words("lead_zh")), _words("tail_zh"))
        if (
            before.endswith("有") and len(CJK.findall(after)) >= 2
        ):  # 全县仍有12个站点未达标: what there is follows
            return _strip_start(before.lstrip("、"), _words("lead_zh")) + after, True
        if len(CJK.findall(label)) >= 2:
            return label, False
        after = after.lstrip("的")
        return (label + after if after else label).strip(), True
    label = _strip_end(_strip_start(before, _words("lead_en"), fold=True), _words("tail_en"), fold=True)
    empty = label.lower() in _words("empty_en") or label.lower() in _words("lead_en")
    # "supported 1,240 households": the noun after the figure says what is counted, unless it is the
    # figure's unit (326 hours, 40 years old) or no noun at all (up from…, which calls for…).
    first = after.split(" ", 1)[0].lower()
    measured = is_measure(item.unit)
    noun_after = bool(after) and first not in _words("after_stop_en") and not measured
    if empty or noun_after or not re.search("[A-Za-z]{2}", label):
        return _lower_first(_strip_end(after, _words("tail_en"), fold=True)), True
    return _lower_first(label), False


def _lower_first(label: str) -> str:
    words = label.split(" ", 1)
    if words[0][:1].isupper() and words[0][1:].islower():
        return words[0].lower() + (" " + words[1] if len(words) > 1 else "")
    return label


def _written(
    sentence: str, item: Found, language: str, *, unit_in_label: bool
) -> tuple[int | float, str | None]:
    """Return the figure and unit as written (1.3万人次 → 1.3, 万人次; $8.45 million → 8450000, USD)."""
    assert item.value is not None
    if language == "en":
        return _number(item.value), None if unit_in_label else _en_unit(sentence, item)
    figure = sentence[item.start : item.end]
    digits = _ARABIC.search(figure)
    if digits is None:  # 千余册, 近万人: the value in the unit's base
        factor = item.unit.factor if item.unit else 1.0
        return _number(item.value / factor), item.unit.name if item.unit else None
    rest = figure[digits.end() :]
    for word in sorted(_infix_words(), key=len, reverse=True):
        rest = rest.replace(word, "")
    unit = rest.strip() or None
    return _number(float(digits[0].replace(",", "").replace("，", ""))), unit


@cache
def _infix_words() -> tuple[str, ...]:
    data = load_yaml("drafter.numbers.data", "approximators.yaml")["zh"]
    return tuple(str(w) for part in ("infix", "suffix") for w in data.get(part, {}))


def _en_unit(sentence: str, item: Found) -> str | None:
    unit = item.unit
    if unit is None or unit.dim is None:
        return None
    if unit.dim in _MONEY_CODES:
        return _MONEY_CODES[unit.dim]
    if unit.dim == "percent":
        return "%"
    if unit.dim == "points":
        return "percentage points"
    word = re.match(r"\s*([A-Za-z-]+)", sentence[item.end :])
    return word[1] if word and is_measure(unit) else None


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 10)


def assign_ids(skeleton: Skeleton) -> None:
    """Give every fact of ``skeleton`` without an id a readable one (pinyin or English words)."""
    from drafter.ingest.writing import make_ids

    ids = make_ids([f.label for f in skeleton.facts], skeleton.report.get("language", "zh"))
    taken = {f.id for f in skeleton.facts if f.id}
    for fact, made in zip(skeleton.facts, ids, strict=True):
        if not fact.id:
            fact.id = made if made not in taken else f"{made}_{len(taken)}"
            taken.add(fact.id)


def skeleton_text(skeleton: Skeleton) -> str:
    """Return ``skeleton`` as a commented facts file: every ``value`` null, ``previous`` last year's."""
    from drafter.ingest.writing import Entry, render

    language = skeleton.report.get("language", "zh")
    assign_ids(skeleton)
    facts = []
    for fact in skeleton.facts:
        fields: dict[str, str | int | float | bool | None] = {
            "id": fact.id,
            "label": fact.label,
            "value": None,
        }
        if fact.unit is not None:
            fields["unit"] = fact.unit
        if fact.approx != "exact":
            fields["approx"] = fact.approx
        fields["previous"] = fact.previous
        fields["section"] = fact.section
        if fact.topic is not None:
            fields["topic"] = fact.topic
        if fact.note is not None:
            fields["note"] = fact.note
        comments = [f"{fact.where}: {fact.sentence}"]
        if fact.report_label is not None:
            comments.append(f"label reworded by the model; the report has: {fact.report_label}")
        facts.append(Entry(fields, comments))
    notes = [
        Entry(
            {"section": n.section, **({"topic": n.topic} if n.topic else {}), "text": n.text},
            [f"{n.where}, last year's wording: rewrite it for this year or delete it"],
        )
        for n in skeleton.notes
    ]
    report: dict[str, str | int | float | bool | None] = {
        "title": skeleton.report.get("title"),
        "organization": skeleton.report.get("organization"),
        "period": skeleton.report.get("period"),
        "next_period": skeleton.report.get("next_period"),
        "kind": "work-summary",
        "language": language,
    }
    header = [
        f"Facts skeleton extracted by 'drafter facts extract' from last year's report {skeleton.source}.",
        f"{len(facts)} facts, {len(notes)} notes. Every 'value' is null: fill in this year's figures, or run",
        "  drafter facts merge THIS_FILE SHEET.xlsx -o facts.yaml",
        "'previous' is last year's figure as the report wrote it; the comment above each fact quotes its",
        "sentence. Check the labels, delete what you will not report, then: drafter validate THIS_FILE",
    ]
    return render(
        header, report, skeleton.terms, facts, notes, notes_header="Last year's text without figures."
    )
