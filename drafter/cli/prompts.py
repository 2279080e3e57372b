"""`drafter prompts show SECTION FACTS` and `drafter prompts copy DIR`: see and own the prompt files."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from drafter.cli import state
from drafter.cli.app import App
from drafter.cli.options import PromptsOpt
from drafter.errors import InputError, OutputExistsError

prompts_app = App(help="Inspect the prompt files, or copy them to edit your own.", no_args_is_help=True)


@prompts_app.command("show")
def show(
    section: Annotated[
        str, typer.Argument(metavar="SECTION", help="Section id (overview, achievements, problems, plans).")
    ],
    facts: Annotated[Path, typer.Argument(metavar="FACTS", help="Facts file.")],
    prompts: PromptsOpt = None,
) -> None:
    """Print the messages that drafting SECTION would send to the model (no request is made)."""
    from drafter.facts import load_facts
    from drafter.plan import plan_report
    from drafter.prompts import format_messages, load_prompt_set, resolve_prompts, section_messages
    from drafter.settings import resolve_options

    plan = plan_report(load_facts(facts))
    ids = [s.id for s in plan.sections]
    if section not in ids:
        raise InputError(f"no section '{section}' in this report", hint=f"sections: {', '.join(ids)}")
    options = resolve_options(prompts=prompts)
    choice = resolve_prompts(plan.kind.id, plan.language, options.prompts_dir, options.prompts_origin)
    prompt_set = load_prompt_set(plan.kind.id, plan.language, choice.root)
    messages = section_messages(plan, plan.section(section), prompt_set)
    state.stderr().print(
        f"prompts: {prompt_set.folder} ({choice.origin}; {prompt_set.version(section)})",
        markup=False,
        soft_wrap=True,
    )
    state.stdout().out(format_messages(messages), end="", highlight=False)


@prompts_app.command("copy")
def copy(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="Where to put the copy (must not exist yet).")
    ],
) -> None:
    """Copy the bundled prompts to DIR, to edit them and draft with --prompts DIR."""
    if folder.exists():
        raise OutputExistsError(
            "already exists; refusing to copy over it", file=folder, hint="name a folder that does not exist"
        )
    from drafter.prompts import default_prompts_root

    source = default_prompts_root()
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    count = sum(1 for _ in folder.rglob("*.md"))
    how = (
        "drafter uses ./prompts by itself when run from this folder"
        if folder.resolve() == (Path.cwd() / "prompts").resolve()
        else f'use them with --prompts {folder}, or prompts_dir = "{folder}" in drafter.toml'
    )
    state.stdout().print(
        f"copied {count} prompt files from {source} to {folder}; {how}", markup=False, soft_wrap=True
    )


def register(app: typer.Typer) -> None:
    """Add ``prompts show`` and ``prompts copy`` to ``app``."""
    app.add_typer(prompts_app, name="prompts")
