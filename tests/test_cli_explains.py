"""The CLI explains itself: help without Python types, one-line usage errors, format from the extension,
check's problem list, which prompt folder a run reads, eval refusing comparisons the offline writer cannot
make, and one wording of the backend notice."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from drafter.evals.suite import bundled_suite, find_suite
from drafter.prompts import default_prompts_root, resolve_prompts
from drafter.settings import resolve_options

ROOT = Path(__file__).resolve().parents[1]
EDUCATION = ROOT / "examples" / "qingxi-education-2025.yaml"
COMMANDS = [
    ["draft"],
    ["check"],
    ["validate"],
    ["init"],
    ["kinds"],
    ["revise"],
    ["eval"],
    ["prompts", "show"],
    ["prompts", "copy"],
    ["facts", "extract"],
    ["facts", "merge"],
    ["facts", "import"],
]
OFFLINE_NOTICE = "backend: offline (rule-based realiser, no model) (no API key or base URL configured)"


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_shows_no_python_types(cli: Any, command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.code == 0
    for leak in ("<bool>", "<str>", "<path>", "<int>", "<float>", "list[", "Path,Path", "<Path"):
        assert leak not in result.out, f"{leak} in help of {' '.join(command)}"


@pytest.mark.parametrize(
    ("command", "choices"),
    [
        (["draft"], ["<md|txt|docx>", "<offline|openai>"]),
        (["check"], ["<text|json>"]),
        (["eval"], ["<table|json>"]),
    ],
)
def test_help_lists_the_choices(cli: Any, command: list[str], choices: list[str]) -> None:
    out = cli(*command, "--help").out
    for choice in choices:
        assert choice in out


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["draft"], "error: Missing argument 'FACTS'; see drafter draft --help"),
        (
            ["check", "x.md", "f.yaml", "--format", "xml"],
            "error: Invalid value for '--format': 'xml' is not one of",
        ),
        (["kinds", "--colour"], "error: No such option: --colour"),
        (["nonsense"], "error: No such command 'nonsense'"),
    ],
)
def test_usage_errors_are_one_line(cli: Any, args: list[str], line: str) -> None:
    result = cli(*args)
    assert result.code == 2
    assert result.err.count("\n") == 1 and result.err.startswith(line)
    assert "╭" not in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "docx"],
            "error: --format: --format docx needs a file; pass -o FILE.docx (Word is not text)",
        ),
        (
            ["-o", "{tmp}/x.docx", "--format", "md"],
            "--format md disagrees with the extension .docx; drop --format",
        ),
        (["-o", "{tmp}/x.md", "--format", "docx"], "--format docx disagrees with the extension .md"),
    ],
)
def test_format_and_extension_must_agree(cli: Any, tmp_path: Path, args: list[str], message: str) -> None:
    result = cli("draft", EDUCATION, *(a.format(tmp=tmp_path) for a in args))
    assert result.code == 2
    assert message in result.err and result.err.count("\n") == 1
    assert [p.name for p in tmp_path.iterdir() if p.name != "drafter-home"] == []  # nothing written


def test_format_from_the_extension(cli: Any, tmp_path: Path) -> None:
    result = cli("draft", EDUCATION, "-o", tmp_path / "report.docx")
    assert result.code == 0, result.err
    assert (tmp_path / "report.docx").read_bytes()[:2] == b"PK"


BAD_DRAFT = """# 青溪县教育局2025年度工作总结

2025年，全县全年教育投入6.82亿元，比上年增长11.9%，新建、改扩建公办幼儿园12所。
"""


@pytest.fixture
def bad_draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(BAD_DRAFT, encoding="utf-8")
    return path


def test_check_prints_only_the_problems_with_context_reason_and_a_compatible_hint(
    cli: Any, bad_draft: Path
) -> None:
    result = cli("check", bad_draft, EDUCATION)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == f"{bad_draft}:3:27: 11.9% unsupported"
    assert "比上年增长11.9%，新建" in lines[1] and len(lines[1]) < 80
    assert lines[2].startswith("  why: ")
    assert lines[3] == "  did you mean 10.9%: growth of 全年教育投入, 6.82 vs 6.15 亿元"
    assert "12 所" not in result.out and "new_kindergartens" not in result.out  # no hint of another unit
    assert re.fullmatch(r"\d+ figures: \d+ supported, \d+ derived, 1 unsupported, 0 misattributed", lines[-1])
    # The draft itself is not printed: its words appear only in the context line and the reason.
    assert "6.82亿元" not in result.out.replace(lines[1], "").replace(lines[2], "")


def test_check_show_draft_and_the_facts_option_alias(cli: Any, bad_draft: Path) -> None:
    shown = cli("check", bad_draft, "--facts", EDUCATION, "--show-draft")
    assert shown.code == 1
    assert shown.out.startswith("青溪县教育局2025年度工作总结") or shown.out.startswith("# 青溪县")
    assert shown.out.splitlines()[-1].endswith("1 unsupported, 0 misattributed")


def test_check_without_facts_is_one_line(cli: Any, bad_draft: Path) -> None:
    result = cli("check", bad_draft)
    assert (result.code, result.err) == (
        2,
        "error: missing the facts file; usage: drafter check DRAFT FACTS\n",
    )


def test_check_warns_when_the_draft_is_of_another_report(cli: Any, tmp_path: Path) -> None:
    draft = tmp_path / "old.md"
    draft.write_text("# 青溪县教育局2024年度工作总结\n\n全年教育投入6.82亿元。\n", encoding="utf-8")
    result = cli("check", draft, EDUCATION)
    assert "warning: the draft's title '青溪县教育局2024年度工作总结' is not the facts' title" in result.err
    assert "warning: the draft's title names 2024 but the facts' period is 2025" in result.err


def test_prompt_folder_resolution_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_prompts("work-summary", "zh", cwd=tmp_path).origin == "bundled"
    assert resolve_prompts("work-summary", "zh", cwd=tmp_path).root == default_prompts_root()
    local = tmp_path / "prompts" / "work-summary" / "zh"
    local.mkdir(parents=True)
    assert resolve_prompts("work-summary", "zh", cwd=tmp_path).origin == "bundled"  # no system.md yet
    (local / "system.md").write_text("---\nversion: 1\n---\nx\n", encoding="utf-8")
    assert resolve_prompts("work-summary", "zh", cwd=tmp_path).origin == "./prompts"
    assert resolve_prompts("work-summary", "en", cwd=tmp_path).origin == "bundled"  # not this language
    (tmp_path / "drafter.toml").write_text('prompts_dir = "mine"\n', encoding="utf-8")
    options = resolve_options(cwd=tmp_path)
    chosen = resolve_prompts("work-summary", "zh", options.prompts_dir, options.prompts_origin, cwd=tmp_path)
    assert (chosen.root, chosen.origin) == (tmp_path / "mine", str(tmp_path / "drafter.toml"))
    flagged = resolve_options(prompts=tmp_path / "flag", cwd=tmp_path)
    assert (
        resolve_prompts("work-summary", "zh", flagged.prompts_dir, flagged.prompts_origin).origin
        == "--prompts"
    )


def test_a_model_draft_says_which_prompt_folder_it_reads(
    cli: Any, openai_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    openai_server.set_script(lambda request: "全年教育投入6.82亿元。")
    monkeypatch.chdir(tmp_path)
    assert cli("prompts", "copy", "prompts").code == 0
    result = cli("draft", EDUCATION, "--base-url", openai_server.base_url, "--max-repairs", "0")
    assert f"prompts: {tmp_path / 'prompts'} (./prompts)" in result.err


def test_an_offline_draft_says_it_reads_no_prompts_in_the_shared_notice(cli: Any) -> None:
    result = cli("draft", EDUCATION)
    assert result.err.splitlines()[:2] == [
        OFFLINE_NOTICE,
        "prompts: none (the offline writer reads no prompt files)",
    ]


def test_prompts_copy_makes_an_editable_copy_and_refuses_to_copy_over(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "my-prompts"
    done = cli("prompts", "copy", target)
    assert done.code == 0
    assert (target / "work-summary" / "zh" / "system.md").is_file()
    assert f"--prompts {target}" in done.out
    again = cli("prompts", "copy", target)
    assert again.code == 2 and "already exists" in again.err


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["--compare-prompts", "a", "b"],
            "error: --compare-prompts needs a model backend: the offline writer reads no prompt files, "
            "so nothing would be compared; use --backend openai with --base-url (a local server) or "
            "OPENAI_API_KEY\n",
        ),
        (["--prompts", "a"], "error: --prompts needs a model backend"),
    ],
)
def test_eval_refuses_prompt_comparisons_offline(cli: Any, args: list[str], line: str) -> None:
    result = cli("eval", "--backend", "offline", *args)
    assert result.code == 2
    assert result.err.startswith(line) and result.err.count("\n") == 1


def test_the_default_suite_is_found_from_any_folder(tmp_path: Path) -> None:
    assert find_suite(None, cwd=tmp_path) == bundled_suite()
    assert bundled_suite().is_file()
    local = tmp_path / "evals" / "suite.yaml"
    local.parent.mkdir()
    local.write_text("cases: []\n", encoding="utf-8")
    assert find_suite(None, cwd=tmp_path) == local
    assert find_suite(Path("x.yaml"), cwd=tmp_path) == Path("x.yaml")


def test_the_wheel_ships_the_suite_and_its_examples() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"evals" = "drafter/_data/evals"' in pyproject
    assert '"examples" = "drafter/_data/examples"' in pyproject  # the suite names ../examples/...


def test_kinds_names_each_language_of_a_kind(cli: Any) -> None:
    first = cli("kinds").out.splitlines()[0]
    assert first == "work-summary  工作总结 (Chinese) · Annual report (English)"


def test_revise_and_draft_word_the_backend_notice_alike(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = tmp_path / "f.yaml"
    facts.write_text(EDUCATION.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("q\n"))
    revised = cli("revise", facts)
    assert revised.code == 0, revised.err
    assert revised.err.splitlines()[0] == OFFLINE_NOTICE
    assert cli("draft", facts).err.splitlines()[0] == OFFLINE_NOTICE


def test_o_names_the_written_file_in_init_too(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "facts.yaml"
    assert cli("init", "-o", target).code == 0
    assert target.read_text(encoding="utf-8").startswith("#")
    missing = cli("init")
    assert (missing.code, missing.err) == (
        2,
        "error: missing the file to write; usage: drafter init FILE [--language zh|en]\n",
    )


def test_a_long_problem_list_is_capped_and_a_sentence_is_no_title(cli: Any, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        'report: {title: 报告, organization: 某局, period: "2025"}\n'
        "facts:\n  - {id: a, label: 人数, value: 5, unit: 人}\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.md"
    draft.write_text("全年服务群众" + "，".join(["7人"] * 150) + "。", encoding="utf-8")
    result = cli("check", draft, facts)
    assert result.code == 1
    assert result.out.count(" unsupported\n") == 100  # one line each, the rest counted below
    assert "… and 50 more (--format json lists them all)" in result.out
    assert result.err == ""  # the first line is a sentence, not a title to compare


def test_a_file_name_with_an_emoji_code_is_named_as_written(cli: Any, tmp_path: Path) -> None:
    # rich turned ":cd:" in an error line into a CD emoji, so the message named a file that does not exist.
    missing = tmp_path / "report:cd:2025.yaml"
    result = cli("validate", missing)
    assert result.code == 2
    assert f"{missing}: no such file" in result.err and "💿" not in result.err
