"""`drafter kinds`: list report kinds and their sections."""

from __future__ import annotations

import typer

from drafter.cli import state

LANGUAGES = {"zh": "Chinese", "en": "English"}


def kinds() -> None:
    """List the report kinds and their sections."""
    from drafter.kind import list_kinds, load_kind

    out = state.stdout()
    for kind_id in list_kinds():
        kind = load_kind(kind_id)
        # One kind, named in each language it drafts: 工作总结 in Chinese is an annual report in English.
        names = " · ".join(f"{kind.name[lang]} ({LANGUAGES.get(lang, lang)})" for lang in kind.name)
        out.print(f"{kind.id}  {names}", markup=False)
        for spec in kind.sections:
            zh = spec.heading.get("zh") or "（开头段，无标题）"
            en = spec.heading.get("en") or "-"
            out.print(f"  {spec.id:<14} {zh} | {en}  ({spec.style})", markup=False)


def register(app: typer.Typer) -> None:
    """Add ``kinds`` to ``app``."""
    app.command("kinds")(kinds)
