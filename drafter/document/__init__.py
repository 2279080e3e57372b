"""Documents: read a draft (Markdown, text, Word); write a Draft as Markdown, text or Word.

- ``reading``: a draft file → text, for ``check`` and ``revise``.
- ``blocks``: a section body → headings, paragraphs and list items (shared by every writer).
- ``markdown``: Draft → Markdown and plain text.
- ``word``: Draft → .docx (GB/T 9704-2012 for Chinese, an annual-report layout for English), its layout
  data in ``data/word_layout.yaml``.
- ``output``: the output format and the atomic, non-clobbering write.

python-docx is imported only inside the Word writer and reader; the names below load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.lazy import lazy_exports

if TYPE_CHECKING:
    from drafter.document.markdown import render_markdown, render_text
    from drafter.document.output import Format, choose_format, write_document
    from drafter.document.reading import read_draft

# Loaded on first use, so that ``check`` reading a draft (``document.reading``) loads no writer.
_HOMES = {
    "render_markdown": "drafter.document.markdown",
    "render_text": "drafter.document.markdown",
    "Format": "drafter.document.output",
    "choose_format": "drafter.document.output",
    "write_document": "drafter.document.output",
    "read_draft": "drafter.document.reading",
}
__getattr__ = lazy_exports(globals(), _HOMES)

__all__ = ["Format", "choose_format", "read_draft", "render_markdown", "render_text", "write_document"]
