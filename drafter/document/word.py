"""Draft → Word ``.docx``: GB/T 9704-2012 pages for Chinese, an annual-report layout for English.

Chinese: A4 with the standard's margins, a 28 × 22 document grid, the title split at word boundaries,
headings 黑体 / 楷体 / 仿宋 bold by level, the lead sentence of a （一） point in 楷体, figures joined to
their units (no line break between 1.8 and 亿元左右), the signature, and page numbers "— 1 —" 7 mm below
the text block on the outer side. English: the date under the title, a "Year at a glance" table, bold
headings, problems and plans as numbered lists with a bold lead-in, Letter paper for dollar reports.
Both: black text, the document language, and properties (title, author, subject, dates) of their own.

python-docx is imported inside :func:`render_docx`, so commands that never write Word stay fast.
"""

from __future__ import annotations

import io
import itertools
import re
from typing import Any

from drafter.document import front, ooxml
from drafter.document.blocks import Block, body_blocks
from drafter.document.titles import split_title
from drafter.errors import ConfigError
from drafter.resources import load_yaml
from drafter.sections import Draft
from drafter.settings import PAPERS

LAYOUT_PACKAGE = "drafter.document.data"
ROLES = ("body", "title", "number", "recipients", "heading1", "heading2", "heading3", "list", "footer")
WORD_JOINER = "\u2060"  # zero-width, forbids a line break where it stands (Word and LibreOffice honour it)
_CJK = re.compile(r"[\u3400-\u9fff％%]")
# The first sentence of a numbered point: （一）在学前教育方面，…。 / 1. Buildings. …
_LEAD = re.compile(r"(（[一二三四五六七八九十]+）|\d{1,2}[.．、](?!\d))([^。；：！？]{0,40}?[。；：！？])")


def layout(language: str) -> dict[str, Any]:
    """Return the page and type settings for ``language`` (from ``word_layout.yaml``)."""
    data: dict[str, Any] = load_yaml(LAYOUT_PACKAGE, "word_layout.yaml")
    return dict(data["zh" if language == "zh" else "en"])


def paper_size(draft: Draft, paper: str | None) -> tuple[float, float] | None:
    """Return the English page size in mm: ``paper`` (``a4`` or ``letter``), else Letter for a dollar report.

    Returns ``None`` for Chinese (always A4, from the layout).

    Raises:
        ConfigError: ``paper`` is neither ``a4`` nor ``letter``.
    """
    if paper is not None and paper not in PAPERS:
        raise ConfigError(f"unknown paper size '{paper}'", field="paper", hint="use a4 or letter")
    if draft.language == "zh":
        return None
    spec = layout(draft.language)
    if paper is None:
        units = {f.unit for f in draft.facts.facts} if draft.facts else set()
        paper = "letter" if units & set(spec["letter_currencies"]) else "a4"
    width, height = spec["papers"][paper]
    return float(width), float(height)


def render_docx(draft: Draft, *, key_figures: bool = True, paper: str | None = None) -> bytes:
    """Return ``draft`` as the bytes of a .docx file.

    Args:
        draft: The draft.
        key_figures: Include the English "Year at a glance" table (when there are enough facts).
        paper: ``a4`` or ``letter`` for English drafts; ``None`` chooses Letter for USD reports, else A4.
    """
    from docx import Document

    spec = layout(draft.language)
    size = paper_size(draft, paper)
    if size is not None:
        spec["page"] = {**spec["page"], "width": size[0], "height": size[1]}
    doc = Document()
    _page(doc, spec)
    _styles(doc, spec)
    writer = _Writer(doc, spec, draft)
    writer.title()
    if key_figures:
        writer.key_figures()
    writer.sections()
    writer.signature()
    _footers(doc, spec)
    ooxml.font_fallbacks(doc, spec.get("fallbacks", {}))
    facts = draft.facts
    org = facts.report.organization if facts else ""
    kind = "工作总结" if draft.language == "zh" else "Annual report"
    ooxml.properties(doc, title=draft.title, author=org, subject=kind, language=spec["lang"]["val"])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class _Writer:
    """Adds the paragraphs of one draft to ``doc`` in the layout ``spec``."""

    def __init__(self, doc: Any, spec: dict[str, Any], draft: Draft) -> None:
        self.doc, self.spec, self.draft = doc, spec, draft
        self.zh = draft.language == "zh"
        self.terms = tuple(draft.facts.terms) if draft.facts else ()
        self._style_ids: dict[str, str | None] = {}

    def paragraph(self, style: str) -> Any:
        """Add an empty paragraph of the paragraph style named ``style``.

        The same as ``doc.add_paragraph(style=style)``, with each style's id looked up once: python-docx
        looks the name up among all the document's styles, and compares it with the default style, for
        every paragraph (two thirds of the time a document took).
        """
        from docx.enum.style import WD_STYLE_TYPE

        if style not in self._style_ids:
            self._style_ids[style] = self.doc.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        paragraph = self.doc.add_paragraph()
        paragraph._p.style = self._style_ids[style]  # what python-docx's style setter does with the id
        return paragraph

    def para(self, role: str, text: str = "") -> Any:
        """Add a paragraph of ``role``'s style holding ``text`` (figures joined to their units)."""
        paragraph = self.paragraph(self.spec[role]["style"])
        if text:
            paragraph.add_run(self.joined(text))
        return paragraph

    def joined(self, text: str) -> str:
        """Return ``text`` with word joiners inside every figure, so no line breaks between 1.8 and 亿元."""
        from drafter.numbers.extract import extract

        out, last = [], 0
        for found in extract(text, self.terms):
            out.append(text[last : found.start])
            out.append(_no_breaks(text[found.start : found.end], zh=self.zh))
            last = found.end
        out.append(text[last:])
        return "".join(out)

    def title(self) -> None:
        """The title (a Chinese one split at word boundaries), then the date or document number."""
        paragraph = self.para("title")
        lines = split_title(self.draft.title) if self.zh else [self.draft.title]
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)  # lines end at word boundaries already
            if i < len(lines) - 1:
                run.add_break()
        for extra in (front.date_line(self.draft), front.document_number(self.draft)):
            if extra:
                self.para("number", extra)
        recipients = front.recipients_line(self.draft)
        if recipients and self.zh:
            self.para("recipients", recipients)

    def key_figures(self) -> None:
        """The English "Year at a glance" table, under its heading."""
        table = front.key_figures(self.draft)
        if table is None:
            return
        self.para("heading1", table.heading)
        grid = self.doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
        grid.style = self.doc.styles[self.spec["table"]["style"]]
        section = self.doc.sections[0]
        text_width = section.page_width - section.left_margin - section.right_margin
        first = int(text_width * self.spec["table"]["first_column"])
        widths = [first] + [(text_width - first) // (len(table.columns) - 1)] * (len(table.columns) - 1)
        grid.autofit = False
        for column, column_width in zip(grid.columns, widths, strict=True):
            column.width = column_width  # the grid LibreOffice reads; the cells' widths are Word's
        # A row's cells, not grid.cell(r, c): python-docx lists every cell of the table for each call.
        for r, (row, texts) in enumerate(zip(grid.rows, [table.columns, *table.rows], strict=True)):
            for c, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
                cell.width = widths[c]
                self._cell(cell, text, header=r == 0, right=c > 0)

    def _cell(self, cell: Any, text: str, *, header: bool, right: bool) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run(text)  # a narrow cell may wrap "more than" above its figure
        run.bold = header
        run.font.size = Pt(self.spec["table"]["size"])

    def sections(self) -> None:
        """Section headings and bodies: sub-headings by level, paragraphs, numbered points."""
        recipients = front.recipients_line(self.draft)
        if recipients and not self.zh:
            self.para("recipients", recipients)
        for section in self.draft.sections:
            if section.heading:
                self.para("heading1", section.heading)
            num_id: int | None = None
            for block in body_blocks(section.text):
                if block.kind == "item" and not self.zh:
                    if num_id is None:
                        num_id = ooxml.new_list(self.doc, self.doc.styles[self.spec["list"]["style"]])
                    self.item(block, num_id)
                elif block.kind == "item":  # a Chinese "1." point: third level, numbered in the text
                    self.block(Block("paragraph", f"{block.level}.{block.text}"))
                else:
                    num_id = None
                    self.block(block)

    def block(self, block: Block) -> None:
        """A heading of its level, or a body paragraph whose numbered lead sentence takes its level's face."""
        if block.kind == "heading":
            self.para(f"heading{min(block.level + 1, 3)}", block.text)
            return
        lead = _LEAD.match(block.text) if self.zh else None
        if lead is None:
            self.para("body", block.text)
            return
        paragraph = self.para("body")
        face = self.spec["leads"]["（" if lead.group(1).startswith("（") else "1"]
        run = paragraph.add_run(self.joined(lead.group(0)))
        if "font" in face:
            ooxml.set_font(run._r, face["font"])
        run.bold = face.get("bold") or None
        rest = block.text[lead.end() :]
        if rest:
            paragraph.add_run(self.joined(rest))

    def item(self, block: Block, num_id: int) -> None:
        """An English numbered point: ``Buildings.`` in bold, then the point."""
        paragraph = self.paragraph(self.spec["list"]["style"])
        ooxml.number_paragraph(paragraph, num_id)
        head, sep, rest = block.text.partition(". ")
        if sep and len(head) <= 60:
            paragraph.add_run(self.joined(head + ".")).bold = True
            paragraph.add_run(" " + self.joined(rest))
        else:
            paragraph.add_run(self.joined(block.text))

    def signature(self) -> None:
        """The issuer and date: the date right-aligned four characters in, the issuer centred over it."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        lines = front.sign_off(self.draft)
        if not lines:
            return
        if not self.zh:
            for line in lines:
                self.para("body", line)
            return
        char = self.spec["body"]["size"]  # one character is one em of the body font
        date_width = len(lines[-1])
        self.para("body")  # GB/T 9704: one blank line before the signature
        for line in lines:
            paragraph = self.para("body", line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            # 成文日期右空四字; 署名以成文日期为准居中 (a longer issuer simply starts further left).
            chars_in = 4 + max(0.0, (date_width - len(line)) / 2)
            paragraph.paragraph_format.right_indent = Pt(char * chars_in)
            paragraph.paragraph_format.first_line_indent = Pt(0)


def _no_breaks(figure: str, *, zh: bool) -> str:
    """Join one figure's characters: word joiners beside Chinese ones, no-break spaces in English."""
    if not zh:
        return figure.replace(" ", "\u00a0")
    out = figure[:1]
    for prev, ch in itertools.pairwise(figure):
        out += (WORD_JOINER if _CJK.match(prev) or _CJK.match(ch) else "") + ch
    return out


def _page(doc: Any, spec: dict[str, Any]) -> None:
    from docx.shared import Mm

    page = spec["page"]
    for section in doc.sections:
        section.page_width, section.page_height = Mm(page["width"]), Mm(page["height"])
        section.top_margin, section.bottom_margin = Mm(page["top"]), Mm(page["bottom"])
        section.left_margin, section.right_margin = Mm(page["left"]), Mm(page["right"])
    ooxml.default_size(doc, spec["body"]["size"])
    ooxml.languages(doc, spec["lang"])


def _styles(doc: Any, spec: dict[str, Any]) -> None:
    ooxml.black_everywhere(doc)
    spacing = 0.0
    if "grid" in spec:
        grid = spec["grid"]
        spacing = ooxml.doc_grid(doc.sections[0], grid["chars"], grid["lines"], spec["body"]["size"])
    for role in ROLES:
        if role in spec:
            style = doc.styles[spec[role]["style"]]
            _style(style, spec[role])
            # Every line of body-size text holds the grid's 28 characters; the title and footer keep theirs.
            ooxml.char_spacing(style.element, spacing if spec[role]["size"] == spec["body"]["size"] else 0)


def _style(style: Any, spec: dict[str, Any]) -> None:
    """Apply one role's font, size, colour, alignment, spacing and indent to ``style``."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    font = style.font
    if "font" in spec:
        ooxml.set_font(style.element, spec["font"])
    font.size = Pt(spec["size"])
    ooxml.complex_script_size(style.element, spec["size"])
    font.bold = spec.get("bold", False)
    font.italic = False
    font.color.rgb = RGBColor(0, 0, 0)
    fmt = style.paragraph_format
    if "align" in spec:
        fmt.alignment = getattr(WD_ALIGN_PARAGRAPH, spec["align"].upper())
    if "line_pt" in spec:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spec["line_pt"])
    elif "line_multiple" in spec:
        fmt.line_spacing = spec["line_multiple"]
    fmt.space_before = Pt(spec.get("space_before", 0))
    fmt.space_after = Pt(spec.get("space_after", 0))
    # Explicit zeros: styles based on Normal would otherwise inherit its first-line indent.
    fmt.first_line_indent = Pt(spec.get("indent_pt", 0))
    if spec["style"] != "List Number":  # a list's indents come from its numbering
        fmt.left_indent = fmt.right_indent = Pt(0)
    if spec.get("keep_next"):
        fmt.keep_with_next = True
    if spec.get("autospace") is False:
        ooxml.no_autospace(style.element)
    ooxml.drop_border(style.element)


def _footers(doc: Any, spec: dict[str, Any]) -> None:
    """Page numbers: Chinese "— 1 —" outside (odd right, even left) 7 mm below the text; English centred."""
    from docx.shared import Mm, Pt

    footer = spec["footer"]
    section = doc.sections[0]
    if not footer.get("odd_even"):
        _page_number(section.footer.paragraphs[0], footer, footer.get("align", "center"))
        return
    # The footer's line box starts below_text_mm under the text block: its distance from the page edge is
    # the bottom margin less that gap and the line's own height.
    gap = Mm(spec["page"]["bottom"] - footer["below_text_mm"])
    section.footer_distance = gap - Pt(footer["line_pt"])
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], footer, "right")
    _page_number(section.even_page_footer.paragraphs[0], footer, "left")


def _page_number(paragraph: Any, spec: dict[str, Any], side: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph.alignment = getattr(WD_ALIGN_PARAGRAPH, side.upper())
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    one_char = Pt(spec["size"] * spec.get("side_chars", 0))  # 右空一字 / 左空一字
    fmt.right_indent = one_char if side == "right" else Pt(0)
    fmt.left_indent = one_char if side == "left" else Pt(0)

    def run(text: str) -> Any:
        made = paragraph.add_run(text)
        made.font.size = Pt(spec["size"])
        if "font" in spec:
            ooxml.set_font(made._r, spec["font"])
        return made

    run(spec.get("before", ""))
    ooxml.page_field(paragraph, run)
    run(spec.get("after", ""))
