"""Word output, read from the .docx XML: GB/T 9704-2012 pages for Chinese, an annual report for English."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length

from drafter.document.word import WORD_JOINER, render_docx
from drafter.drafting import draft
from drafter.errors import ConfigError
from drafter.facts import load_facts, parse_facts
from drafter.sections import Draft

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def zh_draft() -> Draft:
    return draft(load_facts(EXAMPLES / "qingxi-education-2025.yaml"))


@pytest.fixture(scope="module")
def en_draft() -> Draft:
    return draft(load_facts(EXAMPLES / "riverside-library-2025.yaml"))


@pytest.fixture(scope="module")
def zh_bytes(zh_draft: Draft) -> bytes:
    return render_docx(zh_draft)


@pytest.fixture(scope="module")
def en_bytes(en_draft: Draft) -> bytes:
    return render_docx(en_draft)


def _doc(data: bytes) -> Any:
    return Document(io.BytesIO(data))


def _text(paragraph: Any) -> str:
    return str(paragraph.text).replace(WORD_JOINER, "").replace("\u00a0", " ")


def _east_asian(element: Any) -> str | None:
    fonts = element.find(f"{W}rPr/{W}rFonts")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def _part(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


# ---- Chinese: the page ----


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


def test_zh_grid_gives_22_lines_a_page_and_28_characters_a_line(zh_bytes: bytes) -> None:
    doc = _doc(zh_bytes)
    section = doc.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    text_height_pt = Length(section.page_height - section.top_margin - section.bottom_margin).pt
    line_pitch_pt = int(grid.get(qn("w:linePitch"))) / 20
    assert int(text_height_pt // line_pitch_pt) == 22
    assert line_pitch_pt == pytest.approx(28.95, abs=0.05)
    # 28 characters of 16 pt plus the condensed spacing fit the 156 mm line; 29 do not.
    width_pt = Length(section.page_width - section.left_margin - section.right_margin).pt
    spacing = doc.styles["Normal"].element.find(f"{W}rPr/{W}spacing")
    advance = 16 + int(spacing.get(qn("w:val"))) / 20
    assert 28 * advance <= width_pt < 29 * advance
    # The grid records the 28-character pitch too.
    assert 16 + int(grid.get(qn("w:charSpace"))) / 4096 == pytest.approx(width_pt / 28, abs=0.01)


def test_zh_body_has_fixed_line_spacing_and_indent(zh_bytes: bytes) -> None:
    fmt = _doc(zh_bytes).styles["Normal"].paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing.pt == pytest.approx(28.95, abs=0.05)
    assert fmt.first_line_indent.pt == 32


def test_zh_page_number_is_7mm_below_the_text_block_one_character_in(zh_bytes: bytes) -> None:
    doc = _doc(zh_bytes)
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    number = section.footer.paragraphs[0]
    line_pt = number.style.paragraph_format.line_spacing.pt
    # The footer's line box starts where the footer distance plus its own height ends.
    below_text_mm = section.bottom_margin.mm - section.footer_distance.mm - line_pt * 25.4 / 72
    assert below_text_mm == pytest.approx(7, abs=0.1)
    odd, even = number, section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and odd.paragraph_format.right_indent.pt == 14
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT and even.paragraph_format.left_indent.pt == 14
    for paragraph in (odd, even):
        assert paragraph.paragraph_format.first_line_indent == 0  # not the body's two-character indent
        assert paragraph.style.paragraph_format.first_line_indent == 0
        assert _text(paragraph) == "— 1 —"
        runs = [r for r in paragraph.runs if r.text]
        assert {r.font.size.pt for r in runs} == {14}  # 4号
        assert {_east_asian(r._r) for r in runs} == {"宋体"}
        xml = paragraph._p.xml
        assert " PAGE " in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml


# ---- Chinese: type ----


@pytest.mark.parametrize(
    ("role", "font", "size", "bold"),
    [
        ("Normal", "仿宋_GB2312", 16, False),
        ("Title", "方正小标宋简体", 22, False),
        ("Heading 1", "黑体", 16, False),
        ("Heading 2", "楷体_GB2312", 16, False),
        ("Heading 3", "仿宋_GB2312", 16, True),
    ],
)
def test_zh_styles_use_the_official_fonts_per_level(
    zh_bytes: bytes, role: str, font: str, size: int, bold: bool
) -> None:
    style = _doc(zh_bytes).styles[role]
    assert _east_asian(style.element) == font
    assert style.font.name == font
    assert style.font.size.pt == size
    assert bool(style.font.bold) is bold
    assert style.element.rPr.rFonts.get(qn("w:eastAsiaTheme")) is None


def test_zh_every_text_colour_is_black(zh_bytes: bytes) -> None:
    colours: set[str] = set()
    for name in ("word/styles.xml", "word/document.xml", "word/footer1.xml"):
        colours |= set(re.findall(r"<w:color [^>]*>", _part(zh_bytes, name)))
    assert colours == {'<w:color w:val="000000"/>'}  # no theme colour (the template's blue headings)


def test_zh_language_is_zh_cn(zh_bytes: bytes) -> None:
    doc = _doc(zh_bytes)
    lang = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(qn("w:eastAsia")) == "zh-CN" and lang.get(qn("w:val")) == "zh-CN"
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    assert theme.get(qn("w:eastAsia")) == "zh-CN"


def test_zh_paragraphs_map_to_title_headings_and_body(zh_bytes: bytes) -> None:
    paragraphs = _doc(zh_bytes).paragraphs
    title = paragraphs[0]
    assert title.style.name == "Title" and _text(title) == "青溪县教育局2025年度工作总结"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.style.paragraph_format.first_line_indent == 0
    by_style: dict[str, list[str]] = {}
    for p in paragraphs[1:]:
        by_style.setdefault(p.style.name, []).append(_text(p))
    assert by_style["Heading 1"] == ["一、2025年主要工作", "二、存在的问题和不足", "三、2026年工作安排"]
    assert by_style["Heading 2"][:2] == ["（一）学前教育", "（二）义务教育优质均衡发展"]
    assert not any(t.startswith("#") for t in by_style["Normal"])


def test_zh_numbered_points_lead_in_kaiti_like_their_level(zh_bytes: bytes) -> None:
    """The （一） points of 问题 and 安排 are second level too: their lead sentence is 楷体, the rest 仿宋."""
    doc = _doc(zh_bytes)
    points = [p for p in doc.paragraphs if p.style.name == "Normal" and _text(p).startswith("（")]
    assert len(points) >= 6  # three problems, four plans in the example
    for point in points:
        lead, *rest = [r for r in point.runs if r.text]
        assert _east_asian(lead._r) == "楷体_GB2312"
        assert lead.text.replace(WORD_JOINER, "")[-1] in "。；：！？"
        assert all(_east_asian(r._r) is None for r in rest)  # the body style's 仿宋


def test_zh_figures_are_joined_to_their_units(zh_bytes: bytes) -> None:
    text = "\n".join(p.text for p in _doc(zh_bytes).paragraphs)
    for figure in ("6.82亿元", "600多人", "约1.3万人次", "50.0%"):
        joined = WORD_JOINER.join(figure)
        # A joiner stands wherever a Chinese character meets a figure; digits stay together.
        expected = joined.replace(f"6{WORD_JOINER}.{WORD_JOINER}8{WORD_JOINER}2", "6.82")
        expected = expected.replace(f"1{WORD_JOINER}.{WORD_JOINER}3", "1.3")
        expected = expected.replace(f"6{WORD_JOINER}0{WORD_JOINER}0", "600")
        expected = expected.replace(f"5{WORD_JOINER}0{WORD_JOINER}.{WORD_JOINER}0", "50.0")
        assert expected in text, figure


def test_zh_long_title_is_split_at_a_word_boundary() -> None:
    facts = parse_facts(
        "report: {title: 青溪县人民政府办公室关于2025年度全县安全生产工作情况的总结报告, "
        "organization: 青溪县人民政府办公室, period: '2025'}\n",
        "yaml",
    )
    title = _doc(render_docx(draft(facts))).paragraphs[0]
    assert title._p.xml.count("<w:br/>") == 1
    assert [t.text for t in title._p.iter(qn("w:t"))] == [
        "青溪县人民政府办公室关于",
        "2025年度全县安全生产工作情况的总结报告",
    ]


def test_zh_font_table_declares_fallbacks(zh_bytes: bytes) -> None:
    table = _part(zh_bytes, "word/fontTable.xml")
    assert 'w:name="仿宋_GB2312"' in table and 'w:val="仿宋"' in table


def test_docx_text_is_the_draft_text(zh_bytes: bytes) -> None:
    text = "\n".join(_text(p) for p in _doc(zh_bytes).paragraphs)
    assert "举办教师培训109期" in text and "5000" not in text


# ---- report fields ----

FIELDS = (
    "report: {{title: 某县图书馆2025年度工作总结, organization: 某县图书馆, period: '2025', date: 2026-01-09"
    "{extra}}}\n"
)


def test_zh_document_number_recipients_and_signatory() -> None:
    extra = ", signatory: 某县公共图书馆, document_number: 某图发〔2026〕3号, recipients: 县委、县政府"
    facts = parse_facts(FIELDS.format(extra=extra), "yaml")
    doc = _doc(render_docx(draft(facts)))
    texts = [_text(p) for p in doc.paragraphs]
    assert texts[1] == "某图发〔2026〕3号" and doc.paragraphs[1].style.paragraph_format.alignment == 1
    assert texts[2] == "县委、县政府："
    assert doc.paragraphs[2].style.paragraph_format.first_line_indent == 0  # 顶格
    assert texts[-2:] == ["某县公共图书馆", "2026年1月9日"]


def test_properties_name_the_report_not_python_docx(zh_bytes: bytes) -> None:
    props = _doc(zh_bytes).core_properties
    assert props.title == "青溪县教育局2025年度工作总结"
    assert props.author == props.last_modified_by == "青溪县教育局"
    assert props.subject == "工作总结" and props.language == "zh-CN"
    assert "python-docx" not in (props.comments or "")
    now = dt.datetime.now(dt.UTC)
    assert abs((props.created - now).total_seconds()) < 600 and props.modified == props.created
    names = zipfile.ZipFile(io.BytesIO(zh_bytes)).namelist()
    assert not any("thumbnail" in n for n in names)
    assert "thumbnail" not in _part(zh_bytes, "_rels/.rels")


# ---- English ----


def test_en_reads_as_an_annual_report(en_bytes: bytes) -> None:
    doc = _doc(en_bytes)
    paragraphs = doc.paragraphs
    assert paragraphs[0].style.name == "Title"
    assert _text(paragraphs[1]) == "3 February 2026"  # the date from the facts, under the title
    headings = [_text(p) for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Year at a glance",
        "Overview",
        "Main achievements",
        "Problems and challenges",
        "Plans for 2026",
    ]
    sizes = {name: doc.styles[name].font.size.pt for name in ("Title", "Heading 1", "Heading 2")}
    assert sizes["Title"] > sizes["Heading 1"] > sizes["Heading 2"] > doc.styles["Normal"].font.size.pt
    assert all(doc.styles[name].font.bold for name in sizes)
    assert next(_text(p) for p in paragraphs if p.style.name == "Heading 2") == "Use of the library"
    assert "PAGE" in doc.sections[0].footer._element.xml
    assert doc.core_properties.author == "Riverside Public Library"


def test_en_year_at_a_glance_table(en_bytes: bytes) -> None:
    table = _doc(en_bytes).tables[0]
    rows = [[c.text.replace("\u00a0", " ") for c in row.cells] for row in table.rows]
    assert rows[0] == ["Measure", "This year", "Previous year", "Change"]
    assert ["Total operating budget", "$8.45 million", "$8.12 million", "+4.1%"] in rows
    assert ["Share of all loans made in digital formats", "15.8%", "13.2%", "+2.6 points"] in rows
    assert 4 <= len(rows) - 1 <= 8
    assert all(r.bold for r in table.rows[0].cells[0].paragraphs[0].runs)


def test_en_key_figures_can_be_left_out(en_draft: Draft) -> None:
    doc = _doc(render_docx(en_draft, key_figures=False))
    assert not doc.tables
    assert "Year at a glance" not in [_text(p) for p in doc.paragraphs]


def test_en_problems_and_plans_are_numbered_lists_with_a_bold_lead_in(en_bytes: bytes) -> None:
    doc = _doc(en_bytes)
    items = [p for p in doc.paragraphs if p.style.name == "List Number"]
    assert len(items) >= 6
    num_ids = [p._p.pPr.numPr.numId.val for p in items]
    assert len(set(num_ids)) == 2  # one list for the problems, one for the plans, each from 1
    for item in items:
        lead = item.runs[0]
        assert lead.bold and lead.text.endswith(".") and not _text(item)[0].isdigit()
    numbering = _part(en_bytes, "word/numbering.xml")
    for num_id in set(num_ids):
        assert f'w:numId="{num_id}"' in numbering
    assert numbering.count('w:startOverride w:val="1"') >= 2


@pytest.mark.parametrize(
    ("unit", "paper", "size_mm"),
    [
        ("USD", None, (216, 279)),
        ("GBP", None, (210, 297)),
        ("USD", "a4", (210, 297)),
        (None, "letter", (216, 279)),
    ],
)
def test_en_paper_is_letter_for_dollar_reports_unless_set(
    unit: str | None, paper: str | None, size_mm: tuple[int, int]
) -> None:
    unit_field = f", unit: {unit}" if unit else ""
    facts = parse_facts(
        "report: {title: Annual Report 2025, organization: A Library, period: '2025', language: en}\n"
        f"facts: [{{id: budget, label: operating budget, value: 8450000{unit_field}}}]\n",
        "yaml",
    )
    section = _doc(render_docx(draft(facts), paper=paper)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == size_mm


def test_unknown_paper_is_a_config_error(en_draft: Draft) -> None:
    with pytest.raises(ConfigError, match="paper"):
        render_docx(en_draft, paper="b5")


def test_zh_third_level_points_lead_in_bold_but_figures_do_not() -> None:
    from drafter.sections import DraftSection

    body = "1. 加强师资培训。全年培训教师109期。\n\n1.8亿元用于校舍改造。"
    result = Draft(
        title="某县教育局2025年度工作总结",
        language="zh",
        kind="work-summary",
        backend="offline",
        sections=[DraftSection(id="achievements", heading="一、主要工作", text=body)],
    )
    point, money = _doc(render_docx(result)).paragraphs[2:4]
    assert _text(point) == "1.加强师资培训。全年培训教师109期。"
    assert point.runs[0].bold and _text(point.runs[0]) == "1.加强师资培训。"
    assert not any(run.bold for run in money.runs)


@pytest.mark.parametrize("example", ["qingxi-education-2025.yaml", "riverside-library-2025.yaml"])
def test_a_written_docx_reads_back_and_checks_clean(tmp_path: Path, example: str) -> None:
    from drafter import check
    from drafter.document import read_draft, write_document

    facts = load_facts(EXAMPLES / example)
    path = write_document(draft(facts), tmp_path / "report.docx", "docx")
    text = read_draft(path)
    assert WORD_JOINER not in text and "\u00a0" not in text
    if "riverside" in example:  # the key-figures table is read and checked too
        assert "| Total operating budget | $8.45 million | $8.12 million | +4.1% |" in text
    report = check(text, facts)
    assert report.ok, [m.text for m in report.unsupported]
