"""Files read into rows before any task is looked for: a CSV's separator (comma or tab), its blank lines left
out with every row keeping its line number, a cell past the CSV limit or a file that is not text refused in
one line with a hint; a worksheet's numbers, dates and merged cells as a person reads them, each row named by
its sheet and row number; a Word file's paragraphs and tables in order, merged cells marked."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.plan_import.read_csv import read_csv
from liupi_cli.plan_import.read_xlsx import read_xlsx


def _rows(sheets) -> list[tuple]:
    return [(r.cells, r.ref) for s in sheets for r in s.rows]


def test_a_tab_separated_file_is_split_on_tabs(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("工作任务\t牵头单位\n1.修路, 补路\t县交通局\n", encoding="utf-8")
    assert _rows(read_csv(p)) == [(["工作任务", "牵头单位"], "t.csv line 1"),
                                  (["1.修路, 补路", "县交通局"], "t.csv line 2")]


def test_blank_lines_are_left_out_and_rows_keep_their_line_numbers(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("工作任务,牵头单位\n\n , \n 1.修路 , 县交通局 \n", encoding="utf-8")
    (sheet,) = read_csv(p)
    assert (sheet.source, sheet.name) == (str(p), "t.csv")
    assert _rows([sheet]) == [(["工作任务", "牵头单位"], "t.csv line 1"), (["1.修路", "县交通局"], "t.csv line 4")]


def test_a_cell_past_the_csv_limit_is_refused_at_its_line(tmp_path):
    p = tmp_path / "big.csv"
    p.write_text("a,b\n" + "x," + "y" * 140_000 + "\n", encoding="utf-8")
    with pytest.raises(InputRefused) as exc:
        read_csv(p)
    assert (exc.value.message, exc.value.hint) == (
        f"{p} line 2: a cell longer than 131,072 characters",
        "check this is the task list; a cell of a table is a sentence or two")


def test_a_file_that_is_not_text_is_refused_naming_it(tmp_path):
    p = tmp_path / "bin.csv"
    p.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputRefused) as exc:
        read_csv(p)
    assert exc.value.message.startswith(f"{p}: cannot read the file as text")
    assert exc.value.hint == "save it from Excel or WPS as CSV UTF-8 (逗号分隔), or as .xlsx"


def test_a_worksheet_s_values_and_merged_cells_as_a_person_reads_them(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    ws.append(["序号", 1.0, 2.5, dt.datetime(2024, 6, 30), "  县交通局  ", None])
    ws.append([None, None, None])
    ws.append(["修路", "b", "c"])
    ws.merge_cells("A3:B4")
    wb.save(str(tmp_path / "v.xlsx"))
    (sheet,) = read_xlsx(tmp_path / "v.xlsx")
    assert (sheet.source, sheet.name) == (str(tmp_path / "v.xlsx"), "清单")
    got = [(r.cells, r.ref, r.merged) for r in sheet.rows]
    assert got == [
        (["序号", "1", "2.5", "2024年06月30日", "县交通局"], "v.xlsx 清单!row 1", [""] * 5),
        (["修路", "修路", "c", "", ""], "v.xlsx 清单!row 3", ["", "h", "", "", ""]),
        (["修路", "修路", "", "", ""], "v.xlsx 清单!row 4", ["v", "v", "", "", ""]),
    ]


def test_a_word_file_s_paragraphs_and_tables_in_order_with_merged_cells(tmp_path):
    import docx

    d = docx.Document()
    for text in ("标题", "  ", "说明"):
        d.add_paragraph(text)
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("A", "B", "C"), ("D", "E", "F"), ("G", "H", "I")]):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    t.cell(0, 1).merge(t.cell(0, 2))
    t.cell(1, 0).merge(t.cell(2, 0))
    d.add_paragraph("后记")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "X\nY"
    d.save(str(tmp_path / "m.docx"))
    from liupi_cli.plan_import.read_docx import read_docx

    (sheet,) = read_docx(tmp_path / "m.docx")
    assert (sheet.source, sheet.name) == (str(tmp_path / "m.docx"), "m.docx")
    assert [(r.cells, r.ref, r.paragraph, r.merged) for r in sheet.rows] == [
        (["标题"], "m.docx paragraph 1", True, [""]),
        (["说明"], "m.docx paragraph 3", True, [""]),  # the blank paragraph 2 left out, its number kept
        (["A", "B\nC", "B\nC"], "m.docx table 1 row 1", False, ["", "", "h"]),
        (["D\nG", "E", "F"], "m.docx table 1 row 2", False, ["", "", ""]),
        (["D\nG", "H", "I"], "m.docx table 1 row 3", False, ["v", "", ""]),
        (["后记"], "m.docx paragraph 4", True, [""]),
        (["X\nY"], "m.docx table 2 row 1", False, [""]),
    ]


def test_a_word_file_with_an_element_liupi_does_not_know_is_read_around_it(tmp_path):
    import docx
    from lxml import etree

    from liupi_cli.plan_import.read_docx import read_docx

    d = docx.Document()
    d.add_paragraph("标题")
    d.element.body.insert(1, etree.Element("custom"))  # written by some other tool, with no namespace
    d.add_paragraph("说明")
    d.save(str(tmp_path / "c.docx"))
    (sheet,) = read_docx(tmp_path / "c.docx")
    assert [(r.cells, r.ref) for r in sheet.rows] == [(["标题"], "c.docx paragraph 1"),
                                                      (["说明"], "c.docx paragraph 2")]
