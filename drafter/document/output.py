"""The output format (from ``--format`` or the extension) and the atomic, non-clobbering write."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from drafter.atomic import write_atomic
from drafter.errors import ConfigError, InputError
from drafter.sections import Draft

Format = Literal["md", "txt", "docx"]
EXTENSIONS: dict[str, Format] = {".md": "md", ".markdown": "md", ".txt": "txt", ".docx": "docx"}


def choose_format(path: Path | None, fmt: str | None) -> Format:
    """Return the output format: the extension of ``path``; ``--format`` only where it agrees or no path.

    Raises:
        InputError: The format or extension is not one drafter writes, they disagree, or Word is asked
            for without a file to write it to.
    """
    if fmt and fmt not in ("md", "txt", "docx"):
        raise InputError(f"unknown format '{fmt}'", field="--format", hint="use md, txt or docx")
    if path is None:
        if fmt == "docx":
            raise InputError(
                "--format docx needs a file", field="--format", hint="pass -o FILE.docx (Word is not text)"
            )
        return fmt or "md"  # type: ignore[return-value]
    found = EXTENSIONS.get(path.suffix.lower())
    if found is None:
        if fmt:
            return fmt  # type: ignore[return-value]
        raise InputError("unknown output extension", file=path, hint="use .md, .txt or .docx, or --format")
    if fmt and fmt != found:
        raise InputError(
            f"--format {fmt} disagrees with the extension {path.suffix}",
            file=path,
            hint=f"drop --format, or name the file *.{fmt}",
        )
    return found


def paper_setting(cwd: Path | None = None) -> str | None:
    """Return ``paper`` from drafter.toml (working directory, then $DRAFTER_HOME), or ``None``.

    Raises:
        ConfigError: A drafter.toml is malformed, or ``paper`` is neither ``a4`` nor ``letter``.
    """
    from drafter.settings import PAPERS, load_config

    paper = load_config(cwd or Path.cwd()).get("paper")
    if paper is not None and paper.lower() not in PAPERS:
        raise ConfigError(f"unknown paper size '{paper}'", field="paper", hint="use a4 or letter")
    return paper.lower() if paper else None


def write_document(
    draft: Draft,
    path: Path,
    fmt: Format,
    *,
    force: bool = False,
    key_figures: bool = True,
    paper: str | None = None,
) -> Path:
    """Write ``draft`` to ``path`` in ``fmt`` atomically; refuses to overwrite unless ``force``.

    Args:
        draft: The draft.
        path: Where to write.
        fmt: ``md``, ``txt`` or ``docx``.
        force: Replace an existing file.
        key_figures: Include the English "Year at a glance" table.
        paper: ``a4`` or ``letter`` for an English .docx; ``None`` takes drafter.toml's ``paper``, else
            Letter for a dollar report and A4 otherwise.
    """
    if fmt == "docx":
        from drafter.document.word import render_docx

        data = render_docx(draft, key_figures=key_figures, paper=paper or paper_setting())
        return write_atomic(path, data, force=force)
    from drafter.document.markdown import render_markdown, render_text

    render = render_markdown if fmt == "md" else render_text
    return write_atomic(path, render(draft, key_figures=key_figures), force=force)
