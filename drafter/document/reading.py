"""Read a draft to check or revise: Markdown, plain text or Word (.docx) → text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafter.errors import InputError
from drafter.limits import read_regular

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")


def read_draft(path: str | Path) -> str:
    """Return the text of the draft at ``path``.

    Markdown and text files are decoded as UTF-8 (a BOM is allowed) with newlines kept; a .docx file gives
    its paragraphs (headings included) and tables (as ``| a | b |`` rows) in order, joined by blank lines.

    Raises:
        InputError: The file is missing, a folder, unreadable, not UTF-8, or of an unknown type.
    """
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix and suffix != ".docx" and suffix not in TEXT_SUFFIXES and source.is_file():
        raise InputError(f"unknown draft type '{suffix}'", file=source, hint="use .md, .txt or .docx")
    # A regular file under the size cap: a FIFO, a device or a link to /dev/zero is refused unread.
    raw = read_regular(source, "draft", InputError, what="draft")
    if suffix == ".docx":
        return _read_docx(source, raw)
    return _decode(raw, source)


def _decode(raw: bytes, source: Path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("file is UTF-16, not UTF-8", file=source, hint="re-save it as UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not UTF-8 (bad byte at offset {exc.start})",
            file=source,
            line=line,
            hint="re-save the draft as UTF-8 (it may be GBK or GB2312)",
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_docx(source: Path, raw: bytes) -> str:
    import io
    import zipfile

    import docx  # python-docx: imported only when a .docx draft is read
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(
            "not a readable .docx file", file=source, hint="open and re-save it in Word"
        ) from exc
    blocks = [_block_text(item) for item in document.iter_inner_content()]
    # Word joiners keep a figure with its unit on one line; they are layout, not text.
    paragraphs = [b.replace("\u2060", "").replace("\u00a0", " ") for b in blocks if b.strip()]
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else "")


def _block_text(item: Any) -> str:
    """A paragraph's text, or a table as Markdown pipe rows (so its figures are checked in their row)."""
    if hasattr(item, "rows"):
        return "\n".join("| " + " | ".join(c.text for c in row.cells) + " |" for row in item.rows)
    return str(item.text)
