"""`drafter kinds`: list report kinds and their sections."""

from __future__ import annotations

import typer

from drafter.cli import state
from drafter.kind import list_kinds, load_kind


def kinds() -> None:
    """List the report kinds and their sections."""
    out = state.stdout()
    for kind_id in list_kinds():
        kind = load_kind(kind_id)
        out.print(f"{kind.id}  {kind.name.get('zh', '')} / {kind.name.get('en', '')}", markup=False)
        for spec in kind.sections:
            zh = spec.heading.get("zh") or "（开头段，无标题）"
            en = spec.heading.get("en") or "-"
            out.print(f"  {spec.id:<14} {zh} | {en}  ({spec.style})", markup=False)


def register(app: typer.Typer) -> None:
    """Add ``kinds`` to ``app``."""
    app.command("kinds")(kinds)
