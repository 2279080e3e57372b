"""Read a facts file (YAML, JSON or TOML, chosen by extension) into :class:`Facts`.

Provisional loader: errors name the file and field; line/column positions are added by the full loader.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from drafter.errors import FactsError
from drafter.facts.models import Facts

FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


def load_facts(path: str | Path) -> Facts:
    """Load and validate the facts file at ``path``.

    Raises:
        FactsError: The file is missing, unreadable or invalid; the error names file, line and field.
    """
    source = Path(path)
    fmt = FORMATS.get(source.suffix.lower())
    if fmt is None:
        raise FactsError("unknown file type", file=source, hint="use .yaml, .yml, .json or .toml")
    if not source.is_file():
        raise FactsError("no such file", file=source, hint="check the path")
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FactsError("not UTF-8", file=source, hint="save the file as UTF-8") from exc
    return parse_facts(text, fmt, source)


def parse_facts(text: str, fmt: str, path: str | Path = "<facts>") -> Facts:
    """Parse and validate facts ``text`` in format ``fmt`` (``yaml``, ``json`` or ``toml``)."""
    data = _parse(text, fmt, path)
    try:
        return Facts.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise FactsError(err["msg"], file=path, field=field) from exc


def _parse(text: str, fmt: str, path: str | Path) -> Any:
    if not text.strip():
        raise FactsError("file is empty", file=path, hint="run 'drafter init' for a starter file")
    try:
        if fmt == "json":
            return json.loads(text)
        if fmt == "toml":
            return tomllib.loads(text)
        return yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise FactsError(f"cannot parse {fmt}: {exc}", file=path) from exc
