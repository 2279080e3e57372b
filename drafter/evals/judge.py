"""The optional ``judge`` metric: a model grades formality, fluency and organisation (1–5 each → 0–1).

Only used with ``--judge-model``. The rubric is a prompt file (``drafter/evals/data/judge.md``); the
draft is sent as a quoted data block. Replies go through the response cache, so a rerun costs nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from drafter.evals.results import CaseResult
from drafter.evals.suite import EvalCase
from drafter.settings import BackendOptions, choose_backend

CRITERIA = ("formality", "fluency", "organisation")
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}
Judge = Callable[[EvalCase, str, CaseResult], CaseResult]


def rubric_path() -> Path:
    """Return the path of the shipped rubric prompt file."""
    return Path(str(resources.files("drafter.evals.data").joinpath("judge.md")))


def make_judge(model: str, options: BackendOptions, rubric: Path | None = None) -> Judge:
    """Return a function adding the ``judge`` metric to a case result, graded by ``model``.

    Raises:
        ConfigError: No API key or base URL is configured for the judge model.
    """
    from drafter.backends import make_backend
    from drafter.prompts import read_prompt_file

    judge_options = choose_backend(replace(options, name="openai", model=model))
    backend = make_backend(judge_options)
    prompt = read_prompt_file(rubric or rubric_path())

    def grade(case: EvalCase, text: str, result: CaseResult) -> CaseResult:
        messages = judge_messages(prompt, case, text)
        reply = _complete(backend, judge_options, messages, prompt.params())
        score = parse_grades(reply)
        if score is None:
            note = {
                "metric": "judge",
                "rule": "judge-unreadable",
                "message": "the judge's reply has no grades",
                "text": reply[:200],
                "section": None,
                "start": None,
                "end": None,
                "line": None,
                "column": None,
            }
            return result.model_copy(update={"violations": [*result.violations, note]})
        return result.model_copy(update={"metrics": {**result.metrics, "judge": score}})

    return grade


def judge_messages(prompt: Any, case: EvalCase, text: str) -> list[dict[str, str]]:
    """Return the chat messages asking the judge to grade ``text``."""
    from drafter.prompts import substitute, text_block

    values = {
        "kind": case.facts.report.kind,
        "language": LANGUAGE_NAMES.get(case.language, case.language),
        "draft_block": text_block(text),
    }
    return [{"role": "user", "content": substitute(prompt, values)}]


def _complete(
    backend: Any, options: BackendOptions, messages: list[dict[str, str]], params: dict[str, Any]
) -> str:
    from drafter.backends.calling import call_model
    from drafter.store import ResponseCache

    completion = call_model(backend, messages, params, cache=ResponseCache() if options.use_cache else None)
    return str(completion.text)


def parse_grades(reply: str) -> float | None:
    """Return the mean of the 1–5 grades in ``reply`` mapped to 0–1, or ``None`` when grades are missing."""
    grades = _json_grades(reply) or _loose_grades(reply)
    if not grades or any(c not in grades for c in CRITERIA):
        return None
    clipped = [min(5.0, max(1.0, grades[c])) for c in CRITERIA]
    return round(sum((g - 1.0) / 4.0 for g in clipped) / len(clipped), 6)


def _json_grades(reply: str) -> dict[str, float]:
    match = re.search(r"\{.*?\}", reply, re.DOTALL)
    if not match:
        return {}
    try:
        data = json.loads(match.group(0))
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        _criterion(k): float(v)
        for k, v in data.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }


def _loose_grades(reply: str) -> dict[str, float]:
    # "formality: 4" lines, in case the model ignores the JSON instruction.
    return {
        _criterion(m.group(1)): float(m.group(2))
        for m in re.finditer(r"(formality|fluency|organi[sz]ation)\W{0,3}(\d(?:\.\d)?)", reply, re.I)
    }


def _criterion(name: str) -> str:
    return str(name).strip().lower().replace("organization", "organisation")
