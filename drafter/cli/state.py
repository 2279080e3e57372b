"""Process-wide CLI state: the --debug flag and the consoles (created lazily)."""

from __future__ import annotations

from functools import cache

from rich.console import Console

debug: bool = False


@cache
def stdout() -> Console:
    """The console for results (stdout)."""
    return Console(highlight=False)


@cache
def stderr() -> Console:
    """The console for messages and errors (stderr)."""
    return Console(stderr=True, highlight=False)
