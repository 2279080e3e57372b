"""Helpers for the realiser tests: build facts in a few lines and draft them offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafter.document import render_markdown
from drafter.drafting import draft
from drafter.facts import Facts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".json", ".toml"))


def make_facts(
    language: str = "zh",
    facts: list[dict[str, Any]] | None = None,
    notes: list[dict[str, Any]] | None = None,
    **report: Any,
) -> Facts:
    """Return valid Facts with a default report block in ``language``."""
    meta = {
        "title": "测试单位2025年工作总结" if language == "zh" else "Test Annual Report 2025",
        "organization": "测试单位" if language == "zh" else "The Test Trust",
        "period": "2025",
        "next_period": "2026",
        "language": language,
        **report,
    }
    return Facts.model_validate({"report": meta, "facts": facts or [], "notes": notes or []})


def markdown(facts: Facts) -> str:
    """Draft ``facts`` offline and return the Markdown (the realiser's prose, no key-figures table)."""
    return render_markdown(draft(facts), key_figures=False)
