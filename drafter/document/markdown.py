"""Draft → Markdown and plain text.

Both carry what the Word document carries: the date under an English title, the document number and
recipients when the facts give them, the English "Year at a glance" table, and the signature.
"""

from __future__ import annotations

import re

from drafter.document import front
from drafter.sections import Draft


def render_markdown(draft: Draft, *, key_figures: bool = True) -> str:
    """Return the draft as Markdown: ``#`` title, ``##`` section headings, ``###`` topic sub-headings.

    Args:
        draft: The draft.
        key_figures: Include the English "Year at a glance" table (when there are enough facts).
    """
    return _render(draft, key_figures=key_figures, plain=False)


def render_text(draft: Draft, *, key_figures: bool = True) -> str:
    """Return the draft as plain text: the Markdown without heading marks, the table aligned with spaces."""
    return _render(draft, key_figures=key_figures, plain=True)


def _render(draft: Draft, *, key_figures: bool, plain: bool) -> str:
    def mark(level: int, text: str) -> str:
        return text if plain else "#" * level + " " + text

    parts = [mark(1, draft.title)]
    parts += [line for line in (front.date_line(draft), front.document_number(draft)) if line]
    table = front.key_figures(draft) if key_figures else None
    if table is not None:
        parts.append(front.table_text(table) if plain else front.table_markdown(table))
    recipients = front.recipients_line(draft)
    if recipients:
        parts.append(recipients)
    for section in draft.sections:
        if section.heading:
            parts.append(mark(2, section.heading))
        body = section.text.strip()
        if body:
            parts.append(re.sub(r"(?m)^#{1,6} ", "", body) if plain else body)
    parts.extend(front.sign_off(draft))
    return "\n\n".join(parts) + "\n"
