"""Turn pydantic validation errors into short messages a facts-file author understands, with a hint."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from drafter.facts.models import APPROX_VALUES, Fact, Facts, Note, ReportMeta
from drafter.facts.positions import FieldPath
from drafter.facts.suggest import did_you_mean, sanitize_id

# pydantic appends the union member it tried (value → int, float) to an error's location.
_UNION_TAGS = {"int", "float", "str", "bool", "none", "date", "datetime", "function-after", "function-before"}
_NUMBER_FIELDS = {"value", "previous"}
_CLOSED_VALUES: dict[str, tuple[tuple[str, ...], str]] = {
    "approx": (APPROX_VALUES, "approx"),
    "language": (("zh", "en"), "language"),
}


@dataclass(frozen=True)
class Problem:
    """One problem in a facts file: where (field path; at the key or the value), what, and the hint.

    ``code`` tells problems apart when choosing which to report (``unknown_key``, ``missing``).
    """

    path: FieldPath
    message: str
    hint: str | None = None
    at_key: bool = False
    code: str = ""


def field_name(path: FieldPath) -> str:
    """Render a field path as the user writes it: ``facts[3].value``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def model_at(path: FieldPath) -> type[BaseModel] | None:
    """Return the model that holds the mapping at ``path`` (``()`` → Facts, ``facts[i]`` → Fact…)."""
    if not path:
        return Facts
    if path == ("report",):
        return ReportMeta
    if len(path) == 2 and isinstance(path[1], int):
        items: dict[str, type[BaseModel]] = {"facts": Fact, "notes": Note}
        return items.get(str(path[0]))
    return None


def _union_tag(part: object) -> bool:
    # function-after[_bounded(), int]: the validator pydantic ran, named after the field's path
    return part in _UNION_TAGS or str(part).startswith("function-")


def describe(error: ErrorDetails) -> Problem:
    """Return the :class:`Problem` for one pydantic error."""
    path: FieldPath = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_key(path)
    while path and _union_tag(path[-1]) and not _is_field(path):
        path = path[:-1]
    name = str(path[-1]) if path else ""
    value = error.get("input")
    if kind == "missing":
        return Problem(path, "missing required field", _missing_hint(name), code="missing")
    if kind == "invalid_key" and isinstance(value, int | float) and not isinstance(value, bool):
        # {value: 1,234} in YAML flow style: the comma ends the entry and 234 becomes a key.
        return Problem(
            path,
            f"the number {value} stands where a key should be",
            "a comma inside { } separates entries: write 1234 without the thousands comma, or quote it",
            at_key=True,
        )
    if name in _NUMBER_FIELDS and kind in ("int_type", "float_type", "finite_number"):
        if isinstance(value, float) and not math.isfinite(value):
            return Problem(path, f"must be a finite number, got {value}", "write the figure in Arabic digits")
        return Problem(path, f"must be a number, got {value_kind(value)}", _number_hint(value))
    if name in _NUMBER_FIELDS and kind == "value_error":
        hint = "write it with a scale unit (亿元, million)"
        return Problem(path, "too large: a figure has at most 18 digits", hint)
    if kind == "literal_error" and value is None:
        return Problem(path, "must not be empty", _generic(kind, value, error)[1])
    if kind == "literal_error" and name in _CLOSED_VALUES:
        choices, aliases = _CLOSED_VALUES[name]
        hint = did_you_mean(str(value), choices, aliases=aliases)
        return Problem(path, f"invalid value {_quoted(value)}", hint)
    if kind == "string_pattern_mismatch" and name == "id":
        message = f"invalid id {_quoted(value)} (use only letters, digits, _ and -)"
        return Problem(path, message, _id_hint(value))
    text, generic_hint = _generic(kind, value, error)
    return Problem(path, text, _SHAPE_HINTS.get((_shape(path), kind), generic_hint))


# Hints for a list or item of the wrong shape, by (where, pydantic error type).
_SHAPE_HINTS = {
    ("facts", "list_type"): "write facts as a list, each item starting with '- id: …'",
    ("notes", "list_type"): "write notes as a list of sentences or {text: …, section: …} mappings",
    ("terms", "list_type"): "write terms as a list, e.g. [十四五, 双减]",
    ("facts[]", "model_type"): "write each fact as a mapping with id, label and value",
    ("notes[]", "model_type"): "write a note as a sentence or as a mapping with text, section and topic",
}


def _shape(path: FieldPath) -> str:
    """Return ``facts`` for the list itself and ``facts[]`` for one of its items."""
    if len(path) == 1:
        return str(path[0])
    return f"{path[0]}[]" if len(path) == 2 and isinstance(path[1], int) else ""


def _is_field(path: FieldPath) -> bool:
    model = model_at(path[:-1])
    return model is not None and path[-1] in model.model_fields


def _unknown_key(path: FieldPath) -> Problem:
    model = model_at(path[:-1])
    if model is None:
        return Problem(path, "unknown key", at_key=True, code="unknown_key")
    keys = list(model.model_fields)
    return Problem(
        path,
        "unknown key",
        did_you_mean(str(path[-1]), keys, label="valid keys:"),
        at_key=True,
        code="unknown_key",
    )


def _missing_hint(name: str) -> str | None:
    hints = {
        "report": "add a 'report' block with title, organization and period",
        "value": "give the figure as a number, e.g. value: 109",
    }
    return hints.get(name)


def _number_hint(value: Any) -> str:
    if isinstance(value, str) and re.fullmatch(r"\s*-?[\d,，]+(\.\d+)?\s*", value):
        digits = re.sub(r"[,，\s]", "", value)
        return f"write it without quotes: {digits}"
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*\S+", value):
        return "put the number in 'value' and the unit in 'unit'"
    return "write the figure in Arabic digits, without quotes"


def _id_hint(value: Any) -> str:
    suggestion = sanitize_id(str(value))
    return f"did you mean '{suggestion}'?" if suggestion else "e.g. teachers_trained"


def _quoted(value: Any) -> str:
    return f"'{shorten(value)}'" if isinstance(value, str) else value_kind(value)


def shorten(text: str, limit: int = 40) -> str:
    """Return ``text`` fit for a one-line message: control characters escaped, at most ``limit`` long."""
    flat = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _generic(kind: str, value: Any, error: ErrorDetails) -> tuple[str, str | None]:
    """Return (message, hint) for the error types that need no field-specific wording."""
    table: dict[str, tuple[str, str | None]] = {
        "string_type": (f"must be text, got {value_kind(value)}", "put it in quotes"),
        "string_too_short": ("must not be empty", None),
        "bool_type": (f"must be true or false, got {value_kind(value)}", None),
        "bool_parsing": (f"must be true or false, got {value_kind(value)}", None),
        "list_type": (f"must be a list, got {value_kind(value)}", None),
        "model_type": (f"must be a mapping, got {value_kind(value)}", None),
        "dict_type": (f"must be a mapping, got {value_kind(value)}", None),
        "literal_error": (f"invalid value {_quoted(value)}", f"use {error.get('ctx', {}).get('expected')}"),
    }
    if kind in table:
        return table[kind]
    if kind.startswith("date"):
        return f"invalid date {_quoted(value)}", "write it as YYYY-MM-DD, e.g. 2026-01-10"
    return error["msg"][0].lower() + error["msg"][1:], None


def value_kind(value: Any) -> str:
    """Name a parsed value for messages: ``a list``, ``the number 3``, ``the text '一百'``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{shorten(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"
