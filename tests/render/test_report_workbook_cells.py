"""`liupi report` as a workbook, cell by cell (render/xlsx.py): the summary's counts by battle and by unit under
bold light headings in their colours, each battle's indicators with their number formats and light fills, the
overdue tasks with their deadlines as dates; every sheet frozen under its headings and printed with them."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from conftest import MINI

from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render.labels import LIGHT_FILL
from liupi_cli.render.xlsx import to_xlsx
from liupi_cli.report.build import build_report
from liupi_cli.store import Record, TaskUpdate

_ids = itertools.count(1)


def _rec(indicator: str, period: str, value: float, baseline: bool = False) -> Record:
    return Record(id=next(_ids), indicator=indicator, period=period, baseline=baseline, value=value,
                  entered=f"{value:g}", entered_unit=None, unit=None, recorded_by="x",
                  recorded_at="2023-07-05T09:00:00+08:00", source=None, note=None, supersedes=None, batch=None,
                  current=True)


RECORDS = [_rec("new_urban_jobs", "2023-06", 1500), _rec("industrial_va_growth", "2023-06", 9.46),
           _rec("retail_sales_total", "2023-06", 15.234), _rec("urban_unemployment", "2023-06", 6.6),
           _rec("accident_count", "2023-06", 4), _rec("accident_count", "2022-06", 6, baseline=True)]


class _Lazy(dict):
    """Made on first use by each test that asks (built in the test itself, not once for the module: a mutation
    run credits the code a fixture runs to the first test only)."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        self[key] = value = self.make(key)
        return value


def _book(key: str):
    import openpyxl

    plan = load_plan(MINI)
    if key == "feb":
        return openpyxl.load_workbook(io.BytesIO(to_xlsx(build_report(plan, RECORDS, parse_period("2023-02")), "en")))
    ups = [TaskUpdate(id=1, task="t4", date=dt.date(2023, 5, 20), status="in_progress", percent=50.0, note=None,
                      recorded_by="x", recorded_at="2023-05-20T09:00:00+08:00")]
    report = build_report(plan, RECORDS, parse_period("2023-06"), task_updates=ups)
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(report, key)))


@pytest.fixture
def books():
    return _Lazy(_book)


def _rows(ws, first: int = 1) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=first)]


@pytest.mark.parametrize("lang,sheets", [
    ("en", ["summary", "1 打好经济增长主动仗", "2 打好重点民生保障仗", "Overdue tasks"]),
    ("zh", ["总体情况", "1 打好经济增长主动仗", "2 打好重点民生保障仗", "逾期任务"])])
def test_the_workbook_has_the_summary_a_sheet_per_battle_and_the_overdue_tasks(books, lang, sheets):
    assert books[lang].sheetnames == sheets


def test_the_summary_counts_lights_by_battle_then_overall_then_by_unit(books):
    ws = books["zh"]["总体情况"]
    rows = _rows(ws)
    assert rows[0][0] == "测试县年度计划 — 目标任务进度通报 2023年1–6月"
    assert rows[1][0].startswith("截至 2023-06-30 · 序时进度 50.0%")
    assert rows[2] == [None] * 7
    assert rows[3] == ["分战役 / 分牵头单位", "红灯", "黄灯", "绿灯", "灰灯", "合计", "红灯 %"]
    assert rows[4:7] == [["1. 打好经济增长主动仗", 0, 2, 0, 4, 6, 0], ["2. 打好重点民生保障仗", 0, 2, 1, 4, 7, 0],
                         ["全部指标", 0, 4, 1, 8, 13, 0]]
    assert rows[7][0] == "分牵头单位" and rows[8:] == [["县发改局", 0, 2, 0, 4, 6, 0], ["县人社局", 0, 2, 0, 2, 4, 0],
                                                  ["县应急管理局", 0, 0, 1, 2, 3, 0]]
    assert (ws["A1"].font.b, ws["A1"].font.sz) == (True, 13)
    assert all(c.font.b for c in ws[4]) and all(c.font.b for c in ws[8]) and not ws["A5"].font.b
    assert {c.font.sz for row in ws.iter_rows(min_row=3) for c in row} == {11}
    assert [ws.cell(4, col).fill.fgColor.rgb for col in range(2, 6)] == \
        ["00" + LIGHT_FILL[k] for k in ("red", "yellow", "green", "grey")]
    assert ws["G5"].number_format == "0.0" and ws["F5"].number_format == "General"
    assert ws["B5"].alignment.vertical == "top"
    assert ws.freeze_panes == "A5" and ws.print_title_rows == "$1:$4"
    assert [ws.column_dimensions[c].width for c in "ABCDEFG"] == [40, 9, 9, 9, 9, 9, 9]


def test_a_red_share_is_written_to_one_decimal():
    import openpyxl

    plan = load_plan(MINI)
    report = build_report(plan, [_rec("urban_unemployment", "2023-06", 9.9), _rec("new_urban_jobs", "2023-06", 100),
                                 _rec("industrial_va_growth", "2023-06", 1.0)], parse_period("2023-06"))
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(report, "en")))["summary"]
    overall = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "All indicators")
    red, total = overall[1].value, overall[5].value
    assert red > 0 and overall[6].value == round(100 * red / total, 1) and overall[6].number_format == "0.0"


def test_a_battle_sheet_writes_each_indicator_with_its_number_formats(books):
    ws = books["en"]["1 打好经济增长主动仗"]
    assert ws["A1"].value == "1. Economic growth · 打好经济增长主动仗"
    assert (ws["A1"].font.b, ws["A1"].font.sz) == (True, 12)
    head = [c.value for c in ws[2]]
    assert head[:6] == ["No.", "Indicator", "Unit", "Lead unit", "Frequency", "Annual target"] and head[-1] == "Note"
    for c in ws[2]:
        assert c.font.b and (c.alignment.horizontal, c.alignment.vertical, c.alignment.wrap_text) == \
            ("center", "center", True)
    col = {name: i + 1 for i, name in enumerate(head)}
    iva = 4  # row 2 of the battle: industrial value added
    assert ws.cell(iva, 1).value == 2 and ws.cell(iva, col["YTD growth %"]).value == 9.46
    assert ws.cell(iva, col["YTD growth %"]).number_format == "0.0###"
    gap = ws.cell(iva, col["Gap to growth target (pts)"])
    assert (gap.value, gap.number_format) == (-0.04, "+0.0###;-0.0###;0.0")
    retail = 5
    ytd = ws.cell(retail, col["Year to date"])
    assert (ytd.value, ytd.number_format) == (15.234, "#,##0.000")  # 亿元 to its decimals
    share = ws.cell(retail, col["% of annual target"])
    assert (share.value, share.number_format) == (44.8, "0.0")
    assert ws.cell(retail, col["Gap to schedule (pts)"]).number_format == "+0.0;-0.0;0.0"
    assert ws.cell(retail, col["Year-end projection"]).number_format == "#,##0.000"
    light = ws.cell(retail, col["Light"])
    assert light.value == "YELLOW" and light.fill.fgColor.rgb == "00" + LIGHT_FILL["yellow"]
    assert ws.cell(3, col["Light"]).fill.fgColor.rgb == "00" + LIGHT_FILL["grey"]
    assert ws.cell(retail, col["Note"]).fill.fill_type is None
    # the long texts wrap, the figures stay on one line at the top of the cell
    assert ws.cell(retail, col["Indicator"]).alignment.wrap_text and ws.cell(retail, col["Note"]).alignment.wrap_text
    assert not ws.cell(retail, col["Year to date"]).alignment.wrap_text
    assert ws.cell(retail, col["Year to date"]).alignment.vertical == "top"
    assert {ws.cell(r, c).font.sz for r in range(3, ws.max_row + 1) for c in range(1, len(head) + 1)} == {11}
    assert all(ws.row_dimensions[r].height % 16 == 0 and ws.row_dimensions[r].height >= 16
               for r in range(2, ws.max_row + 1))
    assert ws.freeze_panes == "C3" and ws.print_title_rows == "$1:$2"
    assert ws.oddHeader.center.text.endswith(" · 1. Economic growth · 打好经济增长主动仗")


def test_whole_counts_are_written_without_decimals(books):
    ws = books["zh"]["2 打好重点民生保障仗"]
    head = [c.value for c in ws[2]]
    col = {name: i + 1 for i, name in enumerate(head)}
    jobs = ws.cell(3, col["累计"])
    assert (jobs.value, jobs.number_format) == (1500, "#,##0")
    accidents = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, col["指标"]).value == "安全生产事故起数")
    assert [ws.cell(accidents, col[k]).value for k in ("累计", "去年同期", "灯")] == [4, 6, "绿灯"]
    assert ws.cell(accidents, col["去年同期"]).number_format == "#,##0"
    assert ws.cell(accidents, col["灯"]).fill.fgColor.rgb == "00" + LIGHT_FILL["green"]
    rate = ws.cell(4, col["累计"])
    assert (rate.value, rate.number_format) == (6.6, "#,##0.0")


@pytest.mark.parametrize("lang,head", [("en", ["id", "Task", "Deadline", "Days overdue", "Status"]),
                                       ("zh", ["编号", "任务", "完成时限", "逾期天数", "状态"])])
def test_the_overdue_sheet_lists_each_task_with_its_deadline_as_a_date(books, lang, head):
    ws = books[lang].worksheets[-1]
    assert ws["A1"].value == ("Overdue tasks (1)" if lang == "en" else "逾期任务 (1)")
    assert (ws["A1"].font.b, ws["A1"].font.sz) == (True, 12)
    assert [c.value for c in ws[2]] == head and all(c.font.b for c in ws[2])
    row = [c.value for c in ws[3]]
    assert row[:4] == ["t4", "开展系列消费促进活动 (县发改局)", dt.datetime(2023, 5, 31), 30]
    assert row[4] == ("in progress" if lang == "en" else "推进中")
    assert ws["C3"].number_format == "yyyy-mm-dd" and ws["B3"].alignment.wrap_text and not ws["A3"].alignment.wrap_text
    assert not ws["A3"].font.b and ws["A3"].font.sz == 11
    assert ws.row_dimensions[3].height == 16
    assert ws.freeze_panes == "A3" and ws.print_title_rows == "$1:$2"
    assert [ws.column_dimensions[c].width for c in "ABCDE"] == [14, 70, 12, 9, 12]


def test_no_overdue_task_is_one_line_saying_none(books):
    ws = books["feb"].worksheets[-1]
    assert _rows(ws) == [["Overdue tasks (0)", None, None, None, None], ["id", "Task", "Deadline", "Days overdue",
                                                                         "Status"], ["none", None, None, None, None]]
    assert ws["A3"].number_format == "General"


@pytest.mark.parametrize("lang,word", [("en", "in progress"), ("zh", "推进中")])
def test_an_overdue_task_s_status_is_said_in_words_in_every_report_format(lang, word):
    from liupi_cli.render.html import to_html
    from liupi_cli.render.plain import to_markdown

    plan = load_plan(MINI)
    ups = [TaskUpdate(id=1, task="t4", date=dt.date(2023, 5, 20), status="blocked", percent=None, note=None,
                      recorded_by="x", recorded_at="2023-05-20T09:00:00+08:00"),
           TaskUpdate(id=2, task="t4", date=dt.date(2023, 6, 2), status="in_progress", percent=60.0, note=None,
                      recorded_by="x", recorded_at="2023-06-02T09:00:00+08:00")]
    report = build_report(plan, [], parse_period("2023-06"), task_updates=ups)
    md = next(ln for ln in to_markdown(report, lang).splitlines() if ln.startswith("| t4 "))
    assert md.endswith(f"| 30 | {word} |") and "in_progress" not in md
    assert f'<td class="n">30</td><td>{word}</td></tr>' in to_html(report, lang)


def test_a_figure_not_yet_approved_is_marked_in_its_own_column(books):
    from liupi_cli.render.labels import cells

    plan = load_plan(MINI)
    growth, jobs = _rec("industrial_va_growth", "2023-06", 9.46), _rec("new_urban_jobs", "2023-06", 1500)
    report = build_report(plan, [growth, jobs], parse_period("2023-06"),
                          review={growth.id: "submitted", jobs.id: "submitted"})
    rows = {r.id: r for r in report.rows}
    g, j = cells(rows["industrial_va_growth"], 1, "zh"), cells(rows["new_urban_jobs"], 1, "en")
    assert (g["growth"], g["ytd"]) == ("9.46（待审）", None)
    assert (j["growth"], j["ytd"]) == (None, "1,500 (2023-06) (submitted)")


def test_a_long_note_makes_its_row_taller_a_short_one_does_not(books):
    ws = books["en"]["1 打好经济增长主动仗"]
    assert ws.row_dimensions[4].height >= 3 * 16  # industrial value added: a note of three lines and more
    assert ws.row_dimensions[3].height < ws.row_dimensions[4].height


def test_no_overdue_task_in_markdown_says_none(books):
    from liupi_cli.render.plain import to_markdown

    plan = load_plan(MINI)
    md = to_markdown(build_report(plan, [], parse_period("2023-02")), "zh").splitlines()
    i = md.index("## 逾期任务 (0)")
    assert md[i + 1:i + 4] == ["", "无", ""]


def test_column_widths_grow_for_english_heading_words_and_short_cells_never_for_chinese_headings(books):
    from openpyxl.utils import get_column_letter

    def widths(ws):
        return {c.value: ws.column_dimensions[get_column_letter(c.column)].width for c in ws[2]}

    zh, en = widths(books["zh"]["2 打好重点民生保障仗"]), widths(books["en"]["2 打好重点民生保障仗"])
    # a Chinese heading wraps between characters: the base widths stand, but for the cells (月度, 黄灯) they hold
    keys = ("序号", "指标", "单位", "牵头单位", "年度目标", "本期", "累计增长%", "与增长目标差(百分点)", "备注")
    assert [zh[k] for k in keys] == [4, 15, 5, 8, 10, 7, 6.5, 6.5, 12]
    # an English heading's longest word stays whole (Frequency, projection), the wrapped columns give back
    assert en["Frequency"] > 9 and en["Year-end projection"] > 10 and en["Indicator"] < 15 and en["Note"] < 12
    assert sum(en.values()) <= 128 and sum(zh.values()) <= 128


def test_a_long_overdue_task_makes_its_row_tall_enough():
    import openpyxl

    plan = load_plan(MINI)
    report = build_report(plan, [], parse_period("2023-06"))
    t = report.summary.tasks_overdue[0].model_copy(update={"title_zh": "开展系列消费促进活动" * 8})
    report = report.model_copy(update={"summary": report.summary.model_copy(update={"tasks_overdue": [t]})})
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(report, "zh"))).worksheets[-1]
    assert ws.row_dimensions[3].height == 16 * 3  # 80 characters and the unit at 70 columns a line
