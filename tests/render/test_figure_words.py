"""How a figure, a gap and a target are written (render/labels.py): to the unit's decimals or more when the figure
has more, gaps signed and in points between percentages, targets as the document words them in Chinese and with a
comparator in English, marks after a figure awaiting approval or returned."""

from __future__ import annotations

import pytest
from conftest import MINI

from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render import labels
from liupi_cli.report.build import build_report


@pytest.fixture(scope="module")
def rows():
    report = build_report(load_plan(MINI), [], parse_period("2023-06"))
    return {r.id: r for r in report.rows}


@pytest.mark.parametrize("value,least,places", [(9.5, 1, 1), (9.46, 1, 2), (9.0, 0, 0), (1.23456, 0, 4),
                                                (1.00001, 2, 2), (3.0, 2, 2), (0.125, 1, 3)])
def test_places_needed_shows_the_figure_as_judged(value, least, places):
    assert labels.places_needed(value, least) == places


@pytest.mark.parametrize("value,unit,text", [(None, "%", ""), (1500.0, "人", "1,500"), (15.234, "亿元", "15.234"),
                                             (15.2, "亿元", "15.20"), (6.6, "%", "6.6"), (6.0, "%", "6.0"),
                                             (2616611.0, "元", "2,616,611.00"), (3.0, None, "3")])
def test_a_figure_to_its_unit_s_decimals_or_more(value, unit, text):
    assert labels.num(value, unit) == text


def test_num_with_places_given():
    assert labels.num(46.875, "%", places=1) == "46.875" and labels.num(50.0, None, places=1) == "50.0"


@pytest.mark.parametrize("value,text", [(None, ""), (0, "0.0"), (0.0, "0.0"), (-0.04, "-0.04"), (1.1, "+1.1"),
                                        (-32.4, "-32.4"), (2.0, "+2.0")])
def test_points_are_signed_and_never_round_a_gap_away(value, text):
    assert labels.pts(value) == text


def test_a_gap_is_in_points_between_percentages_else_in_the_unit(rows):
    jobs, accidents, rate = rows["new_urban_jobs"], rows["accident_count"], rows["urban_unemployment"]
    assert labels.gap_text(jobs.model_copy(update={"gap": -3.1}), "zh") == "-3.1个百分点"
    assert labels.gap_text(jobs.model_copy(update={"gap": -3.1}), "en") == "-3.1 pts"
    assert labels.gap_text(rate.model_copy(update={"gap": 1.1}), "en") == "+1.1 pts"
    assert labels.gap_text(accidents.model_copy(update={"gap": -2.0}), "zh") == "-2起"
    assert labels.gap_text(accidents.model_copy(update={"gap": 0.0}), "zh") == "0起"
    assert labels.gap_text(accidents.model_copy(update={"gap": None}), "zh") == ""


def test_marks_after_a_figure_awaiting_approval_or_returned(rows):
    jobs = rows["new_urban_jobs"].model_copy(update={"actual": 1500.0, "review": "submitted"})
    assert labels.review_mark(jobs, "zh") == "（待审）" and labels.review_mark(jobs, "en") == " (submitted)"
    assert labels.actual_figure(jobs, "zh") == "1,500人（待审）"
    back = jobs.model_copy(update={"review": "returned"})
    assert labels.actual_figure(back, "en") == "1,500人 (returned)"
    assert labels.review_mark(rows["new_urban_jobs"], "zh") == ""
    assert labels.returned_mark("口径不对", "zh") == "（退回: 口径不对）"
    assert labels.returned_mark("口径不对", "en") == " (退回: 口径不对)" and labels.returned_mark(None, "zh") == ""
    assert labels.actual_figure(rows["new_urban_jobs"], "zh") == ""


def test_a_milestone_keeps_the_word_it_was_recorded_with(rows):
    m = rows["power_project_start"].model_copy(update={"actual": 1.0, "actual_entered": "已开工"})
    assert labels.actual_figure(m, "zh") == "已开工"
    assert labels.actual_figure(m.model_copy(update={"actual_entered": None}), "zh") == "1"


@pytest.mark.parametrize("rid,zh,en", [
    ("gdp_growth", "8%以上", "≥ 8%"), ("retail_sales_total", "突破34亿元", "≥ 34亿元"),
    ("urban_unemployment", "5.5%左右", "≈ 5.5%"), ("major_accidents", "0起", "≤ 0起"),
    ("accident_count", "同比下降", "below last year"), ("power_project_start", "2023-08-31前", "by 2023-08-31"),
    ("urban_dibao_standard", "不低于600→650元/月", "≥ 600→650元/月"), ("county_rank", "前十强10位", "≤ 10位"),
])
def test_a_target_as_the_document_words_it(rows, rid, zh, en):
    assert (labels.target_text(rows[rid], "zh"), labels.target_text(rows[rid], "en")) == (zh, en)


def test_targets_to_be_set_stretched_or_without_a_figure(rows):
    gdp = rows["gdp_growth"]
    assert labels.target_text(gdp.model_copy(update={"status": "target_to_be_set"}), "zh") == "待定"
    assert labels.target_text(gdp.model_copy(update={"stretch": True}), "en") == "≥ 8% (stretch)"
    assert labels.target_text(gdp.model_copy(update={"target": None, "qualifier": "稳中有进"}), "en") == "稳中有进"
    assert labels.target_text(gdp.model_copy(update={"target": None, "qualifier": None}), "zh") == ""
    m = rows["power_project_start"].model_copy(update={"target": 5.0, "unit": "个"})
    assert labels.target_text(m, "zh") == "5个 2023-08-31前" and labels.target_text(m, "en") == "5个 by 2023-08-31"
    assert labels.target_text(m.model_copy(update={"target": None, "due": None}), "en") == "by"


@pytest.mark.parametrize("qualifier,text", [(None, "35%"), ("", "35%"), ("以上", "35%以上"), ("以内", "35%以内"),
                                            ("力争…以上", "力争35%以上"), ("争取达", "争取达35%"), ("突破", "突破35%")])
def test_the_qualifier_goes_where_chinese_writes_it(qualifier, text):
    assert labels.zh_target("35%", qualifier) == text


@pytest.mark.parametrize("kw,zh,en", [
    ({"battle": "growth"}, "筛选：战役=打好经济增长主动仗", "Filters: battle=growth"),
    ({"unit": "rsj"}, "筛选：牵头单位=县人社局", "Filters: unit=rsj"),
    ({"lights": ["grey", "red"]}, "筛选：灯=红灯、灰灯", "Filters: light=grey,red"),  # 红灯 first, as lights are listed
])
def test_a_filtered_report_says_what_it_counts(kw, zh, en):
    from .test_report_workbook_cells import RECORDS

    report = build_report(load_plan(MINI), RECORDS, parse_period("2023-06"), **kw)
    assert (labels.filters_text(report, "zh"), labels.filters_text(report, "en")) == (zh, en)
    assert labels.summary_line(report, "zh").endswith(f"（仅计所示：{zh}）")
    assert labels.summary_line(report, "en").endswith(f" (counting only the rows shown: {en})")
    assert labels.context_line(report, "zh").endswith(f"序时进度 50.0% · {zh}")
    assert labels.subheading(report, "en").endswith(f" · {en}") and "(total " in labels.subheading(report, "en")


def test_the_summary_line_counts_each_light_and_the_overdue_tasks():
    from .test_report_workbook_cells import RECORDS

    report = build_report(load_plan(MINI), RECORDS, parse_period("2023-06"))
    assert labels.summary_line(report, "zh") == \
        "2023年1–6月：红灯0个，黄灯4个，绿灯1个，灰灯8个（无数据或未到期）；逾期任务1项"
    assert labels.summary_line(report, "en") == \
        "2023-06: 0 red, 4 yellow, 1 green, 8 grey (no data or not due); 1 task(s) overdue"
    assert labels.context_line(report, "en") == "as of 2023-06-30 · Time elapsed (序时进度) 50.0%"
    pending = report.model_copy(update={"rows": [r.model_copy(update={"status": "target_to_be_set"})
                                                 if r.id == "gdp_growth" else r for r in report.rows]})
    assert "（无数据或未到期，其中目标待定1个）" in labels.summary_line(pending, "zh")
    assert "(no data or not due; 1 target(s) to be set)" in labels.summary_line(pending, "en")


def test_the_year_s_report_is_headed_as_the_settlement():
    report = build_report(load_plan(MINI), [], parse_period("2023"))
    assert labels.heading(report, "zh") == "测试县年度计划 — 目标任务进度通报 2023年 · 年终结账"
    assert labels.heading(report, "en") == \
        "Test county annual plan (测试县年度计划) — Gap-to-target report 2023 · Year-end settlement"
    june = build_report(load_plan(MINI), [], parse_period("2023-06"))
    assert labels.heading(june, "zh") == "测试县年度计划 — 目标任务进度通报 2023年1–6月"
    assert [b for b, _ in labels.rows_by_battle(june)] == ["growth", "livelihood"]
    assert not labels.has_figures(june)
