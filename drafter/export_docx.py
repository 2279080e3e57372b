"""Draft → Word ``.docx``: GB/T 9704-2012 layout for Chinese, a clean standard layout for English.

python-docx is imported inside :func:`render_docx`, so commands that never write Word stay fast.
"""

from __future__ import annotations

import io
from typing import Any

from drafter.document import body_blocks
from drafter.resources import load_yaml
from drafter.sections import Draft

LAYOUT_PACKAGE = "drafter.realize.data"


def layout(language: str) -> dict[str, Any]:
    """Return the page and type settings for ``language`` (from ``docx_layout.yaml``)."""
    data: dict[str, Any] = load_yaml(LAYOUT_PACKAGE, "docx_layout.yaml")
    return dict(data["zh" if language == "zh" else "en"])


def render_docx(draft: Draft) -> bytes:
    """Return ``draft`` as the bytes of a .docx file.

    Chinese: A4, margins 37/35/28/26 mm, body 仿宋_GB2312 16 pt at a fixed 28.95 pt line pitch, title
    方正小标宋简体 22 pt centred, 一、 headings 黑体, （一） headings 楷体_GB2312, page numbers in the footer.
    English: Title, Heading 1 and Heading 2 styles, page numbers in the footer.
    """
    from docx import Document

    spec = layout(draft.language)
    doc = Document()
    _page(doc, spec)
    _styles(doc, spec)
    doc.add_paragraph(draft.title, style=spec["title"]["style"])
    for section in draft.sections:
        if section.heading:
            doc.add_paragraph(section.heading, style=spec["heading1"]["style"])
        for kind, text in body_blocks(section.text):
            style = spec["heading2"]["style"] if kind == "heading" else spec["body"]["style"]
            doc.add_paragraph(text, style=style)
    _signature(doc, draft.signature, spec)
    _footers(doc, spec)
    _font_fallbacks(doc, spec.get("fallbacks", {}))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _signature(doc: Any, lines: list[str], spec: dict[str, Any]) -> None:
    """Add the issuer and date: the date right-aligned four characters in, the issuer centred over it."""
    if not lines:
        return
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    char = spec["body"]["size"]  # one character is one em of the body font
    date_width = len(lines[-1])
    doc.add_paragraph("", style=spec["body"]["style"])  # GB/T 9704: one blank line before the signature
    for line in lines:
        paragraph = doc.add_paragraph(line, style=spec["body"]["style"])
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        # 成文日期右空四字; 署名以成文日期为准居中 (a longer issuer simply starts further left).
        chars_in = 4 + max(0.0, (date_width - len(line)) / 2)
        paragraph.paragraph_format.right_indent = Pt(char * chars_in)
        paragraph.paragraph_format.first_line_indent = Pt(0)


def _page(doc: Any, spec: dict[str, Any]) -> None:
    from docx.shared import Mm

    page = spec["page"]
    for section in doc.sections:
        section.page_width, section.page_height = Mm(page["width"]), Mm(page["height"])
        section.top_margin, section.bottom_margin = Mm(page["top"]), Mm(page["bottom"])
        section.left_margin, section.right_margin = Mm(page["left"]), Mm(page["right"])


def _styles(doc: Any, spec: dict[str, Any]) -> None:
    for role in ("body", "title", "heading1", "heading2"):
        _style(doc.styles[spec[role]["style"]], spec[role])


def _style(style: Any, spec: dict[str, Any]) -> None:
    """Apply one role's font, size, colour, alignment, spacing and indent to ``style``."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    font = style.font
    if "font" in spec:
        set_font(style.element, spec["font"])
    font.size = Pt(spec["size"])
    _complex_script(style.element, spec["size"])
    font.bold = spec.get("bold", False)
    font.italic = False
    font.color.rgb = RGBColor(0, 0, 0)
    fmt = style.paragraph_format
    if "align" in spec:
        fmt.alignment = getattr(WD_ALIGN_PARAGRAPH, spec["align"].upper())
    if "line_pt" in spec:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spec["line_pt"])
    fmt.space_before = Pt(spec.get("space_before", 0))
    fmt.space_after = Pt(spec.get("space_after", 0))
    # Explicit zero: styles based on Normal would otherwise inherit its first-line indent.
    fmt.first_line_indent = Pt(spec.get("indent_pt", 0))
    _drop_border(style.element)


def set_font(element: Any, name: str) -> None:
    """Set every script's font of a style or run ``element`` to ``name``, the east-Asian one included.

    Theme font attributes are removed: Word prefers them to explicit names.
    """
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)


def _complex_script(element: Any, size_pt: float) -> None:
    """Match the complex-script size to ``size_pt`` and drop complex-script bold left by the template."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    for tag in ("w:szCs", "w:bCs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    size = OxmlElement("w:szCs")
    size.set(qn("w:val"), str(round(size_pt * 2)))  # half-points
    sz = rpr.find(qn("w:sz"))
    # Schema order: szCs comes right after sz.
    if sz is not None:
        sz.addnext(size)
    else:
        rpr.append(size)


def _drop_border(element: Any) -> None:
    # The default template's Title style draws a rule under the title; a 公文 title has none.
    from docx.oxml.ns import qn

    ppr = element.find(qn("w:pPr"))
    border = ppr.find(qn("w:pBdr")) if ppr is not None else None
    if border is not None:
        ppr.remove(border)


def _footers(doc: Any, spec: dict[str, Any]) -> None:
    """Put a PAGE field in the footer: outer side for Chinese (odd right, even left), centred for English."""
    footer = spec["footer"]
    section = doc.sections[0]
    if footer.get("odd_even"):
        doc.settings.odd_and_even_pages_header_footer = True
        _page_number(section.footer.paragraphs[0], footer, "right")
        _page_number(section.even_page_footer.paragraphs[0], footer, "left")
    else:
        _page_number(section.footer.paragraphs[0], footer, "center")


def _page_number(paragraph: Any, spec: dict[str, Any], side: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph.alignment = getattr(WD_ALIGN_PARAGRAPH, side.upper())
    fmt = paragraph.paragraph_format
    if side == "right":
        fmt.right_indent = Pt(spec["size"])
    elif side == "left":
        fmt.left_indent = Pt(spec["size"])
    _footer_run(paragraph, spec, spec.get("before", ""))
    _field(paragraph, spec, "PAGE")
    _footer_run(paragraph, spec, spec.get("after", ""))


def _footer_run(paragraph: Any, spec: dict[str, Any], text: str) -> Any:
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.size = Pt(spec["size"])
    if "font" in spec:
        set_font(run._r, spec["font"])
    return run


def _field(paragraph: Any, spec: dict[str, Any], instruction: str) -> None:
    """Append a complex field (begin, instruction, separate, placeholder, end) to ``paragraph``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    _footer_run(paragraph, spec, "")._r.append(char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    _footer_run(paragraph, spec, "")._r.append(instr)
    _footer_run(paragraph, spec, "")._r.append(char("separate"))
    _footer_run(paragraph, spec, "1")
    _footer_run(paragraph, spec, "")._r.append(char("end"))


def _font_fallbacks(doc: Any, fallbacks: dict[str, str]) -> None:
    """Declare each font with a fallback (``w:altName``) in the font table: 仿宋_GB2312 → 仿宋."""
    if not fallbacks:
        return
    from lxml import etree

    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    w = root.nsmap["w"]
    for name, alt in fallbacks.items():
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": alt})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})
    # The font table is a plain part in python-docx: replace its bytes.
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
