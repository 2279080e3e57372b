"""Draft → Markdown and plain text."""

from __future__ import annotations

import re

from drafter.draft import Draft


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
