"""`drafter eval` end to end: offline suite, existing drafts, bad input, and prompt changes judged against a
baseline on the local OpenAI-compatible test server."""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from runner import Cli

from drafter.document import render_markdown, render_text
from drafter.drafting import draft
from drafter.evals.suite import load_suite
from drafter.testing import ScriptedServer

from .helpers import REPO, prompt_variant, realiser_script

OWN_CASES = [
    "city-civilization-2025",
    "library-2025",
    "hospital-2025",
    "school-2025",
    "branch-2025",
    "ngo-2025",
    "library-en-2025",
    "clinic-en-2025",
]


def test_offline_drafts_meet_the_suite_thresholds(
    cli: Cli, make_suite: Callable[..., Path], tmp_path: Path
) -> None:
    suite = make_suite(OWN_CASES)
    result = cli("eval", str(suite), "--backend", "offline", "-o", str(tmp_path / "run.json"))
    assert result.code == 0, result.out + result.err
    run = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert [c["case"] for c in run["cases"]] == OWN_CASES
    for metric in ("number_faithfulness", "fact_coverage", "structure"):
        assert run["aggregate"][metric] == 1.0
    assert run["backend"] == "offline" and run["model"] is None
    assert "number_faithfulness" in result.out and "all metrics meet their thresholds" in result.out


def test_the_shipped_suite_passes_offline_as_ci_runs_it(cli: Cli, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = cli("eval", str(REPO / "evals" / "suite.yaml"), "--backend", "offline", "--html", str(page))
    assert result.code == 0, result.out
    html = page.read_text(encoding="utf-8")
    for case in load_suite(REPO / "evals" / "suite.yaml").cases:
        assert f'id="case-{case.id}"' in html


def test_every_offline_draft_of_the_suite_is_clean(cli: Cli, tmp_path: Path) -> None:
    # The offline writer's drafts are what a new user meets first: no style violation, no unsupported figure.
    out = tmp_path / "run.json"
    result = cli("eval", str(REPO / "evals" / "suite.yaml"), "--backend", "offline", "-o", str(out))
    assert result.code == 0, result.out
    run = json.loads(out.read_text(encoding="utf-8"))
    for case in run["cases"]:
        assert case["metrics"]["style"] == 1.0, case["violations"]
        assert case["metrics"]["number_faithfulness"] == 1.0, case["violations"]
        assert case["violations"] == []
    assert run["aggregate"]["variety"] <= 0.10


def test_fail_under_turns_a_low_score_into_exit_1(cli: Cli, make_suite: Callable[..., Path]) -> None:
    # A per-case bound that the offline overview cannot meet makes length < 1.0.
    suite = make_suite(["ngo-2025"])
    tight = suite.read_text(encoding="utf-8") + "    length: {overview: [1, 50]}\n"
    suite.write_text(tight, encoding="utf-8")
    result = cli("eval", str(suite), "--backend", "offline", "--fail-under", "length=1.0")
    assert result.code == 1
    assert "threshold: length" in result.out


def test_existing_drafts_are_scored_by_case_name(
    cli: Cli, make_suite: Callable[..., Path], tmp_path: Path
) -> None:
    suite_path = make_suite(["library-2025", "ngo-2025"])
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    library, ngo = load_suite(suite_path).cases
    (drafts / "library-2025.md").write_text(render_markdown(draft(library.facts)), encoding="utf-8")
    broken = render_text(draft(ngo.facts)).replace("1,350", "1,530").replace("!", "") + "\nWe did awesome!\n"
    (drafts / "ngo-2025.txt").write_text(broken, encoding="utf-8")
    result = cli("eval", str(suite_path), "--drafts", str(drafts), "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["backend"] == "drafts"
    library_run, ngo_run = data["cases"]
    assert library_run["metrics"]["number_faithfulness"] == 1.0
    assert ngo_run["metrics"]["number_faithfulness"] < 1.0
    assert ngo_run["metrics"]["style"] < 1.0
    assert {v["rule"] for v in ngo_run["violations"]} >= {"unsupported-number", "exclamation", "colloquial"}


def test_a_missing_draft_is_bad_input(cli: Cli, make_suite: Callable[..., Path], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = cli("eval", str(make_suite(["library-2025"])), "--drafts", str(tmp_path / "empty"))
    assert result.code == 2
    assert "no draft for case 'library-2025'" in result.err
    assert len(result.err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("suite_text", "words"),
    [
        ("cases:\n  - id: a\n    facts: nowhere.yaml\n", "suite.yaml:3: cases[0].facts"),
        ("cases:\n  - id: a\n    fatcs: nowhere.yaml\n", "did you mean 'facts'?"),
        ("cases: [\n", "YAML syntax error"),
    ],
)
def test_a_bad_suite_is_one_line_and_exit_2(cli: Cli, tmp_path: Path, suite_text: str, words: str) -> None:
    path = tmp_path / "suite.yaml"
    path.write_text(suite_text, encoding="utf-8")
    result = cli("eval", str(path), "--backend", "offline")
    assert result.code == 2
    assert words in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    "args",
    [
        ["--fail-under", "style"],
        ["--fail-under", "elegance=1"],
        ["--fail-under", "style=2"],
        ["--format", "xml"],
        ["--tolerance", "-1"],
        ["--repeat", "0"],
    ],
)
def test_bad_options_exit_2(cli: Cli, make_suite: Callable[..., Path], args: list[str]) -> None:
    result = cli("eval", str(make_suite(["library-2025"])), "--backend", "offline", *args)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1


def test_outputs_are_not_overwritten_without_force(
    cli: Cli, make_suite: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "run.json"
    out.write_text("{}", encoding="utf-8")
    suite = str(make_suite(["library-2025"]))
    assert cli("eval", suite, "--backend", "offline", "-o", str(out)).code == 2
    assert cli("eval", suite, "--backend", "offline", "-o", str(out), "--force").code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["cases"][0]["case"] == "library-2025"


# ---------------------------------------------------------------- against the local test server


@pytest.fixture
def server_suite(make_suite: Callable[..., Path]) -> Path:
    return make_suite(["library-2025", "ngo-2025"])


@pytest.fixture
def server(server_suite: Path) -> ScriptedServer:
    with ScriptedServer(realiser_script(server_suite)) as running:
        yield running  # type: ignore[misc]


def model_args(server: ScriptedServer) -> list[str]:
    return ["--backend", "openai", "--base-url", server.base_url, "--max-repairs", "0"]


def baseline_run(cli: Cli, suite: Path, server: ScriptedServer, tmp_path: Path) -> Path:
    base = tmp_path / "base.json"
    result = cli("eval", str(suite), *model_args(server), "-o", str(base))
    assert result.code == 0, result.out + result.err
    return base


@pytest.mark.slow  # two model runs of the suite (16 requests or more): over 2 s
@pytest.mark.parametrize(
    ("variant", "metric"), [("drop-fact", "fact_coverage"), ("change-figure", "number_faithfulness")]
)
def test_a_worse_candidate_prompt_is_a_regression(
    cli: Cli, server_suite: Path, server: ScriptedServer, tmp_path: Path, variant: str, metric: str
) -> None:
    base = baseline_run(cli, server_suite, server, tmp_path)
    candidate = prompt_variant(tmp_path, "prompts-new", variant)
    result = cli(
        "eval",
        str(server_suite),
        *model_args(server),
        "--prompts",
        str(candidate),
        "--baseline",
        str(base),
        "--format",
        "json",
    )
    assert result.code == 1
    data = json.loads(result.out)
    regressions = {f["metric"] for f in data["failures"] if f["kind"] == "regression"}
    assert metric in regressions
    comp = next(c for c in data["comparison"] if c["metric"] == metric)
    assert comp["delta"] < 0 and comp["regressed"] == ["library-2025", "ngo-2025"]
    assert comp["ci95"][0] <= comp["delta"] <= comp["ci95"][1]


@pytest.mark.slow  # two model runs of the suite (16 requests or more): over 2 s
def test_an_identical_candidate_is_not_a_regression(
    cli: Cli, server_suite: Path, server: ScriptedServer, tmp_path: Path
) -> None:
    base = baseline_run(cli, server_suite, server, tmp_path)
    candidate = prompt_variant(tmp_path, "prompts-copy", None)
    result = cli(
        "eval", str(server_suite), *model_args(server), "--prompts", str(candidate), "--baseline", str(base)
    )
    assert result.code == 0, result.out
    assert "REGRESSED" not in result.out and "none regressed" in result.out


@pytest.mark.slow  # two model runs of the suite (16 requests or more): over 2 s
def test_a_rerun_of_an_unchanged_suite_sends_no_request(
    cli: Cli, server_suite: Path, server: ScriptedServer, tmp_path: Path
) -> None:
    baseline_run(cli, server_suite, server, tmp_path)
    sent = len(server.requests)
    assert sent == 8  # two cases of four sections
    result = cli("eval", str(server_suite), *model_args(server), "--max-concurrency", "2")
    assert result.code == 0
    assert len(server.requests) == sent


@pytest.mark.slow  # two model runs of the suite (16 requests or more): over 2 s
def test_compare_prompts_runs_both_and_writes_html(
    cli: Cli, server_suite: Path, server: ScriptedServer, tmp_path: Path
) -> None:
    old = prompt_variant(tmp_path, "prompts-a", None)
    new = prompt_variant(tmp_path, "prompts-b", "change-figure")
    page = tmp_path / "report.html"
    result = cli(
        "eval",
        str(server_suite),
        *model_args(server),
        "--compare-prompts",
        str(old),
        str(new),
        "--html",
        str(page),
    )
    assert result.code == 1
    assert "regression: number_faithfulness" in result.out
    html = page.read_text(encoding="utf-8")
    parser = HTMLParser()
    parser.feed(html)
    parser.close()
    for case in ("library-2025", "ngo-2025"):
        assert f'id="case-{case}"' in html
    assert "Baseline" in html and "Candidate" in html and 'class="unsupported"' in html


@pytest.mark.slow  # two model runs of the suite (16 requests or more): over 2 s
def test_repeat_averages_several_fresh_drafts(
    cli: Cli, server_suite: Path, server: ScriptedServer, tmp_path: Path
) -> None:
    result = cli("eval", str(server_suite), *model_args(server), "--repeat", "2")
    assert result.code == 0, result.out + result.err
    assert len(server.requests) == 16  # the second draft of each case bypasses the cache


def test_word_drafts_are_scored_like_markdown(
    cli: Cli, make_suite: Callable[..., Path], tmp_path: Path
) -> None:
    from drafter.document.word import render_docx

    suite_path = make_suite(["school-2025", "clinic-en-2025"])
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for case in load_suite(suite_path).cases:
        (drafts / f"{case.id}.docx").write_bytes(render_docx(draft(case.facts)))
    result = cli("eval", str(suite_path), "--drafts", str(drafts), "--format", "json")
    data = json.loads(result.out)
    for case in data["cases"]:
        assert case["metrics"]["structure"] == 1.0, case["violations"]
        assert case["metrics"]["number_faithfulness"] == 1.0
        assert case["metrics"]["fact_coverage"] == 1.0


def test_cases_the_baseline_lacks_are_named_and_left_out(
    cli: Cli, make_suite: Callable[..., Path], tmp_path: Path
) -> None:
    base = tmp_path / "base.json"
    assert cli("eval", str(make_suite(["library-2025"])), "--backend", "offline", "-o", str(base)).code == 0
    result = cli(
        "eval",
        str(make_suite(["library-2025", "ngo-2025"])),
        "--backend",
        "offline",
        "--baseline",
        str(base),
        "--format",
        "json",
    )
    assert result.code == 0
    assert "no result for ngo-2025" in result.err
    assert json.loads(result.out)["failures"] == []
