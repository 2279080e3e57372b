"""Word output: GB/T 9704-2012 layout for Chinese drafts, standard styles for English ones."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from drafter.document.word import render_docx
from drafter.drafting import draft
from drafter.facts import load_facts

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def zh_bytes() -> bytes:
    return render_docx(draft(load_facts(EXAMPLES / "qingxi-education-2025.yaml")))


@pytest.fixture(scope="module")
def en_bytes() -> bytes:
    return render_docx(draft(load_facts(EXAMPLES / "riverside-library-2025.yaml")))


def _doc(data: bytes) -> Any:
    return Document(io.BytesIO(data))


def _east_asian(style: Any) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_zh_page_is_a4_with_gb9704_margins(zh_bytes: bytes) -> None:
    section = _doc(zh_bytes).sections[0]
    sizes = [
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ]
    assert [round(s.mm) for s in sizes] == [210, 297, 37, 35, 28, 26]


@pytest.mark.parametrize(
    ("role", "font", "size"),
    [
        ("Normal", "仿宋_GB2312", 16),
        ("Title", "方正小标宋简体", 22),
        ("Heading 1", "黑体", 16),
        ("Heading 2", "楷体_GB2312", 16),
    ],
)
def test_zh_styles_use_the_official_fonts(zh_bytes: bytes, role: str, font: str, size: int) -> None:
    style = _doc(zh_bytes).styles[role]
    assert _east_asian(style) == font
    assert style.font.name == font
    assert style.font.size.pt == size
    assert style.element.rPr.rFonts.get(qn("w:eastAsiaTheme")) is None


def test_zh_body_has_fixed_line_spacing_and_indent(zh_bytes: bytes) -> None:
    fmt = _doc(zh_bytes).styles["Normal"].paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing.pt == pytest.approx(28.95, abs=0.05)
    assert fmt.first_line_indent.pt == 32


def test_zh_paragraphs_map_to_title_headings_and_body(zh_bytes: bytes) -> None:
    paragraphs = _doc(zh_bytes).paragraphs
    title = paragraphs[0]
    assert title.style.name == "Title" and title.text == "青溪县教育局2025年度工作总结"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.style.paragraph_format.first_line_indent == 0
    by_style: dict[str, list[str]] = {}
    for p in paragraphs[1:]:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["Heading 1"] == ["一、2025年主要工作", "二、存在的问题和不足", "三、2026年工作安排"]
    assert by_style["Heading 2"][:2] == ["（一）学前教育", "（二）义务教育优质均衡发展"]
    assert not any(t.startswith("#") for t in by_style["Normal"])


def test_zh_footer_has_page_number_field_on_both_page_sides(zh_bytes: bytes) -> None:
    doc = _doc(zh_bytes)
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml


def test_zh_font_table_declares_fallbacks(zh_bytes: bytes) -> None:
    table = zipfile.ZipFile(io.BytesIO(zh_bytes)).read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="仿宋_GB2312"' in table and 'w:val="仿宋"' in table


def test_en_uses_standard_styles(en_bytes: bytes) -> None:
    doc = _doc(en_bytes)
    styles = [p.style.name for p in doc.paragraphs]
    assert styles[0] == "Title"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Overview", "Main achievements", "Problems and challenges", "Plans for 2026"]
    assert next(p.text for p in doc.paragraphs if p.style.name == "Heading 2") == "Use of the library"
    assert "PAGE" in doc.sections[0].footer._element.xml


def test_docx_text_is_the_draft_text(zh_bytes: bytes) -> None:
    text = "\n".join(p.text for p in _doc(zh_bytes).paragraphs)
    assert "举办教师培训109期" in text and "5000" not in text
