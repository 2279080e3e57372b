"""A section body → blocks: sub-headings (with their level), paragraphs and numbered list items.

Every writer (Markdown aside, which keeps the text as it is) reads section bodies through here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item"]

_HEADING = re.compile(r"(#{1,6})\s+(.*)")
# An English numbered point: "1. Buildings. The heating system…" (Markdown's ordered list).
_ITEM = re.compile(r"(\d{1,2})\.\s+(\S.*)", re.DOTALL)


@dataclass(frozen=True)
class Block:
    """One block of a section body.

    Attributes:
        kind: ``heading`` (a ``###`` line), ``paragraph`` or ``item`` (an ``1. `` numbered point).
        text: The text without its Markdown mark (an item's number is dropped too).
        level: For a heading, its level below the section heading: ``###`` is 1, ``####`` is 2; for an
            item, its number.
    """

    kind: BlockKind
    text: str
    level: int = 0


def body_blocks(text: str) -> list[Block]:
    """Split a section body into blocks: ``###`` lines are headings, the rest paragraphs or items.

    Paragraphs are separated by blank lines; lines inside one paragraph are joined (with a space for
    Latin text, directly for Chinese).
    """
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        paragraph: list[str] = []
        for line in lines:
            heading = _HEADING.match(line)
            if heading:
                _flush(paragraph, blocks)
                level = max(1, len(heading.group(1)) - 2)
                blocks.append(Block("heading", heading.group(2).strip(), level))
            else:
                if _ITEM.match(line):  # each numbered line starts a point of its own
                    _flush(paragraph, blocks)
                paragraph.append(line)
        _flush(paragraph, blocks)
    return blocks


def _flush(lines: list[str], blocks: list[Block]) -> None:
    if lines:
        joined = lines[0]
        for line in lines[1:]:
            # Chinese lines join without a space; Latin words need one.
            joined += (" " if joined[-1:].isascii() and line[:1].isascii() else "") + line
        item = _ITEM.fullmatch(joined)
        blocks.append(
            Block("item", item.group(2), int(item.group(1))) if item else Block("paragraph", joined)
        )
        lines.clear()
