"""Draft → Markdown / text, the output format, and safe (atomic, non-clobbering) writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drafter.document import body_blocks, choose_format, render_markdown, render_text, write_document
from drafter.errors import InputError, OutputExistsError
from drafter.sections import Draft, DraftSection

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _draft(language: str = "zh") -> Draft:
    sections = [
        DraftSection(id="overview", heading=None, text="开头段。"),
        DraftSection(
            id="achievements", heading="一、2025年主要工作", text="### （一）师资建设\n\n举办培训109期。"
        ),
        DraftSection(id="problems", heading="二、存在的问题和不足", text="（一）投入不足。"),
    ]
    return Draft(
        title="某县教育局2025年度工作总结",
        language=language,
        kind="work-summary",
        backend="offline",
        sections=sections,
    )


def test_markdown_has_title_headings_and_sub_headings() -> None:
    assert render_markdown(_draft()) == (
        "# 某县教育局2025年度工作总结\n\n开头段。\n\n## 一、2025年主要工作\n\n### （一）师资建设\n\n"
        "举办培训109期。\n\n## 二、存在的问题和不足\n\n（一）投入不足。\n"
    )


def test_text_drops_heading_marks_only() -> None:
    text = render_text(_draft())
    assert text.startswith("某县教育局2025年度工作总结\n\n开头段。")
    assert "#" not in text and "（一）师资建设\n\n举办培训109期。" in text


@pytest.mark.parametrize(
    ("path", "fmt", "expected"),
    [
        (None, None, "md"),
        ("out.md", None, "md"),
        ("out.markdown", None, "md"),
        ("OUT.TXT", None, "txt"),
        ("out.docx", None, "docx"),
        ("out.md", "docx", "docx"),
        (None, "txt", "txt"),
    ],
)
def test_format_comes_from_option_then_extension(path: str | None, fmt: str | None, expected: str) -> None:
    assert choose_format(Path(path) if path else None, fmt) == expected


@pytest.mark.parametrize(("path", "fmt"), [("out.pdf", None), ("out.md", "pdf")])
def test_unknown_format_is_refused(path: str, fmt: str | None) -> None:
    with pytest.raises(InputError):
        choose_format(Path(path), fmt)


@pytest.mark.parametrize("fmt", ["md", "txt", "docx"])
def test_write_refuses_to_overwrite_without_force(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    target.write_text("keep me")
    with pytest.raises(OutputExistsError):
        write_document(_draft(), target, fmt)  # type: ignore[arg-type]
    assert target.read_text() == "keep me"
    write_document(_draft(), target, fmt, force=True)  # type: ignore[arg-type]
    assert target.read_bytes() != b"keep me"


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_document(_draft(), out / "a.md", "md")
    write_document(_draft(), out / "a.docx", "docx")
    write_document(_draft(), out / "a.md", "md", force=True)
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "a.md"]
    assert (out / "a.md").read_text(encoding="utf-8") == render_markdown(_draft())


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        (
            "### （一）师资建设\n\n第一段。\n\n第二段",
            [("heading", "（一）师资建设"), ("paragraph", "第一段。"), ("paragraph", "第二段")],
        ),
        ("### Finance\nThe budget\nrose.", [("heading", "Finance"), ("paragraph", "The budget rose.")]),
        ("中文\n续行", [("paragraph", "中文续行")]),
        ("", []),
    ],
)
def test_body_blocks(text: str, blocks: list[tuple[str, str]]) -> None:
    assert body_blocks(text) == blocks


def _drafter(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    code = "from drafter.cli.main import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd)


def test_cli_draft_writes_docx_and_refuses_a_second_run(tmp_path: Path) -> None:
    example = str(EXAMPLES / "qingxi-education-2025.yaml")
    first = _drafter("draft", example, "-o", "out.docx", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "out.docx").read_bytes()[:2] == b"PK"
    second = _drafter("draft", example, "-o", "out.docx", cwd=tmp_path)
    assert second.returncode == 2
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and "out.docx" in lines[0] and "--force" in lines[0]
    assert "Traceback" not in second.stderr
    assert _drafter("draft", example, "-o", "out.docx", "--force", cwd=tmp_path).returncode == 0
