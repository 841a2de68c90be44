"""The report at a terminal (render/text.py), the parts the golden files do not reach: a period with no figure
yet counts its grey rows instead of listing them, the progress bar fills only for what is done, a figure of another
period says which, a long overdue list is cut after eight, indicators red twice running are named in red, and
the English name carries the Chinese one only where there is room."""

from __future__ import annotations

import pytest
from conftest import MINI

from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render.text import bar, to_text
from liupi_cli.report.build import build_report

from .test_report_workbook_cells import RECORDS, _rec


@pytest.fixture(scope="module")
def plan():
    return load_plan(MINI)


@pytest.mark.parametrize("lang,titles,foot", [
    ("en", ["1. Economic growth · 打好经济增长主动仗 — GREY 6", "2. People's livelihood · 打好重点民生保障仗 — GREY 7"],
     "13 indicator(s) have no figure yet and are not listed; `--light grey` lists them."),
    ("zh", ["1. 打好经济增长主动仗 — 灰灯6个", "2. 打好重点民生保障仗 — 灰灯7个"],
     "13个指标暂无数据，未逐项列出；加 --light grey 可列出。"),
])
def test_with_no_figure_yet_the_grey_rows_are_counted_not_listed(plan, lang, titles, foot):
    text = to_text(build_report(plan, [], parse_period("2023-06")), lang, 100, lead=["Next: liupi update"])
    lines = text.splitlines()
    assert lines[3] == "Next: liupi update" and lines[4] == ""  # the lead lines right after the summary
    assert [ln for ln in lines if ln.startswith(("1. ", "2. "))] == titles
    assert foot in lines
    assert "GDP" not in text and "──" not in text  # no table at all


def test_the_title_bold_the_light_coloured_and_the_footnotes_dim(plan):
    calls = []

    def paint(text, style):
        calls.append((text, style))
        return text

    to_text(build_report(plan, [*RECORDS, _rec("new_urban_jobs", "2023-05", 1000)], parse_period("2023-06")), "en",
            100, paint=paint)
    styles = {}
    for text, style in calls:
        styles.setdefault(style, []).append(text.strip())
    assert styles["bold"][0].startswith("Test county annual plan")
    assert "YELLOW" in styles["yellow"] and "GREEN" in styles["green"] and "GREY" in styles["grey"]
    assert any(t.startswith("Overdue tasks (1): t4") for t in styles["bold"])
    assert any(t.startswith("* lead unit of the battle") for t in styles["dim"])


@pytest.mark.parametrize("done,filled", [(None, None), (0, 0), (9.9, 0), (10, 1), (44.8, 4), (99.9, 9), (100, 10),
                                         (150, 10), (-5, 0)])
def test_the_progress_bar_fills_only_for_what_is_done(done, filled):
    class Row:
        completion = done

    got = bar(Row())
    assert got == ("" if filled is None else "█" * filled + "░" * (10 - filled))
    if filled is not None:
        assert len(bar(Row(), 20)) == 20


def test_a_figure_of_another_period_says_which_and_a_footnote_explains(plan):
    text = to_text(build_report(plan, [_rec("new_urban_jobs", "2023-05", 1000)], parse_period("2023-06")), "en", 140)
    assert "1,000人 (2023-05)" in text
    assert "Actual: the figure's period is shown in brackets when it is not the report's." in text
    same = to_text(build_report(plan, [_rec("new_urban_jobs", "2023-06", 1000)], parse_period("2023-06")), "en", 140)
    assert "(2023-06)" not in same and "Actual: the figure's period" not in same
    quarter = build_report(plan, [_rec("new_urban_jobs", "2023-06", 1000)], parse_period("2023Q2"))
    assert "(2023-06)" not in to_text(quarter, "en", 140)  # June ends the quarter: the report's own period


def test_a_long_overdue_list_names_the_first_eight(plan):
    rep = build_report(plan, [], parse_period("2023-06"))
    t = rep.summary.tasks_overdue[0]
    many = [t.model_copy(update={"id": f"t{i}"}) for i in range(10)]
    rep = rep.model_copy(update={"summary": rep.summary.model_copy(update={"tasks_overdue": many})})
    text = to_text(rep, "en", 400)
    line = next(ln for ln in text.splitlines() if ln.startswith("Overdue tasks (10): "))
    assert line.count("(30d)") == 8 and line.endswith(", … (+2)") and "t7 " in line and "t8 " not in line
    eight = rep.model_copy(update={"summary": rep.summary.model_copy(update={"tasks_overdue": many[:8]})})
    assert "… (+" not in to_text(eight, "en", 400)
    nine = rep.model_copy(update={"summary": rep.summary.model_copy(update={"tasks_overdue": many[:9]})})
    assert to_text(nine, "en", 400).count(", … (+1)") == 1
    none = rep.model_copy(update={"summary": rep.summary.model_copy(update={"tasks_overdue": []})})
    assert "Overdue tasks: none" in to_text(none, "en", 100).splitlines()
    assert "逾期任务: 无" in to_text(none, "zh", 100).splitlines()


@pytest.mark.parametrize("lang,line", [("en", "Red two periods running: Retail sales, New urban jobs"),
                                       ("zh", "连续两期红灯: 社会消费品零售总额、城镇新增就业")])
def test_indicators_red_twice_running_are_named_in_red(plan, lang, line):
    rep = build_report(plan, RECORDS, parse_period("2023-06"))
    rep = rep.model_copy(update={"summary": rep.summary.model_copy(
        update={"persistent": ["retail_sales_total", "new_urban_jobs"]})})
    calls = []
    text = to_text(rep, lang, 200, paint=lambda t, s: calls.append((t, s)) or t)
    assert line in text.splitlines() and (line, "red") in calls


def test_the_english_name_carries_the_chinese_one_where_there_is_room(plan):
    rep = build_report(plan, RECORDS, parse_period("2023-06"))
    assert "New urban jobs 城镇新增就业" in to_text(rep, "en", 140)
    narrow = to_text(rep, "en", 100)
    assert "New urban jobs" in narrow and "城镇新增就业" not in narrow
    assert "城镇新增就业" in to_text(rep, "zh", 100)
