"""Helpers for the eval tests: where the repo's cases are, and a scripted "model" for the test server."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "evals" / "cases"


VARIANT = "VARIANT:"


def realiser_script(suite_path: Path) -> Callable[..., str]:
    """Return a server script answering each section request with the offline realiser's text.

    A prompt folder whose system prompt contains ``VARIANT: drop-fact`` or ``VARIANT: change-figure``
    makes the "model" leave out the first fact, or state it wrongly, in every case.
    """
    from drafter.evals.suite import load_suite
    from drafter.plan import plan_report
    from drafter.realize import realize_section
    from drafter.testing import ScriptedRequest

    facts_by_title = {c.facts.report.title: c.facts for c in load_suite(suite_path).cases}

    def script(request: ScriptedRequest) -> str:
        facts = facts_by_title[request.data["report"]["title"]]
        first = facts.facts[0]
        if f"{VARIANT} drop-fact" in request.system:
            facts = facts.model_copy(update={"facts": facts.facts[1:]})
        elif f"{VARIANT} change-figure" in request.system:
            changed = first.model_copy(update={"value": first.value * 2 + 7})
            facts = facts.model_copy(update={"facts": [changed, *facts.facts[1:]]})
        plan = plan_report(facts)
        return realize_section(plan, plan.section(request.section or ""))

    return script


def prompt_variant(tmp_path: Path, name: str, variant: str | None) -> Path:
    """Copy the shipped prompts to ``tmp_path/name``; mark every system prompt with ``variant``."""
    from drafter.prompts import default_prompts_root

    folder = tmp_path / name
    shutil.copytree(default_prompts_root(), folder)
    if variant:
        for system in folder.glob("*/*/system.md"):
            marked = system.read_text(encoding="utf-8") + f"\n{VARIANT} {variant}\n"
            system.write_text(marked, encoding="utf-8")
    return folder
