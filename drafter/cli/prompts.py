"""`drafter prompts show SECTION FACTS`: print the exact messages a section's request would send."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from drafter.cli import state
from drafter.cli.options import PromptsOpt
from drafter.errors import InputError
from drafter.facts import load_facts
from drafter.plan import plan_report
from drafter.prompts import format_messages, load_prompt_set, section_messages

prompts_app = typer.Typer(help="Inspect the prompt files.", no_args_is_help=True)


@prompts_app.command("show")
def show(
    section: Annotated[str, typer.Argument(help="Section id (overview, achievements, problems, plans).")],
    facts: Annotated[Path, typer.Argument(help="Facts file.")],
    prompts: PromptsOpt = None,
) -> None:
    """Print the messages that drafting SECTION would send to the model (no request is made)."""
    plan = plan_report(load_facts(facts))
    ids = [s.id for s in plan.sections]
    if section not in ids:
        raise InputError(f"no section '{section}' in this report", hint=f"sections: {', '.join(ids)}")
    prompt_set = load_prompt_set(plan.kind.id, plan.language, prompts)
    messages = section_messages(plan, plan.section(section), prompt_set)
    state.stderr().print(
        f"prompts: {prompt_set.folder} ({prompt_set.version(section)})", markup=False, soft_wrap=True
    )
    state.stdout().out(format_messages(messages), end="", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``prompts show`` to ``app``."""
    app.add_typer(prompts_app, name="prompts")
