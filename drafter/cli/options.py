"""Options shared by several commands, declared once.

The model options (which backend, which model, where, how, with which prompts) are one table,
:data:`MODEL_OPTIONS`; :func:`model_options` adds them to a command and hands it the resolved
:class:`BackendOptions`. A new option is one more row here and one more keyword of ``resolve_options``.
:func:`announce` is the one wording of the backend notice that draft, revise and eval print.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import typer

from drafter.settings import LOCAL_CONCURRENCY, LOCAL_TIMEOUT, BackendOptions, resolve_options

PANEL = "Model"
_DEFAULTS = BackendOptions()

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class ModelOption:
    """One model option: its parameter name (a keyword of ``resolve_options``), flag, type and help.

    Attributes:
        name: The Python parameter name, also the keyword passed to ``resolve_options``.
        flag: The command-line flag.
        kind: The value's type (``str | None``, a ``Literal`` of choices, ``bool`` for a flag).
        metavar: What the help shows for the value (``NAME``, ``SECONDS``); empty for a flag.
        help: The help text, with its default.
        default: The parameter's default (``None``: not given, settings and defaults decide).
    """

    name: str
    flag: str
    kind: Any
    metavar: str
    help: str
    default: Any = None


MODEL_OPTIONS: tuple[ModelOption, ...] = (
    ModelOption(
        "backend",
        "--backend",
        Literal["offline", "openai"] | None,
        "",
        "Which writer drafts (default: openai if a key or base URL is set, else offline).",
    ),
    ModelOption(
        "model", "--model", str | None, "NAME", f"Model name (env DRAFTER_MODEL; default {_DEFAULTS.model})."
    ),
    ModelOption(
        "base_url",
        "--base-url",
        str | None,
        "URL",
        "OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (env DRAFTER_BASE_URL).",
    ),
    ModelOption(
        "temperature",
        "--temperature",
        float | None,
        "T",
        "Sampling temperature, 0–2 (default: the prompt file's).",
    ),
    ModelOption(
        "timeout",
        "--timeout",
        float | None,
        "SECONDS",
        f"Seconds to wait for one whole reply (default {_DEFAULTS.timeout:g}; "
        f"{LOCAL_TIMEOUT:g} for a local or private base URL).",
    ),
    ModelOption(
        "max_concurrency",
        "--max-concurrency",
        int | None,
        "N",
        f"Sections drafted at once (default {_DEFAULTS.max_concurrency}; "
        f"{LOCAL_CONCURRENCY} for a local or private base URL).",
    ),
    ModelOption(
        "max_repairs",
        "--max-repairs",
        int | None,
        "N",
        f"Repair rounds per section for unsupported figures (default {_DEFAULTS.max_repairs}).",
    ),
    ModelOption(
        "prompts",
        "--prompts",
        Path | None,
        "DIR",
        "Prompt folder (default: prompts_dir in drafter.toml, ./prompts when it has the kind's files, "
        "else the bundled prompts).",
    ),
    ModelOption(
        "max_tokens",
        "--max-tokens",
        int | None,
        "N",
        "Most tokens per reply (default: from each section's length bound).",
    ),
    ModelOption(
        "context_size",
        "--context-size",
        int | None,
        "TOKENS",
        "The server's context window in tokens; repair prompts are kept within it.",
    ),
    ModelOption("no_cache", "--no-cache", bool, "", "Neither read nor write the response cache.", False),
)


def model_options(**helps: str) -> Callable[[F], F]:
    """Add the model options to a command; it receives them resolved as ``options: BackendOptions``.

    Args:
        helps: Help texts replacing the shared ones for this command, by option name
            (eval's ``max_concurrency`` counts cases as well as sections).
    """

    def decorate(command: F) -> F:
        signature = inspect.signature(command, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != "options"]
        added = [
            inspect.Parameter(
                spec.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=spec.default,
                annotation=Annotated[
                    spec.kind,
                    typer.Option(
                        spec.flag,
                        help=helps.get(spec.name, spec.help),
                        metavar=spec.metavar or None,
                        rich_help_panel=PANEL,
                    ),
                ],
            )
            for spec in MODEL_OPTIONS
        ]
        names = {spec.name for spec in MODEL_OPTIONS}

        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            given = {name: kwargs.pop(name) for name in names if name in kwargs}
            return command(*args, options=resolve_options(**given), **kwargs)

        wrapper.__signature__ = signature.replace(parameters=[*_positional_first(own), *added])  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in [*own, *added]}
        del wrapper.__wrapped__  # typer must read the new signature, not the command's
        return wrapper  # type: ignore[return-value]

    return decorate


def _positional_first(params: list[inspect.Parameter]) -> list[inspect.Parameter]:
    # Keyword-only parameters must follow the others; the command's own keep their order.
    return [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in params]


def announce(options: BackendOptions, kind: str | None = None, language: str | None = None) -> None:
    """Print the backend notice and which prompt folder is used (the same words for draft, revise, eval).

    Args:
        options: The resolved options.
        kind: The report kind, to say which prompt folder a model run reads (``None``: not known yet).
        language: The report language, with ``kind``.
    """
    from drafter.cli import state

    err = state.stderr()
    err.print(f"backend: {options.describe()} ({options.source})", markup=False, soft_wrap=True)
    if kind is not None and language is not None:
        err.print(f"prompts: {prompts_notice(options, kind, language)}", markup=False, soft_wrap=True)


def prompts_notice(options: BackendOptions, kind: str, language: str) -> str:
    """Return which prompt folder a run of ``kind`` in ``language`` reads, and why."""
    from drafter.prompts import resolve_prompts

    if options.name == "offline":
        return "none (the offline writer reads no prompt files)"
    return resolve_prompts(kind, language, options.prompts_dir, options.prompts_origin).describe()


ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")]
PromptsOpt = Annotated[
    Path | None,
    typer.Option("--prompts", metavar="DIR", help=next(o.help for o in MODEL_OPTIONS if o.name == "prompts")),
]


def _help(name: str) -> str:
    return next(o.help for o in MODEL_OPTIONS if o.name == name)


# Single model options, for a command that needs only some of them (``facts extract``: a model to read
# last year's report); their help is the table's.
ModelOpt = Annotated[
    str | None, typer.Option("--model", metavar="NAME", help=_help("model"), rich_help_panel=PANEL)
]
BaseUrlOpt = Annotated[
    str | None, typer.Option("--base-url", metavar="URL", help=_help("base_url"), rich_help_panel=PANEL)
]
TimeoutOpt = Annotated[
    float | None, typer.Option("--timeout", metavar="SECONDS", help=_help("timeout"), rich_help_panel=PANEL)
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help=_help("no_cache"), rich_help_panel=PANEL)]
