"""What each product says, section by section (render/cadence_doc.py): its title and period, its summary lines,
the sections in the order an office reads them with their column headings, the rows' key cells in the catalogue's
words, which section CSV holds and the date the files carry — for the 旬简报, 月通报, 季总结, 年终结账, a unit's page
and the 催报 list, in Chinese and English."""

from __future__ import annotations

import pytest
from conftest import MINI

from liupi_cli.cadence.dekads import parse_dekad
from liupi_cli.cadence.missing import build_missing
from liupi_cli.cadence.products import dekad_brief, month_circular, quarter_summary, year_settlement
from liupi_cli.cadence.unit_page import build_unit_page
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render.cadence_doc import missing_doc, product_doc, unit_doc

from .test_cadence import _two_months, rec, upd

RECORDS = [*_two_months(), rec("accident_count", "2023-06", 4), rec("accident_count", "2022-06", 6, baseline=True)]
UPDATES = [upd("t1", "2023-05-10", percent=20), upd("t1", "2023-06-15", "blocked", percent=30),
           upd("t2", "2023-06-20", "done", 100)]
REPORT_ZH = ["序号", "战役", "编号", "名称", "牵头单位", "目标", "最新数据", "数据期", "差距", "灯", "状态", "完成%",
             "序时进度%", "备注"]
TASKS_ZH = ["编号", "名称", "牵头单位", "完成时限", "状态", "进度%", "更新日期", "时限状态", "逾期/剩余"]


@pytest.fixture(scope="module")
def plan():
    return load_plan(MINI)


def _row(doc, title: str, key: str, at: int = 1):
    section = next(s for s in doc.sections if s.title == title)
    return next(r for r in section.rows if r[at] == key)


@pytest.mark.parametrize("lang,title,line,heads", [
    ("zh", "旬简报 · 2023年6月中旬", "统计区间：2023-06-11 – 2023-06-20 · 指标进度 2023-05",
     ["本旬录入数据", "本旬任务进展", "本旬新增逾期任务", "本旬新增逾期未报完成的节点目标",
      "2023-05指标亮灯与上旬相比"]),
    ("en", "Dekad brief · 2023-06 2nd dekad (11–20)", "Covers: 2023-06-11 – 2023-06-20 · Report 2023-05",
     ["Figures recorded", "Tasks that moved", "Became overdue", "Milestones past due, not reported done",
      "Lights of 2023-05 since the previous dekad"]),
])
def test_the_dekad_brief(plan, lang, title, line, heads):
    doc = product_doc(dekad_brief(plan, RECORDS, UPDATES, parse_dekad("2023-06-2")), lang)
    assert (doc.title, doc.lines, doc.lang, doc.csv_section) == (title, [line], lang, 0)
    assert [s.title for s in doc.sections] == heads
    assert str(doc.pinned) == "2023-06-20"
    moved = doc.sections[1]
    words = {"zh": ("推进中", "受阻", "已完成"), "en": ("in progress", "blocked", "done")}[lang]
    assert moved.rows == [["t1", "抓好重大项目建设", "县发改局", "2023-06-15", words[0], words[1], 30],
                          ["t2", "促进高质量充分就业", "县人社局", "2023-06-20", "", words[2], 100]]
    assert doc.sections[4].light_column == 5
    if lang == "zh":
        assert doc.sections[0].columns == ["编号", "名称", "数据期", "数值", "牵头单位", "录入日期", "录入人"]
        assert moved.columns == ["编号", "名称", "牵头单位", "更新日期", "原状态", "现状态", "进度%"]
        assert doc.sections[2].columns == TASKS_ZH
        assert doc.sections[3].columns == ["编号", "名称", "完成时限", "牵头单位"]


def test_a_dekad_brief_lists_what_was_recorded_in_its_days(plan):
    doc = product_doc(dekad_brief(plan, RECORDS, UPDATES, parse_dekad("2023-07-2")), "zh")
    assert doc.sections[0].rows == []  # every figure was recorded on 5 July
    late = [rec("new_urban_jobs", "2023-06", 1600, on="2023-07-03")]
    doc = product_doc(dekad_brief(plan, late, [], parse_dekad("2023-07-1")), "zh")
    assert doc.sections[0].rows == [["new_urban_jobs", "城镇新增就业", "2023-06", "1600", "县人社局", "2023-07-03",
                                     "统计局"]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_month_circular(plan, lang):
    doc = product_doc(month_circular(plan, RECORDS, UPDATES, parse_period("2023-06")), lang)
    zh = lang == "zh"
    assert doc.title == ("月通报 · 2023年1–6月" if zh else "Monthly circular · 2023-06")
    assert doc.lines == (["亮灯情况：红灯 2，黄灯 2，绿灯 1，灰灯 8",
                          "未报指标数据4项、任务进展2项；0个单位已报齐"] if zh else
                         ["Lights: RED 2, YELLOW 2, GREEN 1, GREY 8",
                          "4 figure(s) and 2 task update(s) missing; 0 unit(s) complete"])
    titles = [s.title for s in doc.sections]
    assert titles == (["亮灯情况", "与2023-05相比", "分单位报送情况", "未报明细", "逾期任务", "指标进度"] if zh else
                      ["Lights", "Change since 2023-05", "By unit", "Owed items", "Overdue tasks", "Report"])
    assert doc.csv_section == 5 and str(doc.pinned) == "2023-06-30"
    lights = doc.sections[0]
    assert lights.rows == [["打好经济增长主动仗", 1, 1, 0, 4, 6], ["打好重点民生保障仗", 1, 1, 1, 4, 7],
                           ["全部" if zh else "All", 2, 2, 1, 8, 13]]
    change = doc.sections[1]
    assert [(r[0], r[1], r[4], r[5]) for r in change.rows] == (
        [("新增红灯", "urban_unemployment", "绿灯", "红灯"), ("连续红灯", "retail_sales_total", "红灯", "红灯"),
         ("退步", "new_urban_jobs", "绿灯", "黄灯"), ("好转", "industrial_va_growth", "红灯", "黄灯")] if zh else
        [("newly red", "urban_unemployment", "GREEN", "RED"), ("red again", "retail_sales_total", "RED", "RED"),
         ("down", "new_urban_jobs", "GREEN", "YELLOW"), ("up", "industrial_va_growth", "RED", "YELLOW")])
    assert doc.sections[2].rows[0] == ["县应急管理局", 3, 1, 2, 1, 0, 1, "未报齐" if zh else "owes"]
    assert doc.sections[3].rows[2] == ["县应急管理局", "任务进展" if zh else "task", "t3", "长期任务",
                                       "从未报送" if zh else "never updated"]
    overdue = doc.sections[4]
    assert overdue.rows == [["t4", "开展系列消费促进活动", "县发改局", "2023-05-31",
                             "从未报送" if zh else "never updated", "", "", "逾期" if zh else "overdue",
                             "逾期30天" if zh else "30 days overdue"]]
    report = doc.sections[5]
    assert report.light_column == 9 and len(report.rows) == 13
    retail = _row(doc, titles[5], "retail_sales_total", 2)
    assert retail[0] == 3 and retail[5:] == (
        ["突破34亿元", "6.00亿元", "2023-06", "-32.4个百分点", "红灯", "严重滞后", 17.6, 50, ""] if zh else
        ["≥ 34亿元", "6.00亿元", "2023-06", "-32.4 pts", "RED", "far behind", 17.6, 50, ""])
    if zh:
        assert report.columns == REPORT_ZH and overdue.columns == TASKS_ZH
        assert doc.sections[2].columns == ["单位", "应报指标", "已报", "未报", "应报进展任务", "已报进展", "未报进展",
                                           "状态"]
        assert doc.sections[3].columns == ["单位", "类别", "编号", "名称", "所属期/上次报送"]
        assert change.columns == ["变化", "编号", "名称", "牵头单位", "上期", "本期"]
        iva = _row(doc, "指标进度", "industrial_va_growth", 2)
        assert iva[-1] == "按总体方案二(一)考核；文件另有10%（附件2 一）"


def test_the_quarter_summary_carries_the_prescore_and_its_working(plan):
    doc = product_doc(quarter_summary(plan, RECORDS, UPDATES, parse_period("2023Q2")), "zh")
    assert doc.title == "季总结 · 2023年二季度" and doc.csv_section == 3
    assert doc.lines == ["亮灯情况：红灯 2，黄灯 2，绿灯 1，灰灯 8",
                         "绩效预评分：45.8 (指标 (100×1 + 60×2 + 0×2) ÷ 5 = 44; 任务 (100×1 + 0×1) ÷ 2 = 50; "
                         "0.7×44 + 0.3×50 = 45.8)"]
    assert [s.title for s in doc.sections] == ["亮灯情况", "与2023Q1相比", "绩效预评分 · 战役", "绩效预评分 · 单位",
                                               "预评分明细", "指标进度"]
    by_battle = doc.sections[2]
    assert by_battle.columns == ["名称", "指标得分", "任务得分", "得分", "计算过程"]
    assert by_battle.rows[1][:4] == ["打好重点民生保障仗", 53.33, 100, 67.33]
    assert by_battle.rows[-1][0] == "全部"
    assert doc.sections[3].rows[0][:4] == ["县应急管理局", 100, "", 100]
    parts = doc.sections[4]
    assert parts.columns == ["单位", "类别", "编号", "名称", "结果", "分值", "权重"]
    assert parts.rows[:2] == [["县应急管理局", "指标数据", "major_accidents", "较大及以上安全事故", "灰灯", "—", 1],
                              ["县应急管理局", "指标数据", "accident_count", "安全生产事故起数", "绿灯", 100, 1]]
    assert any(r[1] == "任务进展" for r in parts.rows)


def test_the_year_settlement_counts_what_was_met_by_battle_and_unit(plan):
    doc = product_doc(year_settlement(plan, RECORDS, UPDATES, parse_period("2023")), "zh")
    assert doc.title == "年终结账 · 2023年" and str(doc.pinned) == "2023-12-31"
    assert doc.lines[1] == "完成 0 · 未完成 0 · 未报 1 · 无法判断 12"
    assert doc.lines[2].startswith("绩效预评分：10 (")
    assert [s.title for s in doc.sections] == ["年终结账 · 战役", "年终结账 · 单位", "未完成目标", "未报目标",
                                               "绩效预评分 · 战役", "绩效预评分 · 单位", "预评分明细", "指标进度"]
    assert doc.csv_section == 7
    assert doc.sections[0].columns == ["名称", "完成", "未完成", "未报", "无法判断"]
    assert doc.sections[0].rows == [["打好经济增长主动仗", 0, 0, 1, 5], ["打好重点民生保障仗", 0, 0, 0, 7],
                                    ["全部", 0, 0, 1, 12]]
    assert doc.sections[1].rows[0] == ["县发改局", 0, 0, 1, 5]
    assert doc.sections[2].rows == [] and doc.sections[2].columns == REPORT_ZH
    assert [r[2] for r in doc.sections[3].rows] == ["power_project_start"]
    assert doc.sections[5].rows[-1][-1] == "无可评分项"


def test_the_year_settlement_in_english(plan):
    doc = product_doc(year_settlement(plan, RECORDS, UPDATES, parse_period("2023")), "en")
    assert doc.lines[1].count(" · ") == 3 and doc.lines[1].endswith(" 12")
    assert doc.lines[2].startswith("Pre-score: 10 (")


def test_a_unit_page_lists_its_indicators_tasks_and_what_it_owes(plan):
    doc = unit_doc(build_unit_page(plan, RECORDS, UPDATES, parse_period("2023-06"), "rsj"), "zh")
    assert doc.title == "县人社局 · 2023年1–6月" and str(doc.pinned) == "2023-06-30"
    assert doc.lines[0] == "亮灯情况：红灯 1，黄灯 1，绿灯 0，灰灯 2"
    assert doc.lines[1].startswith("绩效预评分：51 (")
    ind, tasks, owes = doc.sections
    assert (ind.title, tasks.title, owes.title) == ("指标", "任务", "待报")
    assert ind.columns == ["职责", "编号", "名称", "目标", "最新数据", "数据期", "差距", "灯", "状态"]
    assert ind.light_column == 7
    assert ind.rows[1] == ["牵头", "urban_unemployment", "城镇调查失业率", "5.5%左右", "7.8%", "2023-06",
                           "+2.3个百分点", "红灯", "突破目标"]
    assert tasks.columns == ["职责", *TASKS_ZH]
    assert tasks.rows == [["牵头", "t2", "促进高质量充分就业", "县人社局", "2023-12-31", "已完成", 100, "2023-06-20",
                           "已完成", ""],
                          ["责任", "t1", "抓好重大项目建设", "县发改局", "2023-08-31", "受阻", 30, "2023-06-15",
                           "未到期", "剩余62天"]]
    assert owes.columns == ["类别", "编号", "名称", "所属期/上次报送"]
    assert owes.rows == [["指标数据", "air_quality", "空气质量优良率", "2023-06"]] and owes.note is None


def test_a_unit_that_owes_nothing_says_so(plan):
    records = [*RECORDS, rec("air_quality", "2023-06", 92)]
    doc = unit_doc(build_unit_page(plan, records, UPDATES, parse_period("2023-06"), "rsj"), "zh")
    assert doc.sections[2].rows == [] and doc.sections[2].note


def test_the_owed_list(plan):
    doc = missing_doc(build_missing(plan, RECORDS, UPDATES, parse_period("2023-06")), "en")
    assert doc.title == "Figures and updates owed · 2023-06" and doc.csv_section == 1
    assert doc.lines == ["Covers: 2023-06-01 – 2023-06-30",
                         "4 figure(s) and 2 task update(s) missing; 0 unit(s) complete"]
    assert [s.title for s in doc.sections] == ["By unit", "Owed items"]
    assert doc.sections[0].columns == ["Unit", "Figures due", "In", "Missing", "Tasks due an update", "Updated",
                                       "No update", "State"]
    assert doc.sections[1].rows[0] == ["县应急管理局", "figure", "major_accidents", "较大及以上安全事故", "2023-06"]
    records = [*RECORDS, rec("major_accidents", "2023-06", 0), rec("accident_deaths", "2023-06", 0)]
    complete = build_missing(plan, records, [*UPDATES, upd("t3", "2023-06-05")], parse_period("2023-06"))
    doc = missing_doc(complete, "zh")
    assert doc.sections[0].rows[-1] == ["县应急管理局", 3, 3, 0, 1, 1, 0, "已报齐"]
    assert ["县应急管理局", "已报齐", "", "", ""] in doc.sections[1].rows
    assert doc.lines[0] == "统计区间：2023-06-01 – 2023-06-30"


def test_a_milestone_is_past_due_unless_a_figure_known_by_then_says_it_happened(plan):
    sept = parse_dekad("2023-09-1")
    assert [m.id for m in dekad_brief(plan, [], [], sept).milestones_overdue] == ["power_project_start"]
    done = rec("power_project_start", "2023-08", 1, on="2023-08-30")
    assert dekad_brief(plan, [done], [], sept).milestones_overdue == []
    last_year = rec("power_project_start", "2022-08", 1, on="2023-08-30", baseline=True)  # a baseline says nothing
    assert [m.id for m in dekad_brief(plan, [last_year], [], sept).milestones_overdue] == ["power_project_start"]
    late = rec("power_project_start", "2023-08", 1, on="2023-09-15")  # known only after the dekad
    assert [m.id for m in dekad_brief(plan, [late], [], sept).milestones_overdue] == ["power_project_start"]
    doc = product_doc(dekad_brief(plan, [], [], sept), "zh")
    assert doc.sections[3].rows == [["power_project_start", "抽水蓄能项目开工", "2023-08-31", "县发改局"]]


@pytest.mark.parametrize("lang,rows", [
    ("zh", [["t4", "开展系列消费促进活动", "县发改局", "2023-05-31", "从未报送", "", "", "逾期", "逾期45天"],
            ["t1", "抓好重大项目建设", "县发改局", "2023-08-31", "推进中", 40, "2023-06-01", "未到期", "剩余47天"],
            ["t3", "长期任务", "县应急管理局", "长期坚持", "推进中", "", "2023-05-01", "长期坚持",
             "75天未更新 (30天内无进展)"]]),
    ("en", [["t4", "开展系列消费促进活动", "县发改局", "2023-05-31", "never updated", "", "", "overdue",
             "45 days overdue"],
            ["t1", "抓好重大项目建设", "县发改局", "2023-08-31", "in progress", 40, "2023-06-01", "open",
             "47 days left"],
            ["t3", "长期任务", "县应急管理局", "ongoing", "in progress", "", "2023-05-01", "ongoing",
             "75 days since update (no update in 30 days)"]]),
])
def test_a_task_table_says_when_each_task_is_due_and_how_it_stands(plan, lang, rows):
    import datetime as dt

    from liupi_cli.cadence.timeline import task_timeline
    from liupi_cli.render.cadence_doc import task_section

    lines = task_timeline(plan, [upd("t3", "2023-05-01"), upd("t1", "2023-06-01", "in_progress", 40)],
                          dt.date(2023, 7, 15))
    got = task_section("任务", [t for t in lines if t.id != "t2"], lang).rows
    assert got == rows
    never = task_timeline(plan, [], dt.date(2023, 7, 15))
    assert [r[-1] for r in task_section("任务", never, "zh").rows] == ["逾期45天", "剩余47天", "剩余169天", "从未报送"]
    undated = never[0].model_copy(update={"deadline": None, "deadline_text": "年内", "state": "open",
                                          "days_overdue": None, "days_left": None})
    assert task_section("任务", [undated], "zh").rows[0][3:] == ["年内", "从未报送", "", "", "未到期", ""]
