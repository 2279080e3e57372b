"""Lazy re-exports for a package's ``__init__`` (PEP 562): a public name is imported from its home module
on first use, so importing the package (or one of its submodules) loads nothing else."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(package: dict[str, Any], homes: dict[str, str]) -> Callable[[str], Any]:
    """Return the ``__getattr__`` for a package whose globals are ``package``.

    Args:
        package: The package's ``globals()``; a resolved name is stored there, so the look-up runs once.
        homes: Public name → the module that defines it.
    """

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package['__name__']!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        package[name] = value
        return value

    return __getattr__
