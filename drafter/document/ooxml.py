"""Low-level WordprocessingML edits python-docx has no API for: fonts of every script, languages, the
document grid, fields, numbering instances, the font table, properties and the thumbnail.

Every function takes python-docx objects (``Any``: python-docx ships no type hints) and imports python-docx
inside, so importing this module stays cheap.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

# The rPr children that follow w:spacing in the schema's order.
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr",
                  "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
                  "w:specVanish", "w:oMath")  # fmt: skip
# The pPr children that follow w:autoSpaceDE/DN in the schema's order.
_AFTER_AUTOSPACE = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                    "w:pPrChange")  # fmt: skip
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def set_font(element: Any, name: str) -> None:
    """Set every script's font of a style or run ``element`` to ``name``, the East Asian one included.

    Theme font attributes are removed: Word prefers them to explicit names.
    """
    from docx.oxml.ns import qn

    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)


def complex_script_size(element: Any, size_pt: float) -> None:
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
    if sz is not None:  # schema order: szCs comes right after sz
        sz.addnext(size)
    else:
        rpr.append(size)


def black_everywhere(doc: Any) -> None:
    """Make every style that sets a colour (the template's blue headings, their linked character styles)
    black, with no theme colour."""
    from docx.oxml.ns import qn

    for color in doc.styles.element.iter(qn("w:color")):
        color.set(qn("w:val"), "000000")
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(attr), None)


def drop_border(element: Any) -> None:
    """Remove a paragraph border (the default Title style draws a rule under the title; a 公文 has none)."""
    from docx.oxml.ns import qn

    ppr = element.find(qn("w:pPr"))
    border = ppr.find(qn("w:pBdr")) if ppr is not None else None
    if border is not None:
        ppr.remove(border)


def languages(doc: Any, lang: dict[str, str]) -> None:
    """Set the document default language (``w:lang``) and the theme font language to ``lang``."""
    from docx.oxml.ns import qn

    found = _default_rpr(doc).find(qn("w:lang"))
    element = found if found is not None else _child(_default_rpr(doc), "w:lang", {})
    element.set(qn("w:val"), lang["val"])
    element.set(qn("w:eastAsia"), lang["eastAsia"])
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), lang["val"])
        theme.set(qn("w:eastAsia"), lang["eastAsia"])


def default_size(doc: Any, size_pt: float) -> None:
    """Set the document default font size (the grid's character pitch is measured from it)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    rpr = _default_rpr(doc)
    rpr.get_or_add_sz().val = Pt(size_pt)
    cs = rpr.find(qn("w:szCs"))
    if cs is not None:
        cs.set(qn("w:val"), str(round(size_pt * 2)))


def _default_rpr(doc: Any) -> Any:
    from docx.oxml.ns import qn

    return doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))


def doc_grid(section: Any, chars: int, lines: int, font_pt: float) -> float:
    """Give ``section`` a line grid of ``lines`` lines a page; return the character spacing (pt) that
    makes ``chars`` characters of ``font_pt`` fill a line.

    The grid is of type ``lines`` (its ``charSpace`` still records the 28-character pitch): LibreOffice
    lays every 16 pt character of a ``linesAndChars`` grid in two 15.79 pt cells (14 a line), while a
    condensed character spacing gives 28 a line in Word and LibreOffice alike.
    """
    from docx.oxml.ns import qn

    sect = section._sectPr
    width_tw = (section.page_width - section.left_margin - section.right_margin) / 635  # EMU → twips
    height_tw = (section.page_height - section.top_margin - section.bottom_margin) / 635
    pitch_pt = width_tw / 20 / chars
    found = sect.find(qn("w:docGrid"))
    grid = found if found is not None else _child(sect, "w:docGrid", {})
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(height_tw / lines)))
    grid.set(qn("w:charSpace"), str(int((pitch_pt - font_pt) * 4096)))
    # Spacing in whole twentieths of a point, rounded away from zero so the last character still fits.
    return float(math.floor((pitch_pt - font_pt) * 20) / 20)


def char_spacing(element: Any, spacing_pt: float) -> None:
    """Set the character spacing (``w:spacing``, condensed when negative) of a style or run ``element``."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    spacing = _make("w:spacing", {"w:val": str(round(spacing_pt * 20))})
    # Schema order: spacing comes after color and before w, kern, position, sz.
    rpr.insert_element_before(spacing, *_AFTER_SPACING)


def no_autospace(element: Any) -> None:
    """Turn off the automatic space between East Asian text and Latin letters or figures of a style."""
    from docx.oxml.ns import qn

    ppr = element.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        ppr.insert_element_before(_make(tag, {"w:val": "0"}), *_AFTER_AUTOSPACE)


def page_field(paragraph: Any, make_run: Any) -> None:
    """Append a PAGE field (begin, instruction, separate, placeholder, end) made of ``make_run`` runs."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    make_run("")._r.append(char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    make_run("")._r.append(instr)
    make_run("")._r.append(char("separate"))
    make_run("1")
    make_run("")._r.append(char("end"))


def new_list(doc: Any, style: Any) -> int:
    """Return the id of a new numbering instance of ``style``'s list that restarts at 1."""
    from docx.oxml.ns import qn

    numbering = doc.part.numbering_part.element
    style_num = style.element.pPr.numPr.numId.val
    abstract = next(
        n.find(qn("w:abstractNumId")).get(qn("w:val"))
        for n in numbering.findall(qn("w:num"))
        if n.get(qn("w:numId")) == str(style_num)
    )
    num_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    num = _child(numbering, "w:num", {"w:numId": str(num_id)})
    _child(num, "w:abstractNumId", {"w:val": abstract})
    override = _child(num, "w:lvlOverride", {"w:ilvl": "0"})
    _child(override, "w:startOverride", {"w:val": "1"})
    return num_id


def number_paragraph(paragraph: Any, num_id: int) -> None:
    """Put ``paragraph`` in the numbering instance ``num_id`` (level 0)."""
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.find(qn("w:numPr"))
    if num_pr is None:
        num_pr = ppr._add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def font_fallbacks(doc: Any, fallbacks: dict[str, str]) -> None:
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


def properties(doc: Any, *, title: str, author: str, subject: str, language: str) -> None:
    """Fill the core properties; drop python-docx's own (its description, 2013 dates and thumbnail)."""
    from docx.oxml.ns import qn

    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    core = doc.core_properties
    core.title, core.author, core.subject, core.language = title, author, subject, language
    core.last_modified_by = author
    core.comments = core.keywords = core.category = ""
    core.created = core.modified = now
    core.revision = 1
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == THUMBNAIL:
            del package.rels[rel_id]  # an unreferenced part is not saved
            package.rels._target_parts_by_rId.pop(rel_id, None)
    preview = doc.settings.element.find(qn("w:savePreviewPicture"))
    if preview is not None:
        doc.settings.element.remove(preview)


def _child(parent: Any, tag: str, attrs: dict[str, str]) -> Any:
    element = _make(tag, attrs)
    parent.append(element)
    return element


def _make(tag: str, attrs: dict[str, str]) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key), value)
    return element
