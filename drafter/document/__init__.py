"""Documents: read a draft (Markdown, text, Word); write a Draft as Markdown, text or Word.

- ``reading``: a draft file → text, for ``check`` and ``revise``.
- ``blocks``: a section body → headings, paragraphs and list items (shared by every writer).
- ``markdown``: Draft → Markdown and plain text.
- ``word``: Draft → .docx (GB/T 9704-2012 for Chinese, an annual-report layout for English), its layout
  data in ``data/word_layout.yaml``.
- ``output``: the output format and the atomic, non-clobbering write.

python-docx is imported only inside the Word writer and reader.
"""

from __future__ import annotations

from drafter.document.markdown import render_markdown, render_text
from drafter.document.output import Format, choose_format, write_document
from drafter.document.reading import read_draft

__all__ = ["Format", "choose_format", "read_draft", "render_markdown", "render_text", "write_document"]
