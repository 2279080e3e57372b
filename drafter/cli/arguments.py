"""A path a command takes as an argument or, the same, as an option (``check DRAFT FACTS`` or ``--facts``).

A module of its own, not in :mod:`drafter.cli.options`: ``check`` needs only this, and the model options
load the settings.
"""

from __future__ import annotations

from pathlib import Path


def argument_or_option(
    positional: Path | None, option: Path | None, *, flag: str, what: str, usage: str
) -> Path:
    """Return the path given as an argument or by its option alias (``check DRAFT FACTS`` or ``--facts``).

    Raises:
        InputError: Neither is given, or both with different paths.
    """
    from drafter.errors import InputError

    if positional is not None and option is not None and positional != option:
        raise InputError(f"two {what}s given", field=flag, hint=f"pass it once: {usage}")
    path = positional or option
    if path is None:
        raise InputError(f"missing the {what}", hint=f"usage: {usage}")
    return path
