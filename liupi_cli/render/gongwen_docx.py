"""A Doc as a Word document in 公文 layout (GB/T 9704-2012 党政机关公文格式), for the 排名通报.

A4 portrait; margins: top 37 mm, left (binding) 28 mm, and right 26 mm / bottom 35 mm, so that the type area
is 156 × 225 mm; 22 lines a page (fixed line height 225 mm ÷ 22). Title in 小标宋 2号 (22 pt), centred; 主送
after it, flush left; body in 仿宋 3号 (16 pt), first line indented two characters; section headings in 黑体
3号 (第一层 "一、"); tables in 仿宋 五号 (10.5 pt) with the heading row repeated on every page; 落款 and the date
(Arabic numerals) at the end, right-aligned; page numbers "— 1 —" in 宋体 4号 at the foot. The bytes are the
same for the same Doc and date (file times pinned to the date). python-docx is imported here only.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from xml.sax.saxutils import escape

from liupi_cli.render.cadence_doc import Doc

BODY_FONT, TITLE_FONT, HEADING_FONT, PAGE_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体", "宋体"
BODY_PT, TITLE_PT, TABLE_PT, PAGE_PT = 16, 22, 10.5, 14
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # type area 156 × 225 mm
LINES_PER_PAGE = 22
NUMERALS = "一二三四五六七八九十"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _para(document, text: str, font: str, size: float, *, align=None, indent_chars: float = 0, bold: bool = False,
          right_chars: float = 0):
    from docx.shared import Pt

    p = document.add_paragraph()
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.first_line_indent = Pt(size * indent_chars) if indent_chars else None
    fmt.right_indent = Pt(BODY_PT * right_chars) if right_chars else None
    fmt.space_before = fmt.space_after = Pt(0)
    _font(p.add_run(text), font, size, bold)
    return p


def _page_number(section) -> None:
    """— PAGE — centred in the footer, 宋体 4号."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), PAGE_FONT, PAGE_PT)
    run = p.add_run()
    _font(run, PAGE_FONT, PAGE_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    _font(p.add_run(" —"), PAGE_FONT, PAGE_PT)


def _display(text: str) -> float:
    return sum(2.0 if ord(ch) >= 0x2E80 else 1.0 for ch in text)


CHAR_MM, PAD_MM = 2.1, 4.0  # a half-width character of 五号 text, and a cell's inner margins


def column_widths(columns: list[str], rows: list[list[object]], total_mm: float = 156) -> list[float]:
    """Widths (mm) filling the type area: each column room for its widest cell up to 10 half-width characters
    (a date, a figure, a short name stays on one line); the column of the longest text (a working, a note)
    gets the rest, at least a third of the width, the others narrowed alike when they would leave less."""
    natural = []
    for k, name in enumerate(columns):
        cells = [_display("" if r[k] is None else str(r[k])) for r in rows]
        natural.append(max([min(_display(str(name)), 8.0), 2.0, *cells]))
    widest = max(range(len(columns)), key=lambda k: natural[k])
    mm = [min(n, 10.0) * CHAR_MM + PAD_MM for n in natural]
    others = sum(w for k, w in enumerate(mm) if k != widest)
    want = min(natural[widest] * CHAR_MM + PAD_MM, total_mm)
    room = max(total_mm - others, min(want, total_mm / 3))
    if others + room > total_mm:
        mm = [w * (total_mm - room) / others for w in mm]
    mm[widest] = total_mm - sum(w for k, w in enumerate(mm) if k != widest)
    return mm


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _cell_xml(text: str, twips: int, bold: bool) -> str:
    """One table cell as WordprocessingML: 仿宋 五号, fixed line height, no first-line indent. Built as text and
    parsed once per table: python-docx's element-by-element building takes minutes for a province's scores."""
    body = escape(_XML_ILLEGAL.sub("", text))
    fonts = f'<w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:eastAsia="{BODY_FONT}"/>'
    size = f'<w:sz w:val="{int(TABLE_PT * 2)}"/><w:szCs w:val="{int(TABLE_PT * 2)}"/>'
    centre = '<w:jc w:val="center"/>' if bold else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{twips}" w:type="dxa"/></w:tcPr><w:p><w:pPr>'
            f'<w:spacing w:before="0" w:after="0" w:line="{round(TABLE_PT * 1.3 * 20)}" w:lineRule="exact"/>'
            f'<w:ind w:firstLine="0"/>{centre}</w:pPr><w:r><w:rPr>{fonts}{"<w:b/>" if bold else ""}{size}</w:rPr>'
            f'<w:t xml:space="preserve">{body}</w:t></w:r></w:p></w:tc>')


def _table(document, columns: list[str], rows: list[list[object]]) -> None:
    """A table filling the type area, its heading row repeated on every page (w:tblHeader), no row split
    across two pages (w:cantSplit)."""
    from docx.oxml import parse_xml
    from docx.shared import Mm

    table = document.add_table(rows=0, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    widths = [Mm(w) for w in column_widths(columns, rows)]
    for column, width in zip(table.columns, widths):  # the grid LibreOffice lays out by
        column.width = width
    twips = [w.twips for w in widths]
    head = "".join(_cell_xml(str(c), t, True) for c, t in zip(columns, twips))
    body = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            + "".join(_cell_xml("" if v is None else str(v), t, False) for v, t in zip(r, twips)) + "</w:tr>"
            for r in rows]
    rows_xml = parse_xml(f'<w:tbl xmlns:w="{W_NS}"><w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>{head}'
                         f'</w:tr>{"".join(body)}</w:tbl>')
    for tr in list(rows_xml):
        table._tbl.append(tr)


def to_docx(doc: Doc, *, date: dt.date, recipients: str | None = None, issuer: str | None = None) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.footer_distance = Mm(20)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", BODY_FONT)
    normal.paragraph_format.line_spacing = Pt(round(225 / LINES_PER_PAGE * 72 / 25.4, 2))  # 22 lines in 225 mm
    _para(document, doc.title, TITLE_FONT, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "", BODY_FONT, BODY_PT)
    if recipients:
        _para(document, f"{recipients}：", BODY_FONT, BODY_PT)
    for line in doc.lines:
        _para(document, line, BODY_FONT, BODY_PT, indent_chars=2)
    for i, s in enumerate(doc.sections):
        number = NUMERALS[i] if i < len(NUMERALS) else str(i + 1)
        _para(document, f"{number}、{s.title}", HEADING_FONT, BODY_PT, indent_chars=2)
        if s.rows:
            _table(document, [str(c) for c in s.columns], s.rows)
        else:
            _para(document, s.note or "无", BODY_FONT, BODY_PT, indent_chars=2)
    _para(document, "", BODY_FONT, BODY_PT)
    if issuer:
        _para(document, issuer, BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=2)
    _para(document, f"{date.year}年{date.month}月{date.day}日", BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT,
          right_chars=4)
    _page_number(section)
    pinned = dt.datetime.combine(date, dt.time())
    props = document.core_properties
    props.created = props.modified = pinned
    props.title, props.author, props.last_modified_by = doc.title, issuer or "liupi", issuer or "liupi"
    buf = io.BytesIO()
    document.save(buf)
    from liupi_cli.render.cadence_formats import pin_zip

    return pin_zip(buf.getvalue(), pinned)
