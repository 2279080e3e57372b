"""Typer options shared by draft, revise and eval: which model, where, how, and with which prompts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

PANEL = "Model"

BackendOpt = Annotated[
    str | None,
    typer.Option(
        "--backend",
        help="offline or openai (default: openai if a key or base URL is set).",
        rich_help_panel=PANEL,
    ),
]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="Model name (env DRAFTER_MODEL).", rich_help_panel=PANEL)
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (env DRAFTER_BASE_URL).",
        rich_help_panel=PANEL,
    ),
]
TemperatureOpt = Annotated[
    float | None,
    typer.Option(
        "--temperature", help="Sampling temperature (default: the prompt file's).", rich_help_panel=PANEL
    ),
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        help="Seconds to wait for one whole reply (default 60; 600 for a local or private base URL).",
        rich_help_panel=PANEL,
    ),
]
MaxConcurrencyOpt = Annotated[
    int | None,
    typer.Option(
        "--max-concurrency",
        help="Sections drafted at once (default 4; 1 for a local or private base URL).",
        rich_help_panel=PANEL,
    ),
]
MaxRepairsOpt = Annotated[
    int | None,
    typer.Option(
        "--max-repairs",
        help="Repair rounds per section for unsupported figures (default 2).",
        rich_help_panel=PANEL,
    ),
]
PromptsOpt = Annotated[
    Path | None,
    typer.Option("--prompts", help="Prompt folder replacing the shipped prompts.", rich_help_panel=PANEL),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the response cache.", rich_help_panel=PANEL)
]
MaxTokensOpt = Annotated[
    int | None,
    typer.Option(
        "--max-tokens",
        help="Most tokens per reply (default: from each section's length bound).",
        rich_help_panel=PANEL,
    ),
]
ContextSizeOpt = Annotated[
    int | None,
    typer.Option(
        "--context-size",
        help="The server's context window in tokens; repair prompts are kept within it.",
        rich_help_panel=PANEL,
    ),
]
