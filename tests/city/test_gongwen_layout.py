"""The 公文 .docx in detail, from a small Doc: the order and the type of every paragraph (title, 主送, body lines,
numbered headings, tables or a section's note, 落款, date), indents in characters, the fixed line height, the page
number's type, each table cell's type and the file's properties; and how the columns share the type area."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from liupi_cli.render.cadence_doc import Doc, Section
from liupi_cli.render.gongwen_docx import column_widths, to_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = dt.date(2023, 7, 20)


def _open(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def _doc(**kw):
    return Doc(title="某市排名通报", lines=["第一行。", "第二行。"], lang="zh", sections=[
        Section("综合排名", ["位次", "县"], [[1, "a县"], [2, None]]),
        Section("空的一节", ["x"], [], note="本月无数据"), Section("另一节", ["x"], [])], **kw)


def _paras(document):
    return [(p.text, p.runs[0].font.name if p.runs else None, p.runs[0].font.size.pt if p.runs else None,
             p.paragraph_format.first_line_indent.pt if p.paragraph_format.first_line_indent else None,
             p.paragraph_format.right_indent.pt if p.paragraph_format.right_indent else None, p.alignment)
            for p in document.paragraphs]


def test_every_paragraph_in_order_with_its_type_and_indent():
    d = _open(to_docx(_doc(), date=DATE, recipients="各县人民政府", issuer="某市人民政府办公室"))
    assert _paras(d) == [
        ("某市排名通报", "方正小标宋简体", 22, None, None, 1),
        ("", "仿宋_GB2312", 16, None, None, None),
        ("各县人民政府：", "仿宋_GB2312", 16, None, None, None),
        ("第一行。", "仿宋_GB2312", 16, 32, None, None), ("第二行。", "仿宋_GB2312", 16, 32, None, None),
        ("一、综合排名", "黑体", 16, 32, None, None),
        ("二、空的一节", "黑体", 16, 32, None, None), ("本月无数据", "仿宋_GB2312", 16, 32, None, None),
        ("三、另一节", "黑体", 16, 32, None, None), ("无", "仿宋_GB2312", 16, 32, None, None),
        ("", "仿宋_GB2312", 16, None, None, None),
        ("某市人民政府办公室", "仿宋_GB2312", 16, None, 32, 2),
        ("2023年7月20日", "仿宋_GB2312", 16, None, 64, 2)]
    assert all(p.paragraph_format.space_before.pt == 0 and p.paragraph_format.space_after.pt == 0
               for p in d.paragraphs)
    assert all(r._element.rPr.rFonts.get(f"{W}eastAsia") == r.font.name for p in d.paragraphs for r in p.runs)
    assert not any(r.font.bold for p in d.paragraphs for r in p.runs)
    for p in d.paragraphs:  # a paragraph not indented on purpose follows the Normal style's indents
        ind = p._p.pPr.find(f"{W}ind") if p._p.pPr is not None else None
        own = {k.split("}")[1] for k in (ind.attrib if ind is not None else {})}
        assert own == ({"right"} if p.text in ("某市人民政府办公室", "2023年7月20日") else
                       {"firstLine"} if p.paragraph_format.first_line_indent else set()), p.text


def test_without_recipients_or_issuer_neither_line_is_written_and_liupi_is_the_author():
    d = _open(to_docx(_doc(), date=DATE))
    texts = [p.text for p in d.paragraphs]
    assert not any(t.endswith("：") for t in texts) and texts[-1] == "2023年7月20日" and texts[-2] == ""
    props = d.core_properties
    assert (props.title, props.author, props.last_modified_by) == ("某市排名通报", "liupi", "liupi")
    assert props.created == props.modified and props.created.replace(tzinfo=None) == dt.datetime(2023, 7, 20)
    d = _open(to_docx(_doc(), date=DATE, issuer="某市政府办"))
    assert (d.core_properties.author, d.core_properties.last_modified_by) == ("某市政府办", "某市政府办")


def test_the_page_22_lines_of_fixed_height_and_the_page_number():
    d = _open(to_docx(_doc(), date=DATE))
    normal = d.styles["Normal"]
    assert normal.font.name == "仿宋_GB2312" and normal.element.rPr.rFonts.get(f"{W}eastAsia") == "仿宋_GB2312"
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(225 / 22 * 72 / 25.4, abs=0.01)
    section = d.sections[0]
    assert round(section.footer_distance / 36000, 1) == 20 and round(section.right_margin / 36000, 1) == 26
    assert round(section.bottom_margin / 36000, 1) == 35
    footer = section.footer.paragraphs[0]
    assert footer.alignment == 1 and footer.text == "—  —"
    assert {(r.font.name, r.font.size.pt) for r in footer.runs} == {("宋体", 14)}


def test_each_table_cell_in_its_type_the_heading_bold_and_centred():
    d = _open(to_docx(_doc(), date=DATE))
    [table] = d.tables
    assert [[c.text for c in r.cells] for r in table.rows] == [["位次", "县"], ["1", "a县"], ["2", ""]]
    for n, row in enumerate(table.rows):
        for cell in row.cells:
            p = cell.paragraphs[0]
            run = p._p.find(f"{W}r")
            rpr = run.find(f"{W}rPr")
            assert rpr.find(f"{W}sz").get(f"{W}val") == "21" and rpr.find(f"{W}szCs").get(f"{W}val") == "21"
            assert rpr.find(f"{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"
            assert (rpr.find(f"{W}b") is not None) == (n == 0)
            ppr = p._p.find(f"{W}pPr")
            assert (ppr.find(f"{W}jc") is not None) == (n == 0)
            spacing = ppr.find(f"{W}spacing")
            assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("273", "exact")
            assert ppr.find(f"{W}ind").get(f"{W}firstLine") == "0"
    assert all(r._tr.trPr.find(f"{W}cantSplit") is not None for r in table.rows[1:])
    assert table.style.name == "Table Grid" and table.autofit is False
    widths = [round(c.width / 36000, 1) for c in table.columns]  # the grid LibreOffice lays out by
    assert round(sum(widths)) == 156 and widths == [round(w, 1) for w in column_widths(["位次", "县"],
                                                                                    [[1, "a县"], [2, None]])]
    tc_widths = [int(tc.find(f"{W}tcPr").find(f"{W}tcW").get(f"{W}w")) for tc in table.rows[0]._tr.findall(f"{W}tc")]
    assert [round(t / 56.6929, 0) for t in tc_widths] == [round(w, 0) for w in widths]  # twips per mm


def test_characters_xml_cannot_hold_are_left_out_of_a_cell():
    doc = Doc(title="t", lines=[], lang="zh", sections=[Section("s", ["a"], [["x\x00y\x0bz<&>"]])])
    assert _open(to_docx(doc, date=DATE)).tables[0].rows[1].cells[0].text == "xyz<&>"


def test_columns_share_the_type_area():
    short = column_widths(["a", "b"], [["1", "2"]])
    assert [round(w, 2) for w in short] == [147.8, 8.2]  # two half-width characters at least; the rest to the first
    capped = column_widths(["名称", "计算过程"], [["很长的县名很长的县名很长", "x" * 30]])
    assert round(capped[0], 2) == 25.0 and round(sum(capped), 6) == 156  # at most 10 characters wide
    headed = column_widths(["很长的列标题很长的列标题", "x"], [["1", "y" * 40]])
    assert round(headed[0], 2) == round(8 * 2.1 + 4, 2)  # a heading counts up to 8 characters
    many = column_widths([f"c{i}" for i in range(12)], [["一二三四五六七八九十" for _ in range(12)]])
    assert [round(w, 6) for w in many] == [46.0] + [10.0] * 11  # the rest narrowed alike: 25 × 110 ÷ 275
    wide = column_widths(["a", "b", "c"], [["x" * 10, "y" * 10, "z" * 200]], total_mm=100)
    assert wide[2] >= 100 / 3 and round(sum(wide), 6) == 100 and wide[0] == pytest.approx(wide[1])
