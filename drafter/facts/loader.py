"""Read a facts file (YAML, JSON or TOML, chosen by extension) into :class:`Facts`.

Every problem becomes one :class:`FactsError` naming the file, line, column and field path, with a hint:
``examples/x.yaml:12:5: facts[3].valu: unknown key; did you mean 'value'?``. When a file has several
problems, the one written first in the file is reported.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from drafter.errors import FactsError, MissingValuesError
from drafter.facts.messages import Problem, describe, field_name, shorten, value_kind
from drafter.facts.models import Facts
from drafter.facts.positions import FieldPath, Locator, json_locator, toml_locator, yaml_locator
from drafter.facts.semantics import find_problems

FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_facts(path: str | Path) -> Facts:
    """Load and validate the facts file at ``path``; the extension chooses the format.

    Raises:
        FactsError: The file is missing, unreadable or invalid; the error names file, line and field.
    """
    source = Path(path)
    fmt = FORMATS.get(source.suffix.lower())
    if not source.exists():
        raise FactsError("no such file", file=source, hint="check the path")
    if source.is_dir():
        raise FactsError("is a folder, not a facts file", file=source)
    if fmt is None:
        kind = f"'{source.suffix}'" if source.suffix else "(no extension)"
        raise FactsError(f"unknown file type {kind}", file=source, hint="use .yaml, .yml, .json or .toml")
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise FactsError(f"cannot read file: {exc.strerror}", file=source) from exc
    return parse_facts(decode(raw, source), fmt, source)


def decode(raw: bytes, path: str | Path) -> str:
    """Return ``raw`` decoded as UTF-8 (a BOM is allowed).

    Raises:
        FactsError: The bytes are not UTF-8; the error points at the first bad byte and guesses the encoding.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FactsError("file is UTF-16, not UTF-8", file=path, hint="re-save it as UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8-sig", errors="replace")) + 1
        guess = " (it looks like GBK/GB18030)" if _looks_gbk(raw) else ""
        raise FactsError(
            f"file is not UTF-8{guess}",
            file=path,
            line=raw.count(b"\n", 0, exc.start) + 1,
            column=column,
            hint="re-save it as UTF-8",
        ) from exc


def _looks_gbk(raw: bytes) -> bool:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def parse_facts(text: str, fmt: str, path: str | Path = "<facts>") -> Facts:
    """Parse and validate facts ``text`` in format ``fmt`` (``yaml``, ``json`` or ``toml``).

    Raises:
        FactsError: The text does not parse or is not a valid facts file.
    """
    data, locator = _parse(text, fmt, path)
    if data is None or data == {}:
        raise FactsError(
            "file is empty",
            file=path,
            hint=f"run 'drafter init {path} --force' to write a commented starter file",
        )
    if not isinstance(data, dict):
        raise _error(
            Problem(
                (),
                f"the top level must be a mapping with 'report', 'facts' and 'notes', got {value_kind(data)}",
            ),
            locator,
            path,
        )
    problems = [
        Problem(
            p,
            f"duplicate key (first written at line {at[0]}, column {at[1]})",
            "remove one of them",
            at_key=True,
        )
        for p, at in locator.duplicates.items()
    ]
    empty = _without_value(data)
    try:
        facts = Facts.model_validate(_with_placeholders(data, empty) if empty else data)
    except ValidationError as exc:
        problems += [describe(error) for error in exc.errors()]
        raise _error(_first(problems, locator), locator, path) from exc
    problems += find_problems(facts)
    if problems:
        raise _error(_first(problems, locator), locator, path)
    if empty:
        raise MissingValuesError(
            [_error(_no_value(i, data, first=i == empty[0]), locator, path) for i in empty]
        )
    return facts


def _without_value(data: dict[str, Any]) -> list[int]:
    """Return the indices of facts written with ``value: null`` (a skeleton still to be filled)."""
    facts = data.get("facts")
    if not isinstance(facts, list):
        return []
    return [i for i, f in enumerate(facts) if isinstance(f, dict) and "value" in f and f["value"] is None]


def _with_placeholders(data: dict[str, Any], empty: list[int]) -> dict[str, Any]:
    # Validate everything else of a skeleton: stand in a number for each missing value.
    facts = [{**f, "value": 0} if i in empty else f for i, f in enumerate(data["facts"])]
    return {**data, "facts": facts}


def _no_value(index: int, data: dict[str, Any], *, first: bool) -> Problem:
    label = data["facts"][index].get("label")
    of = f" for '{shorten(str(label), 60)}'" if label else ""
    return Problem(
        ("facts", index, "value"),
        f"no value yet{of}",
        "fill in this year's figure (drafter facts merge fills values from a spreadsheet)" if first else None,
    )


def _first(problems: list[Problem], locator: Locator) -> Problem:
    """Return the problem written first in the file; a misspelt key beats the field it leaves missing."""
    misspelt_in = {p.path[:-1] for p in problems if p.code == "unknown_key"}
    shown = [p for p in problems if not (p.code == "missing" and p.path[:-1] in misspelt_in)]
    return min(shown, key=lambda p: locator.find(p.path, key=p.at_key) or (0, 0))


def _error(problem: Problem, locator: Locator, path: str | Path) -> FactsError:
    line, column = locator.find(problem.path, key=problem.at_key) or (None, None)
    # Messages quote the user's text (keys, topics); they must stay on one line.
    message, hint = shorten(problem.message, 300), shorten(problem.hint, 300) if problem.hint else None
    return FactsError(
        message,
        file=path,
        line=line,
        column=column,
        field=shorten(field_name(problem.path), 120) or None,
        hint=hint,
    )


def parse_document(text: str, fmt: str, path: str | Path = "<facts>") -> tuple[Any, Locator]:
    """Return the parsed data of facts ``text`` (``None`` when empty) and the positions of its fields,
    without validating it (``facts merge`` edits a skeleton in place by these positions).

    Raises:
        FactsError: The text does not parse.
    """
    return _parse(text, fmt, path)


def _parse(text: str, fmt: str, path: str | Path) -> tuple[Any, Locator]:
    """Return the parsed data (``None`` for an empty document) and the positions of its fields."""
    if fmt not in ("yaml", "json", "toml"):
        raise FactsError(f"unknown format '{fmt}'", file=path, hint="use yaml, json or toml")
    if not text.strip():
        return None, Locator()
    if fmt == "json":
        return _parse_json(text, path)
    if fmt == "toml":
        return _parse_toml(text, path)
    return _parse_yaml(text, path)


def _parse_yaml(text: str, path: str | Path) -> tuple[Any, Locator]:
    loader = _YAML_LOADER(text)
    node: yaml.Node | None = None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError:
        _yaml_syntax_error(text, path)
    except ValueError as exc:  # a timestamp-shaped value that is no date: 2026-02-30
        raise _yaml_date_error(exc, node, path) from exc
    except yaml.YAMLError as exc:
        raise FactsError(f"YAML error: {exc}", file=path) from exc
    finally:
        loader.dispose()
    return data, yaml_locator(node)


def _yaml_date_error(exc: ValueError, node: yaml.Node | None, path: str | Path) -> FactsError:
    bad = _bad_date(node) if node is not None else None
    if bad is None:
        return FactsError(f"invalid value ({exc})", file=path)
    mark = bad[1].start_mark
    return FactsError(
        f"invalid date '{bad[1].value}' ({exc})",
        file=path,
        line=mark.line + 1,
        column=mark.column + 1,
        field=field_name(bad[0]),
        hint="write it as YYYY-MM-DD",
    )


def _bad_date(node: yaml.Node, path: FieldPath = ()) -> tuple[FieldPath, yaml.Node] | None:
    """Return the path and node of the first YAML timestamp in ``node`` that is not a real date."""
    if isinstance(node, yaml.MappingNode):
        children: list[tuple[str | int, yaml.Node]] = [(str(k.value), v) for k, v in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = list(enumerate(node.value))
    else:
        try:
            if node.tag.endswith(":timestamp"):
                dt.date.fromisoformat(str(node.value)[:10])
        except ValueError:
            return path, node
        return None
    for key, child in children:
        found = _bad_date(child, (*path, key))
        if found:
            return found
    return None


def _yaml_syntax_error(text: str, path: str | Path) -> None:
    """Raise the syntax error of ``text`` as the pure-Python parser words it (libyaml's wording differs)."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        bad_line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
        tab = mark is not None and "\t" in bad_line[: mark.column + 1]
        # "but found another document" needs its context: "expected a single document in the stream".
        problem = str(exc.problem or exc.context)
        if problem.startswith("but ") and exc.context:
            problem = f"{exc.context}, {problem}"
        raise FactsError(
            f"YAML syntax error: {problem}",
            file=path,
            line=line,
            column=column,
            hint="indent with spaces, not tabs" if tab else None,
        ) from exc
    raise FactsError("YAML syntax error", file=path)


def _parse_json(text: str, path: str | Path) -> tuple[Any, Locator]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        trailing = re.search(r",\s*$", text[: exc.pos]) is not None and text[exc.pos : exc.pos + 1] in "]}"
        raise FactsError(
            f"JSON syntax error: {exc.msg}",
            file=path,
            line=exc.lineno,
            column=exc.colno,
            hint="remove the comma before it" if trailing else None,
        ) from exc
    return data, json_locator(text)


def _parse_toml(text: str, path: str | Path) -> tuple[Any, Locator]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib puts the position in the message: "Invalid value (at line 3, column 9)".
        found = re.search(r"\s*\(at line (\d+), column (\d+)\)", str(exc))
        message = str(exc)[: found.start()] if found else re.sub(r"\s*\(at end of document\)", "", str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (None, None)
        raise FactsError(
            f"TOML syntax error: {message[:1].lower()}{message[1:]}", file=path, line=line, column=column
        ) from exc
    return data, toml_locator(text)
