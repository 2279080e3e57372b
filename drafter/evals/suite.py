"""The eval suite: cases (facts files) and what each must achieve, read from ``evals/suite.yaml``.

A suite has ``defaults`` and ``cases``; every case setting falls back to the defaults. Paths of facts
files are relative to the suite file. Errors name the suite file, the line and the field at fault.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from drafter.errors import DrafterError, EvalError
from drafter.evals.names import ALL_METRICS
from drafter.facts import Facts, load_facts, yamlsafe
from drafter.facts.positions import Locator, yaml_locator
from drafter.kind import load_kind
from drafter.limits import read_regular

DEFAULT_TOLERANCE = 0.01

Bounds = tuple[int, int]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CaseSettings(_Strict):
    """Settings a case may set and the defaults may give (``None``: not set here).

    Attributes:
        required_facts: ``important`` (default), ``all`` or a list of fact ids.
        required_sections: ``all`` (default) or a list of section ids of the kind.
        banned_phrases: Phrases the draft must not contain: a list, or lists per language (``zh``, ``en``).
        length: Bounds ``[min, max]`` on a section body's characters, by section id (default: the kind's).
        thresholds: Lowest acceptable score per metric (highest for ``variety``, where less is better).
        tolerances: Largest acceptable drop against a baseline per metric (``default`` for the rest).
    """

    required_facts: Literal["important", "all"] | list[str] | None = None
    required_sections: Literal["all"] | list[str] | None = None
    banned_phrases: list[str] | dict[Literal["zh", "en"], list[str]] | None = None
    length: dict[str, Bounds] | None = None
    thresholds: dict[str, float] | None = None
    tolerances: dict[str, float] | None = None

    @field_validator("length")
    @classmethod
    def _bounds_ordered(cls, value: dict[str, Bounds] | None) -> dict[str, Bounds] | None:
        for section, (low, high) in (value or {}).items():
            if not 0 <= low <= high:
                raise ValueError(f"bounds of '{section}' must satisfy 0 <= min <= max")
        return value

    @field_validator("thresholds")
    @classmethod
    def _known_thresholds(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        return _check_metric_map(value, allow_default=False)

    @field_validator("tolerances")
    @classmethod
    def _known_tolerances(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        return _check_metric_map(value, allow_default=True)


class CaseSpec(CaseSettings):
    """One case: an id (used to name draft files), its facts file and its own settings."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    facts: str = Field(min_length=1)


class SuiteSpec(_Strict):
    """The suite file as written."""

    defaults: CaseSettings = CaseSettings()
    cases: list[CaseSpec] = Field(min_length=1)


class EvalCase(BaseModel):
    """A case ready to score: its facts loaded and every setting resolved against the defaults."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    id: str
    facts_path: Path
    facts: Facts
    required_facts: list[str]
    required_sections: list[str]
    banned_phrases: list[str]
    length: dict[str, Bounds]
    thresholds: dict[str, float]
    tolerances: dict[str, float]

    @property
    def language(self) -> str:
        """The report language of the case's facts."""
        return self.facts.report.language

    def tolerance(self, metric: str) -> float:
        """Return the tolerance of ``metric`` (its own, else ``default``, else 0.01)."""
        return self.tolerances.get(metric, self.tolerances.get("default", DEFAULT_TOLERANCE))


class Suite(BaseModel):
    """A loaded suite: where it came from, its defaults and its resolved cases in order."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    path: Path
    defaults: CaseSettings
    cases: list[EvalCase]

    def thresholds(self) -> dict[str, float]:
        """Return the default thresholds (applied to the aggregate means)."""
        return dict(self.defaults.thresholds or {})

    def tolerance(self, metric: str) -> float:
        """Return the suite-wide tolerance of ``metric``."""
        tolerances = self.defaults.tolerances or {}
        return tolerances.get(metric, tolerances.get("default", DEFAULT_TOLERANCE))

    def case(self, case_id: str) -> EvalCase:
        """Return the case ``case_id``; raises ``KeyError`` if the suite has none."""
        for case in self.cases:
            if case.id == case_id:
                return case
        raise KeyError(case_id)


def _check_metric_map(value: dict[str, float] | None, *, allow_default: bool) -> dict[str, float] | None:
    known = set(ALL_METRICS) | ({"default"} if allow_default else set())
    for name, number in (value or {}).items():
        if name not in known:
            raise ValueError(f"unknown metric '{name}' (known: {', '.join(sorted(known))})")
        if not 0.0 <= number <= 1.0:
            raise ValueError(f"'{name}' must be between 0 and 1")
    return value


def bundled_suite() -> Path:
    """Return the suite shipped with drafter: ``drafter/_data/evals`` in a wheel, else the checkout's."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_data" / "evals" / "suite.yaml"
    return installed if installed.is_file() else package.parent / "evals" / "suite.yaml"


def find_suite(path: Path | None, cwd: Path | None = None) -> Path:
    """Return the suite to run: ``path``, else ``./evals/suite.yaml`` when present, else the bundled suite."""
    if path is not None:
        return path
    local = (cwd or Path.cwd()) / "evals" / "suite.yaml"
    return local if local.is_file() else bundled_suite()


def load_suite(path: str | Path) -> Suite:
    """Load, validate and resolve the suite file at ``path`` (facts files are loaded too).

    Raises:
        EvalError: The suite is missing, malformed or refers to unknown files, facts or sections; the
            error names the file, line and field.
    """
    source = Path(path)
    if not source.is_file():
        raise EvalError("no such suite file", file=source, hint="pass a suite such as evals/suite.yaml")
    raw = read_regular(source, "config", EvalError, what="suite file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EvalError("not UTF-8", file=source, hint="re-save it as UTF-8") from None
    data, root = _parse_yaml(text, source)
    try:
        spec = SuiteSpec.model_validate(data)
    except ValidationError as exc:
        # A misspelt key also makes its field "missing": report the misspelling, which says more.
        err = next((e for e in exc.errors() if e["type"] == "extra_forbidden"), exc.errors()[0])
        # Drop pydantic's union-branch labels (``list[str]``, ``literal[...]``) from the location.
        loc = [p for p in err["loc"] if not (isinstance(p, str) and "[" in p)]
        message, hint = _explain(err)
        line = _line_of(root, loc)
        raise EvalError(message, file=source, line=line, field=_dotted(loc), hint=hint) from exc
    _check_unique_ids(spec, source, root)
    cases = [_resolve(spec, i, source, root) for i in range(len(spec.cases))]
    return Suite(path=source, defaults=spec.defaults, cases=cases)


def _explain(err: Any) -> tuple[str, str | None]:
    """Return the message and hint for a pydantic error (unknown keys get a did-you-mean)."""
    if err["type"] != "extra_forbidden":
        return str(err["msg"]), None
    known = sorted(set(CaseSpec.model_fields) | set(SuiteSpec.model_fields))
    close = difflib.get_close_matches(str(err["loc"][-1]), known, n=1)
    return "unknown setting", (f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known)}")


def _parse_yaml(text: str, source: Path) -> tuple[Any, Locator]:
    data, node = yamlsafe.load(text, source, EvalError)
    if not isinstance(data, dict):
        raise EvalError("a suite must be a mapping with 'cases'", file=source, line=1)
    return data, yaml_locator(node)


def _dotted(loc: list[Any]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _line_of(root: Locator, loc: list[Any]) -> int | None:
    """Return the 1-based line of the field at ``loc`` (or of the deepest part of it that exists)."""
    found = root.find(tuple(loc))
    return found[0] if found else None


def _check_unique_ids(spec: SuiteSpec, source: Path, root: Locator) -> None:
    seen: set[str] = set()
    for index, case in enumerate(spec.cases):
        if case.id in seen:
            raise EvalError(
                f"duplicate case id '{case.id}'",
                file=source,
                line=_line_of(root, ["cases", index, "id"]),
                field=f"cases[{index}].id",
            )
        seen.add(case.id)


def _resolve(spec: SuiteSpec, index: int, source: Path, root: Locator) -> EvalCase:
    """Merge case ``index`` with the defaults, load its facts and validate ids against them."""
    case, defaults = spec.cases[index], spec.defaults
    where = f"cases[{index}]"
    facts_path = (source.parent / case.facts).resolve()
    try:
        facts = load_facts(facts_path)
    except DrafterError as exc:
        line = _line_of(root, ["cases", index, "facts"])
        raise EvalError(f"case '{case.id}': {exc}", file=source, line=line, field=f"{where}.facts") from exc
    lang = facts.report.language
    required_facts = _required_facts(case.required_facts or defaults.required_facts or "important", facts)
    sections = _required_sections(case.required_sections or defaults.required_sections or "all", facts)
    _check_references(spec, index, facts, source, root)
    length = _length_bounds(facts) | dict(defaults.length or {}) | dict(case.length or {})
    return EvalCase(
        id=case.id,
        facts_path=facts_path,
        facts=facts,
        required_facts=required_facts,
        required_sections=sections,
        banned_phrases=_phrases(defaults.banned_phrases, lang) + _phrases(case.banned_phrases, lang),
        length=length,
        thresholds=dict(defaults.thresholds or {}) | dict(case.thresholds or {}),
        tolerances=dict(defaults.tolerances or {}) | dict(case.tolerances or {}),
    )


def _required_facts(setting: str | list[str], facts: Facts) -> list[str]:
    if setting == "all":
        return [f.id for f in facts.facts]
    if setting == "important":
        return [f.id for f in facts.facts if f.important]
    return list(setting)


def _required_sections(setting: str | list[str], facts: Facts) -> list[str]:
    if setting == "all":
        return load_kind(facts.report.kind).section_ids()
    return list(setting)


def _length_bounds(facts: Facts) -> dict[str, Bounds]:
    """Return the kind's default length bounds for the report's language, by section id."""
    lang = facts.report.language
    kind = load_kind(facts.report.kind)
    return {s.id: s.length[lang] for s in kind.sections if lang in s.length}


def _phrases(setting: list[str] | dict[Literal["zh", "en"], list[str]] | None, lang: str) -> list[str]:
    if setting is None:
        return []
    if isinstance(setting, dict):
        return list(setting.get(lang, []))  # type: ignore[call-overload]
    return list(setting)


def _check_references(spec: SuiteSpec, index: int, facts: Facts, source: Path, root: Locator) -> None:
    """Check that the fact and section ids case ``index`` uses (its own or the defaults') exist."""
    fact_ids = [f.id for f in facts.facts]
    sections = load_kind(facts.report.kind).section_ids()
    checks = (
        ("required_facts", fact_ids, "fact"),
        ("required_sections", sections, "section"),
        ("length", sections, "section"),
    )
    for key, known, what in checks:
        for where, value in (
            (["defaults", key], getattr(spec.defaults, key)),
            (["cases", index, key], getattr(spec.cases[index], key)),
        ):
            if isinstance(value, list | dict):
                _check_ids(value, known, what, where, source, root)


def _check_ids(
    items: list[str] | dict[str, Any],
    known: list[str],
    what: str,
    where: list[Any],
    source: Path,
    root: Locator,
) -> None:
    for position, item in enumerate(items):
        if item not in known:
            # A list item is found by its position, a mapping entry by its key.
            line = _line_of(root, [*where, item if isinstance(items, dict) else position])
            raise EvalError(
                f"unknown {what} '{item}'",
                file=source,
                line=line,
                field=_dotted(where),
                hint=f"known: {', '.join(known)}",
            )
