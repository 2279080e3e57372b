"""Draft → document: Markdown, plain text or Word, written atomically."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from drafter.atomic import write_atomic
from drafter.errors import InputError
from drafter.sections import Draft

Format = Literal["md", "txt", "docx"]
BlockKind = Literal["heading", "paragraph"]
EXTENSIONS: dict[str, Format] = {".md": "md", ".markdown": "md", ".txt": "txt", ".docx": "docx"}


def render_markdown(draft: Draft) -> str:
    """Return the draft as Markdown: ``#`` title, ``##`` section headings, ``###`` topic sub-headings."""
    parts = [f"# {draft.title}"]
    for section in draft.sections:
        if section.heading:
            parts.append(f"## {section.heading}")
        if section.text.strip():
            parts.append(section.text.strip())
    parts.extend(draft.signature)
    return "\n\n".join(parts) + "\n"


def render_text(draft: Draft) -> str:
    """Return the draft as plain text: the Markdown with heading marks removed."""
    return re.sub(r"(?m)^#{1,6} ", "", render_markdown(draft))


def body_blocks(text: str) -> list[tuple[BlockKind, str]]:
    """Split a section body into ``("heading", "（一）师资建设")`` for ``### `` lines, else paragraphs.

    Paragraphs are separated by blank lines; lines inside one paragraph are joined (with a space for
    Latin text, directly for Chinese).
    """
    blocks: list[tuple[BlockKind, str]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        paragraph: list[str] = []
        for line in lines:
            heading = re.match(r"#{1,6}\s+(.*)", line)
            if heading:
                _flush(paragraph, blocks)
                blocks.append(("heading", heading.group(1).strip()))
            else:
                paragraph.append(line)
        _flush(paragraph, blocks)
    return blocks


def _flush(lines: list[str], blocks: list[tuple[BlockKind, str]]) -> None:
    if lines:
        joined = lines[0]
        for line in lines[1:]:
            # Chinese lines join without a space; Latin words need one.
            joined += (" " if joined[-1:].isascii() and line[:1].isascii() else "") + line
        blocks.append(("paragraph", joined))
        lines.clear()


def choose_format(path: Path | None, fmt: str | None) -> Format:
    """Return the output format from ``--format`` or else the extension of ``path`` (default Markdown).

    Raises:
        InputError: The format or extension is not one drafter writes.
    """
    if fmt:
        if fmt not in ("md", "txt", "docx"):
            raise InputError(f"unknown format '{fmt}'", field="--format", hint="use md, txt or docx")
        return fmt  # type: ignore[return-value]
    if path is None:
        return "md"
    found = EXTENSIONS.get(path.suffix.lower())
    if found is None:
        raise InputError("unknown output extension", file=path, hint="use .md, .txt or .docx, or --format")
    return found


def write_document(draft: Draft, path: Path, fmt: Format, *, force: bool = False) -> Path:
    """Write ``draft`` to ``path`` in ``fmt`` atomically; refuses to overwrite unless ``force``."""
    if fmt == "docx":
        from drafter.export_docx import render_docx

        return write_atomic(path, render_docx(draft), force=force)
    text = render_markdown(draft) if fmt == "md" else render_text(draft)
    return write_atomic(path, text, force=force)
