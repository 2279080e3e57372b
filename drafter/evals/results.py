"""Eval results as data: per section, per case and per run, in the JSON shape of ``drafter eval -o``.

A run file looks like::

    {"suite": "evals/suite.yaml", "prompts": "prompts/", "backend": "offline", "model": null,
     "created": "2026-11-28T10:00:00Z",
     "cases": [{"case": "county-2025", "metrics": {...}, "sections": {...}, "violations": [...]}],
     "aggregate": {"number_faithfulness": 1.0, ...}}

Each entry of ``sections`` holds the section's heading, its text (as in the document), its metrics and its
number mentions, so a later comparison can show a baseline's drafts without drafting them again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from drafter.errors import EvalError


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NumberMark(_Model):
    """A number mention inside a section's text (offsets relative to that text)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    status: Literal["supported", "derived", "misattributed", "unsupported"]
    text: str
    sources: list[str] = []


class SectionResult(_Model):
    """One section of one case: heading, text, scores and numbers."""

    heading: str | None = None
    text: str = ""
    start: int = -1
    metrics: dict[str, float] = {}
    numbers: list[NumberMark] = []


class CaseResult(_Model):
    """One case's scores (means over repeats), sections and violations.

    ``usage`` holds what drafting cost, summed over the case's model requests (first repeat): ``requests``,
    ``repair_rounds``, ``input_tokens``, ``output_tokens``, ``latency_s`` (empty for offline or read drafts).
    """

    case: str
    metrics: dict[str, float]
    sections: dict[str, SectionResult] = {}
    violations: list[dict[str, Any]] = []
    usage: dict[str, float] = {}


class RunResult(_Model):
    """A whole run of the suite."""

    suite: str
    prompts: str | None = None
    backend: str | None = None
    model: str | None = None
    created: str
    cases: list[CaseResult]
    aggregate: dict[str, float]
    prompt_files: dict[str, str] = {}
    """The prompt files the run read (``<kind>/<language>/<name>.md`` → text), to show what changed."""

    def case(self, case_id: str) -> CaseResult | None:
        """Return the result of ``case_id``, or ``None`` when the run lacks it."""
        return next((c for c in self.cases if c.case == case_id), None)

    def to_json(self) -> str:
        """Return the run file's JSON text (UTF-8, indented, Chinese kept readable)."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def aggregate(cases: list[CaseResult]) -> dict[str, float]:
    """Return the mean of each metric over the cases that have it."""
    names = [m for c in cases for m in c.metrics]
    ordered = list(dict.fromkeys(names))
    return {m: mean([c.metrics[m] for c in cases if m in c.metrics]) for m in ordered}


def mean_results(results: Sequence[CaseResult]) -> CaseResult:
    """Return the first result with its case and section metrics replaced by the means over ``results``.

    Used for ``--repeat N``: the texts and violations shown are those of the first repeat.
    """
    first = results[0]
    if len(results) == 1:
        return first
    metrics = {m: mean([r.metrics[m] for r in results if m in r.metrics]) for m in first.metrics}
    sections = {}
    for sid, section in first.sections.items():
        values = {
            m: mean(
                [
                    r.sections[sid].metrics[m]
                    for r in results
                    if sid in r.sections and m in r.sections[sid].metrics
                ]
            )
            for m in section.metrics
        }
        sections[sid] = section.model_copy(update={"metrics": values})
    return first.model_copy(update={"metrics": metrics, "sections": sections})


def mean(values: list[float]) -> float:
    """Return the arithmetic mean of ``values`` rounded to 6 places (0.0 for none)."""
    return round(sum(values) / len(values), 6) if values else 0.0


def load_run(path: str | Path) -> RunResult:
    """Read a run file written by ``drafter eval -o``.

    Raises:
        EvalError: The file is missing, not JSON or not a run file.
    """
    source = Path(path)
    if not source.is_file():
        raise EvalError("no such run file", file=source, hint="write one with 'drafter eval -o run.json'")
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise EvalError(f"not a JSON run file: {exc}", file=source) from exc
    try:
        return RunResult.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise EvalError(err["msg"], file=source, field=field or None) from exc
