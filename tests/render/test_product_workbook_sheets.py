"""A product (月通报 and the rest) as a workbook, read back with openpyxl: the first sheet is the document (title,
lines, each section under its heading, an empty one as its note or 无), a section too long for a page is an annex
sheet of its own that the document points to, lights are filled in their colour, and every sheet prints as the
office prints it."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from liupi_cli.render.cadence_doc import Doc, Section
from liupi_cli.render.cadence_xlsx import LINE_PT, LONG, to_xlsx
from liupi_cli.render.labels import LIGHT_FILL

PINNED = dt.datetime(2023, 7, 1, 9, 0)


def _book(doc: Doc):
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(to_xlsx(doc, PINNED)))


def _doc(lang: str = "zh", long_rows: int = LONG + 1) -> Doc:
    lights = ["红灯", "黄灯", "绿灯", "灰灯"] if lang == "zh" else ["RED", "YELLOW", "GREEN", "GREY"]
    return Doc(title="2023年6月 月通报 · 县发改局", lines=["截至2023年6月30日", "共12项"], lang=lang,
               pinned=PINNED.date(),
               sections=[Section("亮灯情况", ["编号", "指标", "灯"], [[i + 1, f"指标{i}", lights[i]] for i in range(4)],
                                 light_column=2),
                         Section("逾期任务", ["编号"], [], note="无逾期任务"),
                         Section("催报", ["单位"], []),
                         Section("全部指标", ["编号", "指标", "完成%"],
                                 [[i, f"指标{i}", 50.5] for i in range(long_rows)])])


def _values(ws) -> list[object]:
    return [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]


@pytest.mark.parametrize("lang,none,annex,pointer", [
    ("zh", "无", "附件1 全部指标", "见附件1（工作表「附件1 全部指标」，共31行）"),
    ("en", "none", "Annex 1 全部指标", "See annex 1 (sheet “Annex 1 全部指标”, 31 rows)"),
])
def test_the_first_sheet_is_the_document_and_a_long_section_an_annex(lang, none, annex, pointer):
    wb = _book(_doc(lang))
    assert wb.sheetnames == ["2023年6月 月通报", annex]
    ws = wb.worksheets[0]
    assert _values(ws) == ["2023年6月 月通报 · 县发改局", "截至2023年6月30日", "共12项", "亮灯情况", "编号",
                           1, 2, 3, 4, "逾期任务", "无逾期任务", "催报", none, "全部指标", pointer]
    assert [c.value for c in ws[5]] == ["编号", "指标", "灯"]
    assert [c.value for c in ws[6]] == [1, "指标0", "红灯" if lang == "zh" else "RED"]
    # the title and the section headings in bold, the title larger; lines across the whole width
    assert (ws["A1"].font.b, ws["A1"].font.sz) == (True, 15)
    assert (ws["A4"].font.b, ws["A4"].font.sz) == (True, 12) and not ws["A2"].font.b
    assert ws["A1"].alignment.vertical == "bottom" and ws["A2"].alignment.vertical == "top"
    assert all(c.alignment.wrap_text for c in (ws["A1"], ws["A2"], ws["A4"]))
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:C1", "A2:C2", "A3:C3", "A4:C4", "A10:C10", "A11:C11", "A15:C15"} <= merged
    assert "A5:C5" not in merged and "A6:C6" not in merged
    # a line is as tall as its text needs on these narrow columns: 26 pt a line for the title, 24 for a heading
    assert ws.row_dimensions[1].height in (52, 78) and ws.row_dimensions[4].height == 24
    assert ws.row_dimensions[2].height in (LINE_PT, 2 * LINE_PT) and ws.row_dimensions[3].height == LINE_PT
    # printed: A4 landscape, no repeated rows (the sections carry their own headings), no gridlines
    assert ws.print_title_rows is None and not ws.print_options.gridLines
    assert ws.page_setup.orientation == "landscape" and ws.oddHeader.center.text == "2023年6月 月通报 · 县发改局"
    footer = {"zh": "第 &P 页，共 &N 页", "en": "Page &P of &N"}[lang]
    assert ws.oddFooter.center.text == footer
    assert wb.properties.created == PINNED


def test_table_cells_are_ruled_headings_shaded_and_lights_filled_in_their_colour():
    ws = _book(_doc()).worksheets[0]
    for c in ws[5]:
        assert c.font.b and c.fill.fgColor.rgb == "00EEEEEE"
        assert (c.alignment.horizontal, c.alignment.vertical) == ("center", "center")
    fills = [ws.cell(r, 3).fill.fgColor.rgb for r in range(6, 10)]
    assert fills == ["00" + LIGHT_FILL[k] for k in ("red", "yellow", "green", "grey")]
    assert [ws.cell(r, 2).fill.fill_type for r in range(6, 10)] == [None] * 4  # only the light column
    for r in range(5, 10):
        for c in ws[r]:
            b = c.border
            assert [(s.style, s.color.rgb) for s in (b.left, b.right, b.top, b.bottom)] == [("thin", "00999999")] * 4
    assert ws["B6"].alignment.vertical == "top" and ws["B6"].alignment.wrap_text


def test_an_annex_repeats_its_headings_has_a_filter_and_stays_frozen_under_them():
    doc = _doc()
    ws = _book(doc)["附件1 全部指标"]
    assert ws["A1"].value == "附件1 全部指标" and ws["A1"].font.sz == 12
    assert [c.value for c in ws[2]] == ["编号", "指标", "完成%"]
    assert [c.value for c in ws[3]] == [0, "指标0", 50.5] and ws.cell(2 + LONG + 1, 2).value == f"指标{LONG}"
    assert ws.max_row == 2 + LONG + 1
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == f"A2:C{LONG + 3}"
    assert ws.print_title_rows == "$1:$2"
    assert ws.oddHeader.center.text == "2023年6月 月通报 · 县发改局 · 全部指标"


def test_a_section_of_exactly_the_page_s_rows_stays_on_the_first_sheet():
    wb = _book(_doc(long_rows=LONG))
    assert len(wb.sheetnames) == 1
    assert _values(wb.worksheets[0])[-LONG - 2:-LONG] == ["全部指标", "编号"]


def test_a_long_cell_makes_its_row_tall_enough_for_its_lines():
    doc = Doc(title="t", lines=[], lang="zh",
              sections=[Section("s", ["编号", "说明"], [[1, "短"], [2, "很长的说明" * 40]])])
    ws = _book(doc).worksheets[0]
    heading = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "编号")
    assert ws.row_dimensions[heading + 1].height is None  # one line: the program's own height
    tall = ws.row_dimensions[heading + 2].height
    assert tall is not None and tall >= 2 * LINE_PT and tall % LINE_PT == 0


def test_annex_sheet_names_stay_distinct_and_within_excel_s_limit():
    rows = [[i] for i in range(LONG + 1)]
    doc = Doc(title="季总结", lines=[], lang="zh",
              sections=[Section("各单位指标完成情况一览表（含未报送单位及其原因说明）", ["编号"], rows),
                        Section("各单位指标完成情况一览表（含未报送单位及其原因说明）", ["编号"], rows)])
    names = _book(doc).sheetnames
    assert len(set(names)) == 3 and all(len(n) <= 31 for n in names)
    assert names[1].startswith("附件1 ") and names[2].startswith("附件2 ")


def test_a_document_with_nothing_in_it_is_still_a_workbook():
    ws = _book(Doc(title="旬简报: a/b", lines=[], lang="fr", sections=[Section("x", ["a"], [])])).worksheets[0]
    assert ws.title == "旬简报  a b" and _values(ws) == ["旬简报: a/b", "x", "none"]
    assert ws.oddFooter.center.text == "Page &P of &N"
