"""The output format (from ``--format`` or the extension) and the atomic, non-clobbering write."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from drafter.atomic import write_atomic
from drafter.draft import Draft
from drafter.errors import InputError

Format = Literal["md", "txt", "docx"]
EXTENSIONS: dict[str, Format] = {".md": "md", ".markdown": "md", ".txt": "txt", ".docx": "docx"}


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
        from drafter.document.word import render_docx

        return write_atomic(path, render_docx(draft), force=force)
    from drafter.document.markdown import render_markdown, render_text

    text = render_markdown(draft) if fmt == "md" else render_text(draft)
    return write_atomic(path, text, force=force)
