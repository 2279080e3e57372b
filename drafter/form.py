"""The form check of one section body, beside the number check: what a reader sees at once is wrong.

Small models copy the prompt's delimiters and instructions into the text, repeat other sections' headings
and the report title, number sub-headings like an outline (``### 1.1 …``), write Markdown lists and bold
against the prompt, loop on one phrase, or stop at the length cap. :func:`check_form` lists these as
:class:`FormProblem` s in plain words; :func:`fix_form` applies the safe fixes (strip bold, drop a title
line, a duplicated own heading or a delimiter line) and says what it did. The rest go to repair.
The rules' words and limits live in ``drafter/data/form.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from drafter.numbers.markers import OUTLINE
from drafter.resources import load_yaml

# A phrase of 4+ characters said more than three times in a row (教师队伍分布不均，教师队伍分布不均，…).
_REPEATED = re.compile(r"(\S.{3,80}?)\1{3,}", re.DOTALL)
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_BULLET = re.compile(r"^[ \t]*[-*+•][ \t]+")
# Numbered points (1. Membership. …) are plain English report style, but no 公文 numbering; a line opening
# with a decimal figure (1.3万人次…) is neither.
_NUMBERED = re.compile(r"^[ \t]*\d{1,3}(?:[.)](?!\d)|、)[ \t]*")
_HEADING_MARKS = re.compile(r"^[ \t]*#{1,6}[ \t]*")
# A sub-heading numbered like a section (### 一、…): in 公文 一、 numbers the parts, （一） their topics.
_SECTION_NUMBER = re.compile(r"^[ \t]*#{1,6}[ \t]*(?:\*\*)?[ \t]*[一二三四五六七八九十]+、")
_DELIMITER = re.compile(r"={3,}[^=\n]*={3,}|^[ \t]*={3,}[ \t]*(?:BEGIN|END)\b.*$", re.MULTILINE)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
# Heading ornaments dropped before comparing a line with a heading: marks, bold, 一、 / 二、 numbering.
_ORNAMENT = re.compile(
    r"^(?:#{1,6}\s*)?(?:\*\*)?\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、]\s*)?"
    r"|(?:\*\*)?[:：]?\s*$"
)


@dataclass(frozen=True)
class FormSpec:
    """What the form of one section is checked against.

    Attributes:
        language: The report's language (``zh`` or ``en``).
        heading: The section's own heading (``None`` for a headless opening).
        title: The report's title.
        other_headings: The other sections' headings.
        length_max: The section's length bound in characters (0: none).
        prompt_phrases: Sentences of the prompt (section purpose, instructions) that must not be copied.
    """

    language: str
    heading: str | None = None
    title: str = ""
    other_headings: tuple[str, ...] = ()
    length_max: int = 0
    prompt_phrases: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class FormProblem:
    """One form problem of a section body.

    Attributes:
        code: What kind: title, own-heading, foreign-heading, outline-numbering, heading-level (a
            sub-heading numbered 一、 like a section), list, bold, delimiter,
            prompt-echo, repetition, too-long, truncated, language.
        message: The problem in plain words, in the report's language (as sent in a repair request).
        excerpt: The text at fault (shortened).
    """

    code: str
    message: str
    excerpt: str = ""


SAFE = frozenset({"title", "own-heading", "bold", "delimiter"})


@cache
def _messages(language: str) -> dict[str, str]:
    data: dict[str, Any] = load_yaml("drafter.data", "form.yaml")
    return {code: str(texts.get(language, texts["en"])) for code, texts in data["messages"].items()}


def problem(code: str, language: str, excerpt: str = "") -> FormProblem:
    """Return the :class:`FormProblem` ``code`` worded in ``language``."""
    return FormProblem(code, _messages(language)[code], _short(excerpt))


def in_words(problems: Sequence[FormProblem]) -> list[str]:
    """Return each kind of problem once, in plain words, counted, with its first text at fault.

    ``Markdown list markup ×16: - 借阅图书…``: sixteen list lines are one thing to fix, not sixteen.
    """
    groups: dict[str, list[FormProblem]] = {}
    for p in problems:
        groups.setdefault(p.code, []).append(p)
    lines = []
    for same in groups.values():
        first = same[0]
        count = f" ×{len(same)}" if len(same) > 1 else ""
        lines.append(first.message + count + (f": {first.excerpt}" if first.excerpt else ""))
    return lines


def check_form(body: str, spec: FormSpec) -> list[FormProblem]:
    """Return the form problems of a section ``body`` (Markdown, without the section's own heading line)."""
    found: list[FormProblem] = []
    lang = spec.language
    for line in body.splitlines():
        found.extend(_line_problems(line, spec))
    for start, end in repetitions(body):
        found.append(problem("repetition", lang, body[start:end]))
    for phrase in spec.prompt_phrases:
        if len(phrase) >= 12 and phrase.lower() in body.lower():
            found.append(problem("prompt-echo", lang, phrase))
    if spec.length_max and len(body) > 3 * spec.length_max:
        found.append(problem("too-long", lang, f"{len(body)} > 3 × {spec.length_max}"))
    if _wrong_language(body, lang):
        found.append(problem("language", lang, body[:40]))
    return found


def _line_problems(line: str, spec: FormSpec) -> list[FormProblem]:
    lang = spec.language
    found: list[FormProblem] = []
    bare = _bare(line)
    if bare and spec.title and bare == _bare(spec.title):
        found.append(problem("title", lang, line))
    elif bare and spec.heading and bare == _bare(spec.heading):
        found.append(problem("own-heading", lang, line))
    elif bare and any(bare == _bare(h) for h in spec.other_headings):
        found.append(problem("foreign-heading", lang, line))
    if OUTLINE.match(line):
        found.append(problem("outline-numbering", lang, line))
    elif lang == "zh" and not found and _SECTION_NUMBER.match(line):
        found.append(problem("heading-level", lang, line))
    elif _is_list(line, lang):
        found.append(problem("list", lang, line))
    if _BOLD.search(line):
        found.append(problem("bold", lang, line))
    if _DELIMITER.search(line):
        found.append(problem("delimiter", lang, line))
    return found


def fix_form(body: str, spec: FormSpec) -> tuple[str, list[FormProblem]]:
    """Apply the safe fixes to ``body``; return the fixed body and the problems fixed (to log).

    Safe fixes change no wording: bold is unwrapped, and a line that repeats the report title or the
    section's own heading, or a prompt delimiter, is dropped (a delimiter inside a line is cut out).
    """
    fixed: list[FormProblem] = []
    kept: list[str] = []
    for line in body.splitlines():
        safe = [p for p in _line_problems(line, spec) if p.code in SAFE]
        fixed.extend(safe)
        codes = {p.code for p in safe}
        if codes & {"title", "own-heading"}:
            continue
        if "delimiter" in codes:
            line = _DELIMITER.sub("", line)
            if not line.strip():
                continue
        if "bold" in codes:
            line = _BOLD.sub(lambda m: m.group(1) or m.group(2), line)
        kept.append(line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return text, fixed


def _bare(line: str) -> str:
    # Compare headings without marks, bold, 一、 numbering, a colon or spaces.
    return re.sub(r"\s+", "", _ORNAMENT.sub("", line.strip())).lower()


def _wrong_language(body: str, language: str) -> bool:
    cjk, latin = len(_CJK.findall(body)), len(_LATIN.findall(body))
    if cjk + latin < 40:
        return False
    return cjk < latin / 2 if language == "zh" else cjk > latin / 4


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def repetitions(text: str) -> list[tuple[int, int]]:
    """Return the spans of degenerate repetition: a phrase of 4+ characters, or a whole line, said more
    than three times in a row."""
    spans = [m.span() for m in _REPEATED.finditer(text) if len(m.group(1).strip()) >= 4]
    run_start, run, previous, offset = 0, 0, None, 0
    for line in text.splitlines(keepends=True):
        key = line.strip()
        if key and key == previous:
            run += 1
            if run == 3:
                spans.append((run_start, offset + len(line)))
        else:
            run_start, run, previous = offset, 0, key
        offset += len(line)
    return sorted(spans)


def _is_list(line: str, language: str) -> bool:
    return bool(_BULLET.match(line) or (language == "zh" and _NUMBERED.match(line)))


def markup_spans(text: str, language: str) -> list[tuple[str, int, int]]:
    """Return ``(code, start, end)`` for every leaked delimiter, list marker, bold and outline number."""
    found: list[tuple[str, int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if OUTLINE.match(line):
            found.append(("outline-numbering", offset, offset + len(line.rstrip())))
        elif _is_list(line, language):
            found.append(("list", offset, offset + len(line.rstrip())))
        found += [("bold", offset + m.start(), offset + m.end()) for m in _BOLD.finditer(line)]
        found += [("delimiter", offset + m.start(), offset + m.end()) for m in _DELIMITER.finditer(line)]
        offset += len(line)
    return found


def collapse_repeats(text: str) -> str:
    """Return ``text`` with each run of a repeated phrase said once (for the text sent to repair)."""
    return _REPEATED.sub(lambda m: m.group(1), text)


def shorter_note(language: str, length_max: int) -> str:
    """Return the note asking for a shorter reply after one was cut off at the token limit."""
    notes: dict[str, str] = load_yaml("drafter.data", "form.yaml")["shorter"]
    return notes.get(language, notes["en"]).replace("{length_max}", str(length_max))
