"""The optional judge metric: graded by a model from the rubric file, only with --judge-model."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from runner import Cli

from drafter.evals.judge import parse_grades
from drafter.testing import ScriptedRequest, ScriptedServer


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ('{"formality": 4, "fluency": 5, "organisation": 3}', 0.75),
        ('Grades: {"formality": 5, "fluency": 5, "organization": 5}.', 1.0),
        ("formality: 1\nfluency: 1\norganisation: 1", 0.0),
        ('{"formality": 9, "fluency": 0, "organisation": 3}', 0.5),  # clipped to 1–5
        ('{"formality": 4, "fluency": 5}', None),
        ("I cannot grade this.", None),
    ],
)
def test_grades_map_from_one_to_five_onto_zero_to_one(reply: str, expected: float | None) -> None:
    assert parse_grades(reply) == (pytest.approx(expected) if expected is not None else None)


def judge_script(reply: str) -> Callable[[ScriptedRequest], str]:
    def script(request: ScriptedRequest) -> str:
        assert "You grade a draft" in request.user
        return reply

    return script


@pytest.mark.slow  # two judged eval runs against the model: over 2 s
def test_the_judge_grades_every_case_and_is_cached(cli: Cli, make_suite: Callable[..., Path]) -> None:
    suite = str(make_suite(["library-2025", "ngo-2025"]))
    with ScriptedServer(judge_script('{"formality": 4, "fluency": 5, "organisation": 3}')) as server:
        args = [
            "eval",
            suite,
            "--backend",
            "offline",
            "--base-url",
            server.base_url,
            "--judge-model",
            "grader",
            "--format",
            "json",
        ]
        result = cli(*args)
        assert result.code == 0, result.err
        data = json.loads(result.out)
        assert [c["metrics"]["judge"] for c in data["cases"]] == [0.75, 0.75]
        assert data["aggregate"]["judge"] == 0.75
        assert {r.model for r in server.requests} == {"grader"}
        assert "=== BEGIN CURRENT TEXT" in server.requests[0].user  # the draft is quoted data
        sent = len(server.requests)
        assert cli(*args).code == 0
        assert len(server.requests) == sent


def test_an_unreadable_verdict_is_a_violation_not_a_score(cli: Cli, make_suite: Callable[..., Path]) -> None:
    with ScriptedServer(judge_script("Looks fine to me.")) as server:
        result = cli(
            "eval",
            str(make_suite(["library-2025"])),
            "--backend",
            "offline",
            "--base-url",
            server.base_url,
            "--judge-model",
            "grader",
            "--format",
            "json",
        )
    data = json.loads(result.out)
    assert "judge" not in data["cases"][0]["metrics"]
    assert "judge-unreadable" in {v["rule"] for v in data["cases"][0]["violations"]}


def test_the_judge_is_off_by_default(cli: Cli, make_suite: Callable[..., Path]) -> None:
    result = cli("eval", str(make_suite(["library-2025"])), "--backend", "offline", "--format", "json")
    assert "judge" not in json.loads(result.out)["aggregate"]


def test_a_judge_without_a_model_server_is_a_configuration_error(
    cli: Cli, make_suite: Callable[..., Path]
) -> None:
    result = cli("eval", str(make_suite(["library-2025"])), "--backend", "offline", "--judge-model", "grader")
    assert result.code == 2
    assert "API key or a base URL" in result.err
