"""The pieces every workbook is built from (render/workbook.py) and the fill-in sheet a bureau completes
(template.py), read back with openpyxl: the values in their cells, the print settings an office expects, the
frozen headings, the borders and shading, and the same bytes for the same content when dated."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from liupi_cli.render import workbook
from liupi_cli.template import COLUMNS, headings, period_text, template_csv, template_xlsx


def _load(data: bytes):
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(data))


def test_put_writes_the_value_inert_and_returns_its_cell():
    wb = workbook.new_workbook()
    ws = wb.active
    cell = workbook.put(ws, 3, 2, "=SUM(A1:A2)")
    assert (cell.row, cell.column) == (3, 2)
    assert ws.cell(3, 2).value == "'=SUM(A1:A2)" == cell.value  # shown, never run as a formula
    assert workbook.put(ws, 4, 1, 6.5).value == 6.5
    assert workbook.put(ws, 5, 1, "县发改局\x1b").value == "县发改局\\x1b"
    workbook.append(ws, ["@cmd", 7, None, "增长8%"])
    assert [c.value for c in ws[6]] == ["'@cmd", 7, None, "增长8%"]


def test_a_pinned_workbook_names_liupi_and_the_date():
    when = dt.datetime(2023, 7, 1, 8, 0)
    wb = workbook.new_workbook(when)
    assert wb.properties.creator == "liupi"
    assert wb.properties.created == when and wb.properties.modified == when
    assert workbook.new_workbook().properties.creator != "liupi"  # unpinned: openpyxl's own defaults


@pytest.mark.parametrize("lang,footer", [("zh", "第 &P 页，共 &N 页"), ("en", "Page &P of &N"),
                                         ("fr", "Page &P of &N")])
def test_print_layout_is_a4_landscape_one_page_wide(lang, footer):
    wb = workbook.new_workbook()
    workbook.print_layout(wb.active, "R&D 研发", lang, "1:2")
    ws = _load(workbook.finish(wb)).active
    ps = ws.page_setup
    assert (ps.orientation, ps.paperSize) == ("landscape", 9)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (ps.fitToWidth, ps.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$1:$2"
    assert ws.print_options.gridLines is True and ws.print_options.horizontalCentered is True
    m = ws.page_margins
    assert (m.left, m.right, m.top, m.bottom, m.header, m.footer) == (0.4, 0.4, 0.6, 0.6, 0.25, 0.25)
    assert ws.oddHeader.center.text == "R&&D 研发"  # an ampersand printed as itself, not a header code
    assert ws.oddHeader.center.size == 9 and ws.oddFooter.center.size == 9
    assert ws.oddFooter.center.text == footer


def test_print_layout_without_title_rows_or_gridlines():
    wb = workbook.new_workbook()
    workbook.print_layout(wb.active, "t", "en", None, gridlines=False)
    ws = _load(workbook.finish(wb)).active
    assert ws.print_title_rows is None
    assert not ws.print_options.gridLines


@pytest.mark.parametrize("row,columns,cell", [(1, 0, "A2"), (2, 0, "A3"), (1, 1, "B2"), (4, 2, "C5")])
def test_freeze_keeps_the_heading_rows_and_first_columns_in_view(row, columns, cell):
    wb = workbook.new_workbook()
    workbook.freeze(wb.active, row, columns)
    assert wb.active.freeze_panes == cell


def test_a_table_sheet_has_a_bold_heading_row_frozen_and_printed_on_every_page():
    wb = workbook.new_workbook()
    rows = [{"id": "gdp", "values": [1, "二"], "on": dt.date(2023, 6, 30), "n": 1.5},
            ["t1", {"a": "甲"}, None, -2]]
    workbook.table_sheet(wb, "records: 2023/06", ["id", "values", "on", "n"], rows, title="台账", lang="zh",
                         widths=[10, 22])
    ws = _load(workbook.finish(wb))["records_ 2023_06"]
    assert [c.value for c in ws[1]] == ["id", "values", "on", "n"]
    assert all(c.font.b for c in ws[1]) and not ws["A2"].font.b
    assert [c.value for c in ws[2]] == ["gdp", '[1, "二"]', "2023-06-30", 1.5]  # lists as JSON, dates as ISO text
    assert [c.value for c in ws[3]] == ["t1", '{"a": "甲"}', None, -2]
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    assert ws.oddHeader.center.text == "台账" and ws.oddFooter.center.text.startswith("第")
    assert (ws.column_dimensions["A"].width, ws.column_dimensions["B"].width) == (10, 22)


def test_a_table_sheet_without_a_title_prints_its_name():
    wb = workbook.new_workbook()
    ws = workbook.table_sheet(wb, "tasks", ["id"], [["t1"]])
    assert ws.oddHeader.center.text == "tasks" and ws.oddFooter.center.text == "Page &P of &N"


def test_an_export_workbook_has_one_sheet_per_table_in_order_and_no_empty_first_sheet():
    data = workbook.tables_workbook([("records", ["id", "value"], [{"id": 1, "value": 2.5}]),
                                     ("task_updates", ["task"], [{"task": "t1"}, {"task": "t2"}])], lang="zh")
    wb = _load(data)
    assert wb.sheetnames == ["records", "task_updates"]
    assert [[c.value for c in r] for r in wb["records"].iter_rows()] == [["id", "value"], [1, 2.5]]
    assert [r[0].value for r in wb["task_updates"].iter_rows()] == ["task", "t1", "t2"]
    assert wb["records"].oddFooter.center.text == "第 &P 页，共 &N 页"


def test_a_pinned_workbook_is_the_same_bytes_every_time_and_dated_then():
    when = dt.datetime(2023, 7, 1, 8, 30, 15)

    def book() -> bytes:
        wb = workbook.new_workbook(when)
        workbook.put(wb.active, 1, 1, "月通报")
        return workbook.finish(wb, when)

    first = book()
    assert first == book()
    z = zipfile.ZipFile(io.BytesIO(first))
    assert {i.date_time for i in z.infolist()} == {(2023, 7, 1, 8, 30, 14)}  # zip times count in 2-second steps
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist())
    core = z.read("docProps/core.xml").decode()
    assert core.count("2023-07-01T08:30:15Z") == 2 and "dcterms:created" in core
    assert _load(first).active["A1"].value == "月通报"


def test_pinning_keeps_every_entry_and_its_content():
    wb = workbook.new_workbook()
    workbook.put(wb.active, 1, 1, "x")
    plain = workbook.finish(wb)
    pinned = workbook.pin_zip(plain, dt.datetime(2024, 1, 2, 3, 4, 6))
    a, b = zipfile.ZipFile(io.BytesIO(plain)), zipfile.ZipFile(io.BytesIO(pinned))
    assert a.namelist() == b.namelist()
    for name in a.namelist():
        if name != "docProps/core.xml":
            assert a.read(name) == b.read(name), name
        assert b.getinfo(name).external_attr == a.getinfo(name).external_attr
    assert "2024-01-02T03:04:06Z" in b.read("docProps/core.xml").decode()


# -- the fill-in sheet ----------------------------------------------------------------------------------------

ROWS = [{"name": "规模以上工业增加值增长率（规上工业增加值）", "value": "", "unit": "%", "period": "2023年1-6月",
         "target": "增长8%以上", "source": "", "note": "", "baseline": "", "lead_unit": "县发改局",
         "id": "industrial_va_growth"},
        {"name": "事故起数", "value": "", "unit": "起", "period": "2022年1-6月", "target": "", "source": "",
         "note": "", "baseline": "是", "lead_unit": "县应急局", "id": "accident_count_with_a_rather_long_identifier"}]


@pytest.mark.parametrize("lang,sheet", [("zh", "数据填报"), ("en", "figures")])
def test_the_fill_in_sheet_reads_as_a_bureau_expects(lang, sheet):
    ws = _load(template_xlsx(ROWS, lang, "2023年6月 数据填报")).active
    assert ws.title == sheet
    assert [c.value for c in ws[1]] == headings(lang)
    for c in ws[1]:
        assert c.font.b and c.fill.fgColor.rgb == "00D9E1F2"
        assert (c.alignment.horizontal, c.alignment.vertical, c.alignment.wrap_text) == ("center", "center", True)
    keys = [k for k, *_ in COLUMNS]
    for n, row in enumerate(ROWS, start=2):
        got = {k: ws.cell(n, i).value for i, k in enumerate(keys, start=1)}
        assert got == {k: (v or None) for k, v in row.items()}
        value = ws.cell(n, keys.index("value") + 1)
        assert value.fill.fgColor.rgb == "00FFF2CC" and value.number_format == "General"
        assert ws.cell(n, keys.index("period") + 1).number_format == "@"  # a period never becomes a date
        idc = ws.cell(n, keys.index("id") + 1)
        assert idc.font.color.rgb == "00808080" and idc.font.sz == 9
        assert ws.cell(n, 1).alignment.wrap_text is True and ws.cell(n, 2).alignment.wrap_text is not True
        assert ws.cell(n, 2).alignment.vertical == "center"
    # every cell of the table ruled on all four sides, in grey
    for row in ws.iter_rows(min_row=1, max_row=1 + len(ROWS)):
        for c in row:
            b = c.border
            assert [(s.style, s.color.rgb) for s in (b.left, b.right, b.top, b.bottom)] == \
                [("thin", "00999999")] * 4, c.coordinate
    from openpyxl.utils import get_column_letter
    widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, len(keys) + 1)]
    assert widths[:-1] == [w for *_, w in COLUMNS][:-1]
    assert widths[-1] == pytest.approx(0.85 * len(ROWS[1]["id"]) + 2)  # the longest id fits
    assert ws.row_dimensions[2].height == 30 and ws.row_dimensions[3].height is None  # a wrapped name: 2 lines
    assert ws.freeze_panes == "B2"
    assert ws.print_title_rows == "$1:$1" and not ws.print_options.gridLines
    assert ws.oddHeader.center.text == "2023年6月 数据填报"
    assert ws.page_setup.orientation == "landscape"


def test_short_ids_keep_the_id_column_at_its_width():
    ws = _load(template_xlsx([{**ROWS[0], "id": "gdp"}], "zh", "t")).active
    assert ws.column_dimensions["J"].width == 26


def test_the_fill_in_csv_has_a_bom_crlf_lines_and_the_columns_in_order():
    text = template_csv(ROWS, "zh")
    assert text.startswith("\ufeff指标,数值,单位,期间,年度目标,来源,备注,去年同期,牵头单位,id\r\n")
    lines = text.lstrip("\ufeff").split("\r\n")
    assert lines[2].split(",") == ["事故起数", "", "起", "2022年1-6月", "", "", "", "是", "县应急局",
                                   "accident_count_with_a_rather_long_identifier"]
    assert template_csv(ROWS, "en").lstrip("\ufeff").startswith("name_zh,value,unit,period,target,")


@pytest.mark.parametrize("key,zh", [("2023", "2023年"), ("2023Q2", "2023年二季度"), ("2023Q4", "2023年四季度"),
                                    ("2023Q1", "2023年一季度"), ("2023-06", "2023年1-6月"), ("2023-02", "2023年1-2月")])
def test_a_period_is_written_in_the_sheet_s_language(key, zh):
    from liupi_cli.periods import parse_period

    assert period_text(parse_period(key), "zh") == zh
    assert period_text(parse_period(key), "en") == key


# -- which rows the fill-in sheet asks for ------------------------------------------------------------------

@pytest.fixture(scope="module")
def mini_plan():
    from conftest import MINI

    from liupi_cli.plan import load_plan

    return load_plan(MINI)


def test_the_sheet_asks_for_each_figure_due_with_its_target_and_lead_unit(mini_plan):
    from liupi_cli.periods import parse_period
    from liupi_cli.template import template_rows

    rows = template_rows(mini_plan, parse_period("2023-06"), "zh")
    by_id = {}
    for r in rows:
        by_id.setdefault(r["id"], []).append(r)
    assert by_id["gdp_growth"] == [{"name": "地区生产总值", "value": "", "unit": "%", "target": "增长8%以上",
                                    "source": "", "note": "", "baseline": "", "lead_unit": "县发改局",
                                    "id": "gdp_growth", "period": "2023年二季度"}]  # the battle's lead unit
    assert [(r["period"], r["target"]) for r in by_id["retail_sales_total"]] == [("2023年1-6月", "突破34亿元")]
    assert by_id["power_project_start"][0]["target"] == "2023-08-31前" and by_id["power_project_start"][0]["unit"] == ""
    # 双下降 asks for last year's same period too, marked as such and without a target
    assert [(r["period"], r["baseline"], r["target"]) for r in by_id["accident_count"]] == [
        ("2023年1-6月", "", ""), ("2022年1-6月", "是", "")]
    assert by_id["accident_count"][0]["lead_unit"] == "县应急管理局"
    assert "rd_spending_growth" not in by_id and "county_rank" not in by_id  # annual: not due in June
    ids = [r["id"] for r in rows]
    assert ids.index("gdp_growth") < ids.index("retail_sales_total") < ids.index("new_urban_jobs")


def test_the_sheet_for_a_quarter_in_english_for_one_battle(mini_plan):
    from liupi_cli.periods import parse_period
    from liupi_cli.template import template_rows

    rows = template_rows(mini_plan, parse_period("2023Q2"), "en", battle="livelihood")
    ids = {r["id"] for r in rows}
    assert ids >= {"new_urban_jobs", "accident_count"} and "gdp_growth" not in ids
    base = [r for r in rows if r["id"] == "accident_deaths"]
    assert [(r["period"], r["baseline"]) for r in base] == [("2023-06", ""), ("2022-06", "1")]
    unit = template_rows(mini_plan, parse_period("2023-06"), "zh", unit="yjj")
    assert {r["id"] for r in unit} == {"major_accidents", "accident_count", "accident_deaths"}


def test_a_target_is_worded_as_the_document_words_it(mini_plan):
    from liupi_cli.template import target_text

    words = {i.id: target_text(i) for i in mini_plan.indicators.values()}
    assert words == {"gdp_growth": "增长8%以上", "industrial_va_growth": "增长9.5%", "retail_sales_total": "突破34亿元",
                     "rd_spending_growth": "增长13%", "power_project_start": "2023-08-31前",
                     "county_rank": "前十强10位", "new_urban_jobs": "3200人", "urban_unemployment": "5.5%左右",
                     "air_quality": "90%", "major_accidents": "0起", "accident_count": "", "accident_deaths": "",
                     "urban_dibao_standard": "不低于650元/月"}
    ind = mini_plan.indicators["air_quality"]
    assert target_text(ind.model_copy(update={"qualifier": "力争…以上"})) == "力争90%以上"
    assert target_text(ind.model_copy(update={"qualifier": "以内"})) == "90%以内"
    assert target_text(mini_plan.indicators["power_project_start"].model_copy(update={"due": None})) == ""
