"""Load the data files shipped inside the package (lexicons, phrase tables, kinds, rules).

Data that a language expert would edit lives in YAML files; code reads each file once and caches it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

# libyaml's loader parses the same documents about eight times faster (the pure-Python one is the fallback).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_yaml(package: str, name: str) -> Any:
    """Return the parsed YAML data file ``name`` inside ``package`` (cached).

    Args:
        package: Dotted package that holds the file, e.g. ``"drafter.numbers.data"``.
        name: File name inside that package, e.g. ``"zh_units.yaml"``.
    """
    return parse_yaml(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


def parse_yaml(text: str) -> Any:
    """Return the data of the YAML document ``text``, read with a safe loader (libyaml's when installed)."""
    return yaml.load(text, Loader=_LOADER)


def list_files(package: str, suffix: str = ".yaml") -> list[str]:
    """Return the names of the data files in ``package`` that end with ``suffix``, sorted."""
    return sorted(p.name for p in resources.files(package).iterdir() if p.name.endswith(suffix))
