"""Reading drafts: Markdown, text and .docx to text; bad input raises InputError with file and hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.document.reading import read_draft
from drafter.errors import InputError


def test_markdown_is_read_as_is(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_text("# 标题\n\n举办培训班109期。\n", encoding="utf-8")
    assert read_draft(path) == "# 标题\n\n举办培训班109期。\n"


def test_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_bytes("\ufeff第一行\r\n第二行\r\n".encode())
    assert read_draft(path) == "第一行\n第二行\n"


def test_docx_paragraphs_and_headings(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("某局2025年工作总结", level=1)
    document.add_paragraph("一、主要工作")
    document.add_paragraph("")
    document.add_paragraph("举办培训班109期。")
    path = tmp_path / "d.docx"
    document.save(str(path))
    assert read_draft(path) == "某局2025年工作总结\n\n一、主要工作\n\n举办培训班109期。\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.md", None, "no such file"),
        ("gbk.md", "举办培训班109期".encode("gbk"), "not UTF-8"),
        ("utf16.txt", "abc".encode("utf-16"), "UTF-16"),
        ("broken.docx", b"not a zip", "not a readable .docx"),
        ("draft.pdf", b"%PDF", "unknown draft type"),
    ],
)
def test_bad_input(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert message in str(info.value)
    assert info.value.file == str(path)
    assert info.value.hint


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read_draft(tmp_path)
