"""`drafter revise FACTS_OR_SESSION`: revise a report section by section in the terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from drafter.cli import state
from drafter.cli.options import (
    BackendOpt,
    BaseUrlOpt,
    MaxConcurrencyOpt,
    MaxRepairsOpt,
    ModelOpt,
    NoCacheOpt,
    PromptsOpt,
    TemperatureOpt,
    TimeoutOpt,
)
from drafter.errors import InputError
from drafter.settings import resolve_options

EXIT_INTERRUPTED = 130


def revise(
    target: Annotated[
        Path,
        typer.Argument(
            metavar="FACTS_OR_SESSION", help="Facts file to draft and revise, or a session file to resume."
        ),
    ],
    session: Annotated[
        Path | None,
        typer.Option(
            "--session", help="Session file (default: <facts-stem>.session.json next to the facts)."
        ),
    ] = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    temperature: TemperatureOpt = None,
    timeout: TimeoutOpt = None,
    max_concurrency: MaxConcurrencyOpt = None,
    max_repairs: MaxRepairsOpt = None,
    prompts: PromptsOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Revise a report section by section: accept, regenerate, instruct, edit, diff, undo, write.

    Keys are single letters (? for help). When stdin is not a terminal: one command per line, its argument
    on the next.
    """
    from drafter.backends import make_backend
    from drafter.revise.controller import World, run
    from drafter.revise.screen import make_input
    from drafter.revise.start import run_editor, start, utc_now

    if not target.exists():  # before announcing a backend that will never be used
        raise InputError("no such file", file=target, hint="check the path")
    options = resolve_options(
        backend=backend,
        model=model,
        base_url=base_url,
        temperature=temperature,
        timeout=timeout,
        max_concurrency=max_concurrency,
        max_repairs=max_repairs,
        prompts=prompts,
        no_cache=no_cache,
    )
    state.stderr().print(f"backend: {options.describe()} ({options.source})", markup=False)
    console = state.stdout()
    world = World(
        console=console,
        input=make_input(sys.stdin, console),
        clock=utc_now,
        editor=run_editor,
        backend=make_backend(options),
        max_repairs=options.max_repairs,
    )
    try:
        revision = start(target, world, session)
    except KeyboardInterrupt:
        state.stderr().print("interrupted before the first draft was complete; no session saved")
        sys.stdout.flush()
        sys.stderr.flush()
        # Sections still being drafted run in worker threads that a normal exit would wait for.
        os._exit(EXIT_INTERRUPTED)
    try:
        code = run(revision)
    finally:
        revision.release()
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    """Add ``revise`` to ``app``."""
    app.command("revise")(revise)
