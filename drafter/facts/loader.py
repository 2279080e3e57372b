"""Read a facts file (YAML, JSON or TOML, chosen by extension) into :class:`Facts`.

Every problem becomes one :class:`FactsError` naming the file, line, column and field path, with a hint:
``examples/x.yaml:12:5: facts[3].valu: unknown key; did you mean 'value'?``. When a file has several
problems, the one written first in the file is reported.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from drafter.errors import FactsError, MissingValuesError
from drafter.facts import yamlsafe
from drafter.facts.messages import Problem, describe, field_name, shorten, value_kind
from drafter.facts.models import Facts
from drafter.facts.positions import FieldPath, Locator, json_locator, toml_locator, walk_yaml, yaml_locator
from drafter.facts.semantics import find_problems
from drafter.limits import check_depth, loads_toml, nesting_guard, read_regular, too_many_digits
from drafter.text import codepoint, find_control

FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


def load_facts(path: str | Path) -> Facts:
    """Load and validate the facts file at ``path``; the extension chooses the format.

    Raises:
        FactsError: The file is missing, unreadable or invalid; the error names file, line and field.
    """
    source = Path(path)
    fmt = FORMATS.get(source.suffix.lower())
    if fmt is None and source.exists() and not source.is_dir():
        kind = f"'{source.suffix}'" if source.suffix else "(no extension)"
        raise FactsError(f"unknown file type {kind}", file=source, hint="use .yaml, .yml, .json or .toml")
    # A regular file under the size cap: a FIFO, a device or a link to /dev/zero is refused unread.
    raw = read_regular(source, "facts", FactsError, what="facts file")
    return parse_facts(decode(raw, source), fmt or "yaml", source)


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
    control = find_control(text)
    if control is not None:
        line, column, char = control
        raise FactsError(
            f"control character {codepoint(char)} in the file",
            file=path,
            line=line,
            column=column,
            hint="remove it: only tab and newline may appear in a facts file",
        )
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
    hostile = _hostile_value(data)
    if hostile is not None:  # an escaped control character (JSON "\u0000") or an absurd number
        raise _error(hostile, locator, path)
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


# No report figure comes near a quintillion; beyond it a number is a typo or an attack on formatting code.
MAX_MAGNITUDE = 1e18


def _hostile_value(data: Any) -> Problem | None:
    """Return the problem of the first text holding a control character, or number past MAX_MAGNITUDE."""
    stack: list[tuple[FieldPath, Any]] = [((), data)]
    seen: set[int] = set()
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict | list):
            if id(value) in seen:
                continue
            seen.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, child in reversed(list(items)):
                if isinstance(key, str) and find_control(key):
                    return _control_problem((*path, key), key, at_key=True)
                stack.append(((*path, key), child))
        elif isinstance(value, str) and find_control(value):
            return _control_problem(path, value)
        elif isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= MAX_MAGNITUDE:
            return Problem(
                path,
                "number too large (a quintillion or more)",
                "check the figure; write it in the unit it is counted in",
            )
    return None


def _control_problem(path: FieldPath, text: str, *, at_key: bool = False) -> Problem:
    char = (find_control(text) or (0, 0, "?"))[2]
    return Problem(
        path,
        f"control character {codepoint(char)} in the text",
        "remove it: only tab and newline may appear in a facts file",
        at_key=at_key,
    )


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
    node: yaml.Node | None = None
    loader: Any = None
    try:
        # YAML 1.2 scalars; nesting and alias expansion bounded before anything is built.
        node, loader = yamlsafe.compose(text, path, FactsError)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError:
        _yaml_syntax_error(text, path)
    except ValueError as exc:  # a timestamp-shaped value that is no date: 2026-02-30
        if "digits" in str(exc):
            raise too_many_digits(path, FactsError) from exc
        raise _yaml_date_error(exc, node, path) from exc
    except yaml.YAMLError as exc:
        raise FactsError(f"YAML error: {exc}", file=path) from exc
    finally:
        if loader is not None:
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


def _bad_date(root: yaml.Node) -> tuple[FieldPath, yaml.Node] | None:
    """Return the path and node of the first YAML timestamp under ``root`` that is not a real date."""
    for path, node in walk_yaml(root):
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
            try:
                dt.date.fromisoformat(str(node.value)[:10])
            except ValueError:
                return path, node
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
        with nesting_guard(path, FactsError):
            data = json.loads(text)
    except ValueError as exc:
        if not isinstance(exc, json.JSONDecodeError):
            raise too_many_digits(path, FactsError) from exc
        trailing = re.search(r",\s*$", text[: exc.pos]) is not None and text[exc.pos : exc.pos + 1] in "]}"
        raise FactsError(
            f"JSON syntax error: {exc.msg}",
            file=path,
            line=exc.lineno,
            column=exc.colno,
            hint="remove the comma before it" if trailing else None,
        ) from exc
    check_depth(data, path, FactsError)
    return data, json_locator(text)


def _parse_toml(text: str, path: str | Path) -> tuple[Any, Locator]:
    return loads_toml(text, path, FactsError), toml_locator(text)
