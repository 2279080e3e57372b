"""Load the data files shipped inside the package (lexicons, phrase tables, kinds, rules).

Data that a language expert would edit lives in YAML files; code reads each file once and caches it.

A data file's parsed form is also kept beside it, as Python keeps a module's bytecode: in ``__pycache__``,
named by a hash of the YAML text (an edited file is parsed again), written when Python may write bytecode.
Reading it back (``marshal``) is about twenty times faster than parsing the YAML: the checker's lexicons
take under a millisecond instead of about fifteen at every start of ``drafter check``.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# libyaml's loader parses the same documents about eight times faster (the pure-Python one is the fallback).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CACHE_TAG = f"yaml{yaml.__version__}-marshal{marshal.version}"  # what the parsed form depends on


@cache
def load_yaml(package: str, name: str) -> Any:
    """Return the parsed YAML data file ``name`` inside ``package`` (cached).

    Args:
        package: Dotted package that holds the file, e.g. ``"drafter.numbers.data"``.
        name: File name inside that package, e.g. ``"zh_units.yaml"``.
    """
    source = resources.files(package).joinpath(name)
    text = source.read_text(encoding="utf-8")
    if not isinstance(source, Path):  # inside a zip: nowhere to keep a parsed copy
        return parse_yaml(text)
    digest = hashlib.sha256(f"{_CACHE_TAG}\n{text}".encode()).hexdigest()[:20]
    parsed = source.parent / "__pycache__" / f"{name}.{digest}.marshal"
    try:
        return marshal.loads(parsed.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # not written yet, or unreadable: parse the YAML
        pass
    data = parse_yaml(text)
    if not sys.dont_write_bytecode:
        _keep(parsed, name, data)
    return data


def _keep(parsed: Path, name: str, data: Any) -> None:
    """Write ``data`` to ``parsed`` and remove the copies of older versions; a failure only costs speed."""
    from drafter.atomic import write_atomic
    from drafter.errors import DrafterError

    try:
        blob = marshal.dumps(data)
    except ValueError:  # a value marshal cannot hold (a YAML date): the file is parsed each time
        return
    try:
        write_atomic(parsed, blob, force=True)
        for old in parsed.parent.glob(f"{name}.*.marshal"):
            if old != parsed:
                old.unlink(missing_ok=True)
    except (OSError, DrafterError):  # a read-only install: parse the YAML at each start
        pass


def parse_yaml(text: str) -> Any:
    """Return the data of the YAML document ``text``, read with a safe loader (libyaml's when installed)."""
    return yaml.load(text, Loader=_LOADER)


def list_files(package: str, suffix: str = ".yaml") -> list[str]:
    """Return the names of the data files in ``package`` that end with ``suffix``, sorted."""
    return sorted(p.name for p in resources.files(package).iterdir() if p.name.endswith(suffix))
